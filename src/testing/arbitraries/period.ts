/**
 * Arbitrary FHIR `Period`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Period } from '../../lens/fhir/types.js'
import { fhirDateTime } from './_internal/helpers.js'

/**
 * Generates a FHIR `Period`: `start`, `end` or both (never empty). `start <= end` is not enforced
 * (lenses must not depend on it).
 *
 * **When to use** — for `period` fields of names, addresses, identifiers and `effectivePeriod`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.period(), 1)
 * // Output: [{ start: '2019-04-02T08:15:00Z' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function period(): fc.Arbitrary<Period> {
  return fc.oneof(
    fhirDateTime.map((start): Period => ({ start })),
    fhirDateTime.map((end): Period => ({ end })),
    fc.tuple(fhirDateTime, fhirDateTime).map(([a, b]): Period => (a <= b ? { start: a, end: b } : { end: a, start: b })),
  )
}

export { period }
