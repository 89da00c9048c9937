/**
 * Arbitrary FHIR `AllergyIntolerance`s typed `fhir4.AllergyIntolerance`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import { allergyIntoleranceWith, type AllergyIntoleranceConstraints } from '../arbitraries/allergyIntolerance.js'
import { annotations } from './_internal/annotation.js'
import { narrative } from './_internal/narrative.js'
import { holeless, present } from './_internal/narrow.js'

/**
 * Generates a synthetic FHIR R4 `AllergyIntolerance` typed `fhir4.AllergyIntolerance`: as
 * `arbitraries.allergyIntolerance` of `lensync/testing`, with the fields `fhir4` requires always
 * present and a `_category` parallel array with an element in every slot (never a `null` hole).
 *
 * **Details** — `patient` always; a `clinicalStatus` unless the `verificationStatus` is
 * `entered-in-error`, and then none (FHIR's invariants ait-1 and ait-2); sometimes categories
 * (unique), criticality, reactions (each with a non-empty `manifestation`), notes (each with `text`),
 * extensions and primitive extensions; no `contained` resources.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.allergyIntolerance({ maxReactions: 0 }), 1)
 * // Output: [{ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/9' }, category: ['food'], _category: [{ id: 'c' }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function allergyIntolerance(constraints?: AllergyIntoleranceConstraints): fc.Arbitrary<fhir4.AllergyIntolerance> {
  const api = 'arbitraries.allergyIntolerance'
  return allergyIntoleranceWith(constraints, false).map((sample): fhir4.AllergyIntolerance => {
    const { contained: _none, text, note, ...a } = holeless(api, sample)
    return {
      ...a,
      ...(text === undefined ? {} : { text: narrative(api, text) }),
      patient: present(api, a.patient, 'patient'),
      ...(note === undefined ? {} : { note: annotations(api, note) }),
    }
  })
}
