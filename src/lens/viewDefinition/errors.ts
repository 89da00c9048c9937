/**
 * Typed errors of ViewDefinitions: a definition that is not valid, and an evaluation that breaks
 * the SQL on FHIR rules.
 *
 * @since 0.2.0
 */
import { LensyncError } from '../../errors.js'

/**
 * The closed set of reasons a view definition is refused or fails on a resource.
 *
 * - `InvalidViewDefinition` — the definition breaks the ViewDefinition structure: no `resource`,
 *   a `forEach` that is not a string, a constant without a value, `unionAll` branches whose columns
 *   differ, an unknown `%constant`, two columns with one name (raised when the view is compiled).
 * - `InvalidFhirPath` — an expression the FHIRPath engine cannot parse (at compile time).
 * - `NotASingleValue` — a column without `collection: true` yields several values for a resource.
 * - `NotABoolean` — a `where` expression yields something other than one boolean (or nothing).
 * - `EvaluationFailed` — the FHIRPath engine raised an error while evaluating an expression.
 * - `DefinitionMismatch` — a definition does not hash to the hash recorded for its view.
 * - `InvalidLensDefinition` — a JSON lens definition names an unknown combinator or has bad arguments.
 *
 * @category errors
 * @since 0.2.0
 */
export type ViewDefinitionErrorCode =
  | 'InvalidViewDefinition'
  | 'InvalidFhirPath'
  | 'NotASingleValue'
  | 'NotABoolean'
  | 'EvaluationFailed'
  | 'DefinitionMismatch'
  | 'InvalidLensDefinition'

/**
 * Named arguments of {@link ViewDefinitionError}.
 *
 * @category errors
 * @since 0.2.0
 */
export interface ViewDefinitionErrorParameters {
  /** Why it failed. */
  readonly code: ViewDefinitionErrorCode
  /** RFC 6901 JSON Pointer into the definition (`/select/0/column/1/path`), `''` for the whole. */
  readonly pointer: string
  /** One sentence a person can act on. */
  readonly message: string
  /** Offending values, shown under the message. */
  readonly metaMessages?: readonly string[] | undefined
  /** The underlying error (the FHIRPath engine's). */
  readonly cause?: unknown
}

/**
 * The error a view definition raises when it is compiled, hashed or evaluated.
 *
 * **Details** — `code` is one of {@link ViewDefinitionErrorCode}; `pointer` locates the failing
 * part of the definition. Edits refused by the compiled lens (a read-only column) are
 * {@link LensError}s, like every other put.
 *
 * **Example** (a view without a resource type)
 * ```ts
 * import { ViewDefinitionError, viewDefinition } from 'lensync/views'
 * try {
 *   viewDefinition({ select: [{ column: [{ name: 'id', path: 'id' }] }] } as never)
 * } catch (e) {
 *   if (e instanceof ViewDefinitionError) console.log(e.code, e.pointer)
 *   // Output: InvalidViewDefinition /resource
 * }
 * ```
 *
 * @category errors
 * @since 0.2.0
 */
export class ViewDefinitionError extends LensyncError {
  override name = 'ViewDefinitionError' as const
  readonly code: ViewDefinitionErrorCode
  readonly pointer: string

  constructor(parameters: ViewDefinitionErrorParameters) {
    super(`${parameters.code} at "${parameters.pointer}": ${parameters.message}`, {
      metaMessages: parameters.metaMessages,
      cause: parameters.cause,
    })
    this.code = parameters.code
    this.pointer = parameters.pointer
  }
}

/** @category errors @since 0.2.0 */
export type ViewDefinitionErrorType = ViewDefinitionError & { name: 'ViewDefinitionError' }

/**
 * Tells whether `error` is a {@link ViewDefinitionError}, optionally of one `code`.
 *
 * @category errors
 * @since 0.2.0
 */
export function isViewDefinitionError(error: unknown, code?: ViewDefinitionErrorCode): error is ViewDefinitionError {
  return error instanceof ViewDefinitionError && (code === undefined || error.code === code)
}
