/**
 * Arbitrary FHIR `Identifier`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Identifier } from '../../lens/fhir/types.js'
import { fixedConcept } from './codeableConcept.js'
import { withPrimitiveExtension } from './element.js'
import { period } from './period.js'
import { reference } from './reference.js'
import { constraintsObject, flag, record, varyKeyOrder } from './_internal/helpers.js'

/**
 * Constraints of {@link identifier}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface IdentifierConstraints {
  /** Sometimes add a `_value` or `_system` primitive extension. @defaultValue true */
  readonly withExtensions?: boolean | undefined
  /** Sometimes leave `system` out (FHIR allows identifiers without a system). @defaultValue true */
  readonly withoutSystem?: boolean | undefined
}

/** The small pool of identifier systems, so that several identifiers of one resource share a system. @internal */
export const identifierSystems: readonly string[] = [
  'https://example.org/fhir/sid/mrn',
  'https://example.org/fhir/sid/national-id',
  'https://example.org/fhir/sid/insurance',
  'urn:oid:2.999.1.42',
]

/** The `system|value` key the `identifier` preset aligns identifiers by (no system: `|value`). @internal */
export const identifierKey = (i: Identifier): string => `${i.system ?? ''}|${i.value ?? ''}`

const identifierValue = fc.oneof(
  fc.stringMatching(/^[0-9]{3,10}$/),
  fc.stringMatching(/^[A-Z]{1,3}-?[0-9]{2,8}$/),
  fc.uuid(),
)

/**
 * Generates a FHIR `Identifier`: always a `value`, usually a `system` from a small pool, sometimes
 * `use`, `type`, `period`, `assigner` and primitive extensions. Values are made up.
 *
 * **When to use** — to test the `identifier` preset (keyed by `system|value`). Lists of identifiers
 * inside generated resources are unique by `system|value`, contain several identifiers of one system
 * and some without a system.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.identifier({ withExtensions: false }), 1)
 * // Output: [{ system: 'https://example.org/fhir/sid/mrn', value: '4402913', use: 'official' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function identifier(constraints?: IdentifierConstraints): fc.Arbitrary<Identifier> {
  const api = 'arbitraries.identifier'
  const c = constraintsObject(api, constraints)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const withoutSystem = flag(api, 'withoutSystem', c.withoutSystem, true)
  const base = record<Identifier>(
    {
      system: fc.constantFrom(...identifierSystems),
      value: identifierValue,
      use: fc.constantFrom('usual', 'official', 'temp', 'secondary', 'old'),
      type: fixedConcept('http://terminology.hl7.org/CodeSystem/v2-0203', ['MR', 'SS', 'DL', 'PPN', 'MB']),
      period: period(),
      assigner: reference({ types: ['Organization'] }),
    },
    withoutSystem ? ['value'] : ['system', 'value'],
    ['type', 'period', 'assigner'],
  )
  const weighted = withoutSystem
    ? fc.oneof({ weight: 4, arbitrary: base.map((i) => (i.system === undefined ? withSystem(i) : i)) }, { weight: 1, arbitrary: base })
    : base
  return varyKeyOrder(withPrimitiveExtension(weighted, ['value', 'system'], withExtensions))
}

// Keeps most identifiers with a system: the bare `record` leaves it out half of the time.
function withSystem(i: Identifier): Identifier {
  return { system: identifierSystems[i.value!.length % identifierSystems.length]!, ...i }
}

/**
 * A non-empty list of at most `max` identifiers unique by `system|value`, with shared systems.
 *
 * @internal
 */
export function identifierList(max: number, constraints: IdentifierConstraints): fc.Arbitrary<Identifier[]> {
  return fc.uniqueArray(identifier(constraints), { minLength: 1, maxLength: max, selector: identifierKey })
}

export { identifier }
