/**
 * `lensync/testing` — property-based checks for lenses and storage adapters: `checkLaws` (GetPut,
 * PutGet, PutPut, CreateGet), `checkEditLaws` (consistency, identity, composition, propagation of
 * RFC 6902 edits), FHIR R4 arbitraries, `patchFor` and the storage adapter behaviour suite. The
 * same arbitraries typed with `@types/fhir` are in `lensync/testing/fhir4`.
 *
 * Needs the optional peer dependency `fast-check` (and `vitest` for
 * `shouldBehaveLikeStorageAdapter`); `lensync/lens` and `lensync/coordinator` never load them.
 *
 * @since 0.1.0
 */
export { allLaws, assertLaws, checkLaws } from './checkLaws.js'
export type { CheckLawsOptions, LawCheckResult, LawFailure } from './checkLaws.js'
export { EditLawViolationError, InvalidConstraintsError, LawViolationError } from './errors.js'
export type {
  EditLaw,
  EditLawCounterexample,
  EditLawViolationErrorType,
  InvalidConstraintsErrorParameters,
  InvalidConstraintsErrorType,
  Law,
  LawCounterexample,
  LawViolationErrorParameters,
  LawViolationErrorType,
} from './errors.js'
export { arbitraries } from './arbitraries/index.js'
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
} from './arbitraries/index.js'
export { patchFor } from './arbitraries/patch.js'
export type { PatchConstraints } from './arbitraries/patch.js'
export { allEditLaws, assertEditLaws, checkEditLaws } from './checkEditLaws.js'
export type { CheckEditLawsOptions, EditLawCheckResult } from './checkEditLaws.js'
export { shouldBehaveLikeStorageAdapter } from './shouldBehaveLikeStorageAdapter.js'
export type { CrashFixture, CrashTarget, StorageCapabilities, StorageFixture, StorageHarness } from './shouldBehaveLikeStorageAdapter.js'
