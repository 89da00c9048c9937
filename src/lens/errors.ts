/**
 * Typed errors of the lens core.
 *
 * @since 0.1.0
 */
import { LensyncError } from '../errors.js'

/**
 * The closed set of reasons a lens operation can fail.
 *
 * - `ViewOutOfRange` — the view (or an edit) touches something the lens does not expose.
 * - `HiddenFieldEdited` — a put changes a value the view shows only masked, or not at all.
 * - `AmbiguousKey` — a view holds two items with the same key, so alignment has no single answer.
 * - `DuplicateKey` — the source holds two items with the same key.
 * - `SchemaViolation` — the view does not satisfy the lens's JSON Schema (ajv errors attached).
 * - `VersionConflict` — an edit was made against another version than the source's.
 * - `UnsupportedPatchOp` — an RFC 6902 operation that cannot be translated through this lens.
 * - `InvalidPatch` — a malformed patch (unknown op, bad pointer, missing `value`/`from`).
 * - `PathNotFound` — a pointer names a location that does not exist.
 * - `InvalidLens` — a combinator was built with bad options (raised at construction time).
 *
 * Permissions are not a lens concern: the coordinator refuses a write by a peer without `WRITE` with
 * a `MissingPermissionError`.
 *
 * @category errors
 * @since 0.1.0
 */
export type LensErrorCode =
  | 'ViewOutOfRange'
  | 'HiddenFieldEdited'
  | 'AmbiguousKey'
  | 'DuplicateKey'
  | 'SchemaViolation'
  | 'VersionConflict'
  | 'UnsupportedPatchOp'
  | 'InvalidPatch'
  | 'PathNotFound'
  | 'InvalidLens'

/**
 * Named arguments of {@link LensError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface LensErrorParameters {
  /** Why the operation failed. */
  readonly code: LensErrorCode
  /** RFC 6901 JSON Pointer to the failing location (`''` is the whole value). */
  readonly pointer: string
  /** The lens step that failed, as it was built, e.g. `keyed(identifier)` or `prop("name")`. */
  readonly step: string
  /** One sentence a person can act on. */
  readonly message: string
  /** Offending values, shown under the message. */
  readonly metaMessages?: readonly string[] | undefined
  /** Extra structured data (ajv errors for `SchemaViolation`, the op index for patch errors). */
  readonly data?: unknown
  /** The underlying error. */
  readonly cause?: unknown
}

/**
 * The error every lens operation throws.
 *
 * **Details**
 * - `code` is one of {@link LensErrorCode}: switch on it, never on the message.
 * - `pointer` locates the failure in the value handed to the failing step (the view for `put`, the
 *   source for `get`, the document for a patch).
 * - `step` names the combinator that raised it.
 *
 * **Example** (catching a hidden-field edit)
 * ```ts
 * import { LensError, id, pipe, redact } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _deidentified = pipe(id<Patient>(), redact('birthDate', { mask: (d: string) => d.slice(0, 4) }))
 * const patient: Patient = { resourceType: 'Patient', birthDate: '1970-03-14' }
 * try {
 *   _deidentified.put(patient, { ..._deidentified.get(patient), birthDate: '1971' })
 * } catch (e) {
 *   if (e instanceof LensError && e.code === 'HiddenFieldEdited') console.log(e.pointer)
 *   // Output: /birthDate
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class LensError extends LensyncError {
  override name = 'LensError' as const
  readonly code: LensErrorCode
  readonly pointer: string
  readonly step: string
  readonly data: unknown

  constructor(parameters: LensErrorParameters) {
    super(`${parameters.code} at "${parameters.pointer}" in ${parameters.step}: ${parameters.message}`, {
      metaMessages: parameters.metaMessages,
      cause: parameters.cause,
    })
    this.code = parameters.code
    this.pointer = parameters.pointer
    this.step = parameters.step
    this.data = parameters.data
  }
}

/** @category errors @since 0.1.0 */
export type LensErrorType = LensError & { name: 'LensError' }

/**
 * Tells whether `error` is a {@link LensError}, optionally of one `code`.
 *
 * @category errors
 * @since 0.1.0
 */
export function isLensError(error: unknown, code?: LensErrorCode): error is LensError {
  return error instanceof LensError && (code === undefined || error.code === code)
}
