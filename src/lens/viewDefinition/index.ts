/**
 * `lensync/views` — SQL on FHIR v2 ViewDefinitions as lawful lenses, and view definitions as data.
 *
 * Needs the `fhirpath` package (HL7's FHIRPath engine), an optional peer dependency: install it
 * with lensync to use this entry. `lensync/lens` does not load it.
 *
 * @since 0.2.0
 */
export { viewDefinition } from './viewDefinition.js'
export type { ViewDefinitionLens, ViewDefinitionOptions } from './viewDefinition.js'
export type { ViewColumn, ViewConstant, ViewDefinition, ViewRow, ViewSelect } from './types.js'
export { ViewDefinitionError, isViewDefinitionError } from './errors.js'
export type { ViewDefinitionErrorCode, ViewDefinitionErrorParameters, ViewDefinitionErrorType } from './errors.js'
export { lensDefinition } from './lensDefinition.js'
export type { LensDefinition, LensStepDefinition } from './lensDefinition.js'
export { definitionHash, verifyDefinition } from './definitionHash.js'
export type { Definition } from './definitionHash.js'
