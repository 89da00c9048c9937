/**
 * Arbitrary FHIR `MedicationRequest`s typed `fhir4.MedicationRequest`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import { medicationRequest as baseMedicationRequest, type MedicationRequestConstraints } from '../arbitraries/medicationRequest.js'
import { annotations } from './_internal/annotation.js'
import { narrative } from './_internal/narrative.js'
import { holeless, present } from './_internal/narrow.js'

/**
 * Generates a synthetic FHIR R4 `MedicationRequest` typed `fhir4.MedicationRequest`: as
 * `arbitraries.medicationRequest` of `lensync/testing`, with the fields `fhir4` requires always
 * present.
 *
 * **Details** — `status`, `intent`, `subject` and one `medication[x]` (a coded concept or a reference)
 * always; sometimes dosage instructions, reasons, notes (each with `text`), extensions and primitive
 * extensions; no `contained` resources.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.medicationRequest({ maxDosages: 1 }), 1)
 * // Output: [{ resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/3' }, medicationCodeableConcept: { coding: [...] } }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function medicationRequest(constraints?: MedicationRequestConstraints): fc.Arbitrary<fhir4.MedicationRequest> {
  const api = 'arbitraries.medicationRequest'
  return baseMedicationRequest(constraints).map((sample): fhir4.MedicationRequest => {
    const { contained: _none, text, note, ...m } = holeless(api, sample)
    return {
      ...m,
      ...(text === undefined ? {} : { text: narrative(api, text) }),
      status: present(api, m.status, 'status'),
      intent: present(api, m.intent, 'intent'),
      subject: present(api, m.subject, 'subject'),
      ...(note === undefined ? {} : { note: annotations(api, note) }),
    }
  })
}
