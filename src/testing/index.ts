/**
 * `lensync/testing` — property-based checks for lenses and storage adapters: `checkLaws` (GetPut,
 * PutGet, PutPut, CreateGet), `checkEditLaws` (consistency, identity, composition, propagation of
 * RFC 6902 edits), FHIR R4 arbitraries, `patchFor` and the storage adapter behaviour suite.
 *
 * Needs the optional peer dependency `fast-check` (and `vitest` for
 * `shouldBehaveLikeStorageAdapter`); `lensync/lens` and `lensync/coordinator` never load them.
 *
 * @since 0.1.0
 */
export { allLaws, assertLaws, checkLaws, LawViolationError } from './checkLaws.js'
export type { CheckLawsOptions, Law, LawCheckResult, LawCounterexample, LawFailure, LawViolationErrorType } from './checkLaws.js'
export { arbitraries, InvalidConstraintsError } from './arbitraries/index.js'
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
  InvalidConstraintsErrorParameters,
  InvalidConstraintsErrorType,
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
export { allEditLaws, assertEditLaws, checkEditLaws, EditLawViolationError } from './checkEditLaws.js'
export type { CheckEditLawsOptions, EditLaw, EditLawCheckResult, EditLawCounterexample, EditLawViolationErrorType } from './checkEditLaws.js'
export { shouldBehaveLikeStorageAdapter } from './shouldBehaveLikeStorageAdapter.js'
export type { CrashFixture, CrashTarget, StorageFixture, StorageHarness } from './shouldBehaveLikeStorageAdapter.js'
