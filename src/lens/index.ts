/**
 * `lensync/lens` — lenses over JSON (FHIR R4) records.
 *
 * @since 0.1.0
 */
export { id, makeLens } from './Lens.js'
export type {
  ComposeLens,
  IdentityLens,
  Lens,
  LensStep,
  LensTag,
  MakeLensParameters,
  PathKey,
  PathLens,
  PathTemplate,
  SourceOf,
  ViewOf,
} from './Lens.js'
export { pipe } from './pipe.js'
export { LensError, isLensError } from './errors.js'
export type { LensErrorCode, LensErrorParameters, LensErrorType } from './errors.js'
export { compose } from './compose.js'
export { path } from './path.js'
export type { HasPath, PathCheck, PathStep, PathValue } from './path.js'
export { prop } from './prop.js'
export type { PropOptions } from './prop.js'
export { at } from './at.js'
export { pick } from './pick.js'
export type { KnownKeys, PickLens, PickOptions, PickView } from './pick.js'
export { omit } from './omit.js'
export type { OmitLens, OmitOptions, OmitView } from './omit.js'
export { rename } from './rename.js'
export type { FreeKey, RenameLens, RenameView } from './rename.js'
export { iso } from './iso.js'
export type { IsoLens } from './iso.js'
export { defaults } from './defaults.js'
export type { DefaultFits, DefaultsLens } from './defaults.js'
export { map } from './map.js'
export type { MapLens, MapView } from './map.js'
export type {
  AddOperation,
  CopyOperation,
  MoveOperation,
  Patch,
  PatchOperation,
  PatchOperationName,
  RemoveOperation,
  ReplaceOperation,
  TestOperation,
} from './patch/types.js'
export { validatePatch } from './patch/validatePatch.js'
export { applyPatch } from './patch/applyPatch.js'
export { diff } from './patch/diff.js'
export type { DiffOptions } from './patch/diff.js'
export { translate } from './translate.js'
export type { TranslateOptions } from './translate.js'
export { project } from './project.js'
export { keyed } from './keyed.js'
export type { KeyedLens, KeyedOptions } from './keyed.js'
export { filter } from './filter.js'
export type { FilterLens, FilterOptions } from './filter.js'
export { redact, redactedLabel } from './redact.js'
export type { RedactLens, RedactOptions, RedactPolicy } from './redact.js'
export { validate } from './validate.js'
export type { JsonSchema, ValidateLens, ValidateOptions } from './validate.js'
export * as fhir from './fhir/index.js'
export { under } from './under.js'
export type { UnderLens, UnderView } from './under.js'
export type * from './fhir/types.js'
