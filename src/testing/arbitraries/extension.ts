/**
 * Arbitrary FHIR `Extension`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Extension } from '../../lens/fhir/types.js'
import { coding } from './coding.js'
import { count, constraintsObject, decimal, fhirDate, fhirDateTime, freeText, range, varyKeyOrder, word } from './_internal/helpers.js'

/**
 * Constraints of {@link extension}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface ExtensionConstraints {
  /** Nesting depth of complex extensions (`extension` inside `extension`); 0 = only `value[x]`. @defaultValue 1 */
  readonly maxDepth?: number | undefined
  /** Most sub-extensions of a complex extension (unique by `url`). @defaultValue 3 */
  readonly maxNested?: number | undefined
}

/** A made-up or core extension URL. @internal */
export const extensionUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: word.map((w) => `https://example.org/fhir/StructureDefinition/${w}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
      'http://hl7.org/fhir/StructureDefinition/patient-birthTime',
      'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix',
      'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-precinct',
    ),
  },
)

const value: fc.Arbitrary<Partial<Extension>> = fc.oneof(
  freeText.map((valueString) => ({ valueString })),
  word.map((valueCode) => ({ valueCode })),
  fc.boolean().map((valueBoolean) => ({ valueBoolean })),
  fc.integer({ min: -1000, max: 100000 }).map((valueInteger) => ({ valueInteger })),
  decimal(-100, 1000).map((valueDecimal) => ({ valueDecimal })),
  fhirDate.map((valueDate) => ({ valueDate })),
  fhirDateTime.map((valueDateTime) => ({ valueDateTime })),
  word.map((w) => ({ valueUri: `https://example.org/${w}` })),
  coding({ withDetails: false }).map((valueCoding) => ({ valueCoding })),
)

function build(depth: number, maxNested: number): fc.Arbitrary<Extension> {
  const simple = fc.tuple(extensionUrl, value).map(([url, v]): Extension => ({ url, ...v }))
  if (depth <= 0 || maxNested === 0) return varyKeyOrder(simple)
  const complex = fc
    .tuple(extensionUrl, extensionList(depth - 1, maxNested, maxNested))
    .map(([url, extension]): Extension => ({ url, extension }))
  return varyKeyOrder(fc.oneof({ weight: 3, arbitrary: simple }, { weight: 1, arbitrary: complex }))
}

/**
 * A non-empty list of at most `max` extensions, unique by `url` (so the `extension` preset, keyed by
 * `url`, accepts it).
 *
 * @internal
 */
export function extensionList(depth: number, maxNested: number, max: number): fc.Arbitrary<Extension[]> {
  return fc.uniqueArray(build(depth, maxNested), { minLength: 1, maxLength: Math.max(1, max), selector: (e) => e.url })
}

/**
 * Generates a FHIR `Extension`: a `url` with exactly one `value[x]` (string, code, boolean, integer,
 * decimal, date, dateTime, uri, Coding), or — a complex extension — a non-empty `extension` list of
 * sub-extensions unique by `url`.
 *
 * **When to use** — to test lenses over `extension` arrays (keyed by `url`) and primitive `_x`
 * siblings (see {@link element}).
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.extension({ maxDepth: 0 }), 1)
 * // Output: [{ url: 'https://example.org/fhir/StructureDefinition/belor', valueBoolean: true }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function extension(constraints?: ExtensionConstraints): fc.Arbitrary<Extension> {
  const api = 'arbitraries.extension'
  const c = constraintsObject(api, constraints)
  const maxDepth = count(api, 'maxDepth', c.maxDepth, 1)
  const maxNested = count(api, 'maxNested', c.maxNested, 3)
  range(api, 'maxDepth', maxDepth, 'the supported depth', 4)
  return build(maxDepth, maxNested)
}

export { extension }
