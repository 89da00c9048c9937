/**
 * Arbitrary FHIR `CodeableConcept`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { CodeableConcept, Coding } from '../../lens/fhir/types.js'
import { coding } from './coding.js'
import { count, constraintsObject, flag, phrase, range, varyKeyOrder } from './_internal/helpers.js'

/**
 * Constraints of {@link codeableConcept}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface CodeableConceptConstraints {
  /** Most codings (unique by `system|code`). @defaultValue 3 */
  readonly maxCodings?: number | undefined
  /** Always include at least one coding (e.g. `Observation.code` in practice). @defaultValue false */
  readonly requireCoding?: boolean | undefined
  /** Code systems to draw from (see {@link coding}). @defaultValue LOINC, SNOMED CT, RxNorm and made-up systems */
  readonly systems?: readonly string[] | undefined
}

/** The `system|code` key the `coding` preset aligns codings by. @internal */
export const codingKey = (c: Coding): string => `${c.system ?? ''}|${c.code ?? ''}`

/**
 * Generates a FHIR `CodeableConcept`: a non-empty `coding` list unique by `system|code`, a `text`,
 * or both — never empty.
 *
 * **When to use** — to test lenses over concepts and the `coding` preset (keyed by `system|code`).
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.codeableConcept({ requireCoding: true }), 1)
 * // Output: [{ coding: [{ system: 'http://snomed.info/sct', code: '2840173' }], text: 'Orvel' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function codeableConcept(constraints?: CodeableConceptConstraints): fc.Arbitrary<CodeableConcept> {
  const api = 'arbitraries.codeableConcept'
  const c = constraintsObject(api, constraints)
  const maxCodings = count(api, 'maxCodings', c.maxCodings, 3)
  const requireCoding = flag(api, 'requireCoding', c.requireCoding, false)
  if (requireCoding) range(api, 'requireCoding', 1, 'maxCodings', maxCodings)
  const text = phrase.map((text): CodeableConcept => ({ text }))
  if (maxCodings === 0) return text
  const codings = fc.uniqueArray(coding(c.systems === undefined ? {} : { systems: c.systems }), {
    minLength: 1,
    maxLength: maxCodings,
    selector: codingKey,
  })
  const withCoding = fc
    .tuple(codings, fc.option(phrase, { nil: undefined }))
    .map(([coding, text]): CodeableConcept => (text === undefined ? { coding } : { coding, text }))
  return varyKeyOrder(requireCoding ? withCoding : fc.oneof({ weight: 4, arbitrary: withCoding }, { weight: 1, arbitrary: text }))
}

/** A concept with exactly one coding from a fixed value set, as FHIR uses for statuses. @internal */
export function fixedConcept(system: string, codes: readonly string[]): fc.Arbitrary<CodeableConcept> {
  return fc.constantFrom(...codes).map((code): CodeableConcept => ({ coding: [{ system, code }] }))
}

export { codeableConcept }
