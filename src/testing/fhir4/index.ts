/**
 * `lensync/testing/fhir4` — the FHIR R4 arbitraries of `lensync/testing`, typed with `@types/fhir`:
 * `arbitraries.patient()` is an `fc.Arbitrary<fhir4.Patient>`, and so on for every resource and data
 * type, so that lenses over `fhir4` types meet them in `checkLaws` without a cast.
 *
 * **Details**
 * - The samples are those of `lensync/testing` (same constraints, same `InvalidConstraintsError`s),
 *   with two differences that `fhir4` types require: `_x` parallel arrays (`_given`, `_line`,
 *   `_category`) have an element in every slot instead of `null` holes, and the fields `fhir4`
 *   requires (`Observation.status`/`code`, `Condition.subject`, `MedicationRequest.status`/`intent`/
 *   `subject`, `AllergyIntolerance.patient`, `Bundle.type`, `Questionnaire.status`, a note's `text`, …)
 *   are always present. Both are checked on every sample ({@link Fhir4SampleError}), never assumed.
 * - Needs the optional peer dependencies `fast-check` and `@types/fhir` (0.0.41): the declarations
 *   refer to its global `fhir4` namespace (`/// <reference types="fhir" />`), the same types as
 *   `import type * as fhir4 from 'fhir/r4'`. `lensync/testing` itself needs neither `@types/fhir` nor
 *   this module.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import { allergyIntolerance } from './allergyIntolerance.js'
import { bundle } from './bundle.js'
import { condition } from './condition.js'
import { address, codeableConcept, coding, contactPoint, element, extension, humanName, identifier, meta, period, quantity, reference } from './dataTypes.js'
import { medicationRequest } from './medicationRequest.js'
import { observation } from './observation.js'
import { patient } from './patient.js'
import { questionnaire } from './questionnaire.js'
import { questionnaireResponse } from './questionnaireResponse.js'

export type {
  AddressConstraints,
  AllergyIntoleranceConstraints,
  BundleConstraints,
  CodeableConceptConstraints,
  CodingConstraints,
  ConditionConstraints,
  ContactPointConstraints,
  ElementConstraints,
  ExtensionConstraints,
  HumanNameConstraints,
  IdentifierConstraints,
  MedicationRequestConstraints,
  ObservationConstraints,
  PatientConstraints,
  QuantityConstraints,
  QuestionnaireConstraints,
  QuestionnaireResponseConstraints,
  ReferenceConstraints,
} from '../arbitraries/index.js'
export { InvalidConstraintsError } from '../errors.js'
export { Fhir4SampleError } from './errors.js'
export type { Fhir4SampleErrorCode, Fhir4SampleErrorParameters, Fhir4SampleErrorType } from './errors.js'

/**
 * All FHIR arbitraries typed with `@types/fhir` (`fhir4`), as one object with the keys of
 * `arbitraries` from `lensync/testing`: switching a test to `fhir4` types changes only the import.
 *
 * **Details** — each builder takes the same `…Constraints` as its `lensync/testing` namesake and
 * checks them when called (throwing `InvalidConstraintsError`); its samples are valid FHIR R4 and of
 * its `fhir4` type.
 *
 * **Example**
 * ```ts
 * import { fhir, id, pipe } from 'lensync/lens'
 * import { checkLaws } from 'lensync/testing'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * import type * as fhir4 from 'fhir/r4'
 * const result = checkLaws(pipe(id<fhir4.Patient>(), fhir.identifiers()), { source: arbitraries.patient() })
 * // Output: { ok: true, … }
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
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
