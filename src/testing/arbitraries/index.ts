/**
 * fast-check arbitraries for synthetic FHIR R4 data: resources (Patient, Observation, Condition,
 * MedicationRequest, AllergyIntolerance, Questionnaire, QuestionnaireResponse, Bundle) and the data
 * types they are built from.
 *
 * **Details** — every value is generated, never copied from real records, and obeys the FHIR JSON
 * rules lenses must respect: `resourceType` always present; `id`, `meta.versionId` and
 * `meta.lastUpdated` sometimes; no empty arrays, no empty objects, no `null` outside `_` parallel
 * arrays; identifiers unique by `system|value`; `_x` primitive-extension siblings and parallel arrays;
 * decimals as JS numbers; `#id` references resolving to `contained` resources; key order varying.
 *
 * Each builder takes an optional `…Constraints` object (fast-check style) and checks it when called,
 * throwing {@link InvalidConstraintsError}.
 *
 * The values are typed with lensync's own FHIR types, which admit `null` holes in `_x` parallel
 * arrays; `lensync/testing/fhir4` has the same builders typed with `@types/fhir` (`fhir4.Patient`, …).
 *
 * @since 0.1.0
 */
import { address } from './address.js'
import { allergyIntolerance } from './allergyIntolerance.js'
import { bundle } from './bundle.js'
import { codeableConcept } from './codeableConcept.js'
import { coding } from './coding.js'
import { condition } from './condition.js'
import { contactPoint } from './contactPoint.js'
import { element } from './element.js'
import { extension } from './extension.js'
import { humanName } from './humanName.js'
import { identifier } from './identifier.js'
import { medicationRequest } from './medicationRequest.js'
import { meta } from './meta.js'
import { observation } from './observation.js'
import { patient } from './patient.js'
import { period } from './period.js'
import { quantity } from './quantity.js'
import { questionnaire } from './questionnaire.js'
import { questionnaireResponse } from './questionnaireResponse.js'
import { reference } from './reference.js'

export {
  address,
  allergyIntolerance,
  bundle,
  codeableConcept,
  coding,
  condition,
  contactPoint,
  element,
  extension,
  humanName,
  identifier,
  medicationRequest,
  meta,
  observation,
  patient,
  period,
  quantity,
  questionnaire,
  questionnaireResponse,
  reference,
}
export type { AddressConstraints } from './address.js'
export type { AllergyIntoleranceConstraints } from './allergyIntolerance.js'
export type { BundleConstraints } from './bundle.js'
export type { CodeableConceptConstraints } from './codeableConcept.js'
export type { CodingConstraints } from './coding.js'
export type { ConditionConstraints } from './condition.js'
export type { ContactPointConstraints } from './contactPoint.js'
export type { ElementConstraints } from './element.js'
export type { ExtensionConstraints } from './extension.js'
export type { HumanNameConstraints } from './humanName.js'
export type { IdentifierConstraints } from './identifier.js'
export type { MedicationRequestConstraints } from './medicationRequest.js'
export type { ObservationConstraints } from './observation.js'
export type { PatientConstraints } from './patient.js'
export type { QuantityConstraints } from './quantity.js'
export type { QuestionnaireConstraints } from './questionnaire.js'
export type { QuestionnaireResponseConstraints } from './questionnaireResponse.js'
export type { ReferenceConstraints } from './reference.js'
export { InvalidConstraintsError } from '../errors.js'
export { patchFor } from './patch.js'
export type { PatchConstraints } from './patch.js'
export type { InvalidConstraintsErrorParameters, InvalidConstraintsErrorType } from '../errors.js'

/**
 * All FHIR arbitraries as one object, so that `import { arbitraries } from 'lensync'` reads
 * `arbitraries.patient()`.
 *
 * **Example**
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import { arbitraries, checkLaws } from 'lensync/testing'
 * import type { Patient } from 'lensync'
 * checkLaws(pipe(id<Patient>(), prop('name')), { source: arbitraries.patient() })
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const arbitraries = {
  address,
  allergyIntolerance,
  bundle,
  codeableConcept,
  coding,
  condition,
  contactPoint,
  element,
  extension,
  humanName,
  identifier,
  medicationRequest,
  meta,
  observation,
  patient,
  period,
  quantity,
  questionnaire,
  questionnaireResponse,
  reference,
} as const
