/**
 * Arbitrary FHIR `Coding`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Coding } from '../../lens/fhir/types.js'
import { constraintsObject, digits, flag, phrase, record, varyKeyOrder, word } from './_internal/helpers.js'
import { InvalidConstraintsError } from '../errors.js'

/**
 * Constraints of {@link coding}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface CodingConstraints {
  /**
   * Code systems to draw from. @defaultValue LOINC, SNOMED CT, RxNorm and made-up
   * `https://example.org/CodeSystem/…` systems
   */
  readonly systems?: readonly string[] | undefined
  /** Sometimes add `version` and `userSelected`. @defaultValue true */
  readonly withDetails?: boolean | undefined
}

/** Code systems the generated codings use by default. @internal */
export const codeSystems: readonly string[] = [
  'http://loinc.org',
  'http://snomed.info/sct',
  'http://www.nlm.nih.gov/research/umls/rxnorm',
  'https://example.org/CodeSystem/local',
  'https://example.org/CodeSystem/lab',
]

const loincCode = fc.tuple(fc.integer({ min: 100, max: 99999 }), fc.nat(9)).map(([a, b]) => `${a}-${b}`)
const numericCode = fc.integer({ min: 10000, max: 999999999 }).map(String)
const localCode = fc.oneof(word, fc.stringMatching(/^[A-Z]{1,3}[0-9]{1,3}$/))

/** A made-up code in the shape its system uses (LOINC `NNNN-N`, SNOMED/RxNorm digits, else a word). @internal */
export function codeFor(system: string): fc.Arbitrary<string> {
  if (system === 'http://loinc.org') return loincCode
  if (system === 'http://snomed.info/sct' || system.includes('rxnorm')) return numericCode
  return localCode
}

/**
 * Generates a FHIR `Coding`: always `system` and `code`, sometimes `display`, `version` and
 * `userSelected`. Codes are made up in the shape of their system, never copied from a terminology.
 *
 * **When to use** — as a building block, or to test a lens over codings. Codings inside one
 * {@link codeableConcept} are unique by `system|code`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.coding(), 1)
 * // Output: [{ system: 'http://loinc.org', code: '4821-3', display: 'Belcor nor' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function coding(constraints?: CodingConstraints): fc.Arbitrary<Coding> {
  const api = 'arbitraries.coding'
  const c = constraintsObject(api, constraints)
  const withDetails = flag(api, 'withDetails', c.withDetails, true)
  const systems = c.systems ?? codeSystems
  if (!Array.isArray(systems) || systems.length === 0 || systems.some((s) => typeof s !== 'string' || s.length === 0))
    throw new InvalidConstraintsError({ api, constraint: 'systems', message: 'must be a non-empty array of non-empty strings', value: systems })
  const systemAndCode = fc
    .tuple(fc.constantFrom(...systems), loincCode, numericCode, localCode)
    .map(([system, loinc, numeric, local]) => ({
      system,
      code: system === 'http://loinc.org' ? loinc : system === 'http://snomed.info/sct' || system.includes('rxnorm') ? numeric : local,
    }))
  const rest = record<Coding>({
    display: phrase,
    version: withDetails ? fc.constantFrom('2.74', '20230901', '1.0.0') : undefined,
    userSelected: withDetails ? fc.boolean() : undefined,
  }, [], ['version', 'userSelected'])
  return varyKeyOrder(fc.tuple(systemAndCode, rest).map(([sc, r]) => ({ ...sc, ...r })))
}

export { coding }
