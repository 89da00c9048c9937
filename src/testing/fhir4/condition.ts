/**
 * Arbitrary FHIR `Condition`s typed `fhir4.Condition`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import { condition as baseCondition, type ConditionConstraints } from '../arbitraries/condition.js'
import { annotations } from './_internal/annotation.js'
import { narrative } from './_internal/narrative.js'
import { holeless, present } from './_internal/narrow.js'

/**
 * Generates a synthetic FHIR R4 `Condition` typed `fhir4.Condition`: as `arbitraries.condition` of
 * `lensync/testing`, with the fields `fhir4` requires always present.
 *
 * **Details** — `subject`, `code` and `clinicalStatus` always; sometimes onset[x], verification
 * status, categories, notes (each with `text`), extensions and primitive extensions; no `contained`
 * resources. FHIR's invariants hold: an `abatementDateTime` only with an inactive, resolved or
 * remission `clinicalStatus` (con-4).
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.condition(), 1)
 * // Output: [{ resourceType: 'Condition', clinicalStatus: { coding: [...] }, code: { text: 'Cor ven' }, subject: { reference: 'Patient/7' } }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function condition(constraints?: ConditionConstraints): fc.Arbitrary<fhir4.Condition> {
  const api = 'arbitraries.condition'
  return baseCondition(constraints).map((sample): fhir4.Condition => {
    const { contained: _none, text, note, ...c } = holeless(api, sample)
    return {
      ...c,
      ...(text === undefined ? {} : { text: narrative(api, text) }),
      subject: present(api, c.subject, 'subject'),
      ...(note === undefined ? {} : { note: annotations(api, note) }),
    }
  })
}
