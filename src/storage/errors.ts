/**
 * Typed errors of the storage adapters.
 *
 * @since 0.1.0
 */
import { LensyncError } from '../errors.js'

/**
 * The closed set of reasons a storage operation can fail.
 *
 * - `VersionConflict` — a compare-and-swap found another version than expected (`putRecord`, `stage`,
 *   `promote`). Nothing was written.
 * - `StageConflict` — `(viewId, round)` is already staged with different writes or meta.
 * - `StageNotFound` — `promote` of a round that was never staged (and never finished).
 * - `RoundFinished` — the round was already promoted or discarded, and the call contradicts that
 *   (staging it again, promoting a discarded round, discarding a promoted one).
 * - `InvalidValue` — a value is not storable JSON (`pointer` says where).
 * - `InvalidArgument` — a malformed id, round, version, cursor or event key.
 * - `TransactionMisuse` — the adapter itself (not the `tx` handed to `transaction(fn)`) was called
 *   inside `fn`, or `tx` was used after its transaction ended.
 * - `Closed` — the adapter was used after `close()`.
 * - `Driver` — the database or its driver failed (connection refused, I/O error, …); see `cause`.
 * - `Migration` — the tables could not be created, or were created by a newer lensync.
 * - `MissingDependency` — the adapter's database driver, an optional peer dependency, is not
 *   installed (`@electric-sql/pglite` for `pgliteStorage`, `pg` for `postgresStorage`); the message
 *   names the package to install.
 *
 * @category errors
 * @since 0.1.0
 */
export type StorageErrorCode =
  | 'VersionConflict'
  | 'StageConflict'
  | 'StageNotFound'
  | 'RoundFinished'
  | 'InvalidValue'
  | 'InvalidArgument'
  | 'TransactionMisuse'
  | 'Closed'
  | 'Driver'
  | 'Migration'
  | 'MissingDependency'

/**
 * What a {@link StorageError} is about. Fields that do not apply are absent.
 *
 * @category errors
 * @since 0.1.0
 */
export interface StorageErrorContext {
  /** The record involved. */
  readonly recordId?: string | undefined
  /** The version the caller expected, `null` for "absent" (`VersionConflict`). */
  readonly expectedVersion?: string | null | undefined
  /** The version found in storage, `null` when the record does not exist (`VersionConflict`). */
  readonly actualVersion?: string | null | undefined
  /** The view involved. */
  readonly viewId?: string | undefined
  /** The round involved. */
  readonly round?: bigint | undefined
  /** How the round ended earlier (`RoundFinished`). */
  readonly outcome?: 'promoted' | 'discarded' | undefined
}

/**
 * Named arguments of {@link StorageError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface StorageErrorParameters {
  /** Why the operation failed. */
  readonly code: StorageErrorCode
  /** The storage operation that failed, e.g. `promote` or `pgliteStorage`. */
  readonly operation: string
  /** One sentence a person can act on. */
  readonly message: string
  /** RFC 6901 JSON Pointer into the offending value (`InvalidValue`); `''` otherwise. */
  readonly pointer?: string | undefined
  /** What the error is about. */
  readonly context?: StorageErrorContext | undefined
  /** Offending values, shown under the message. */
  readonly metaMessages?: readonly string[] | undefined
  /** The underlying error (a driver error for `Driver` and `Migration`). */
  readonly cause?: unknown
}

/**
 * The error every storage adapter throws.
 *
 * **When to use**
 * Catch it around storage calls and switch on `code`; {@link isStorageError} narrows in one step.
 *
 * **Details**
 * - `code` is one of {@link StorageErrorCode}: switch on it, never on the message.
 * - `context` names the record, view and round involved; for `VersionConflict` it holds
 *   `expectedVersion` and `actualVersion`.
 * - `pointer` locates the offending part of a value for `InvalidValue` (`''` otherwise).
 * - Driver errors (from `pg` or PGlite) are wrapped with code `Driver` and kept as `cause`; the
 *   PostgreSQL SQLSTATE, when there is one, is printed in the meta lines.
 * - A failed operation has no effect, even inside a transaction (see `StorageAdapter`).
 *
 * **Example** (retrying a write after a version conflict)
 * ```ts
 * import { isStorageError } from 'lensync'
 * import { memoryStorage } from 'lensync/storage/memory'
 *
 * const storage = memoryStorage()
 * const { version } = await storage.putRecord('patient-1', { resourceType: 'Patient' }, { expectedVersion: null })
 * try {
 *   await storage.putRecord('patient-1', { resourceType: 'Patient', gender: 'female' }, { expectedVersion: 'stale' })
 * } catch (e) {
 *   if (isStorageError(e, 'VersionConflict')) console.log(e.context.actualVersion === version)
 *   // Output: true
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class StorageError extends LensyncError {
  override name = 'StorageError' as const
  readonly code: StorageErrorCode
  readonly operation: string
  readonly pointer: string
  readonly context: StorageErrorContext

  constructor(parameters: StorageErrorParameters) {
    super(`${parameters.code} in ${parameters.operation}: ${parameters.message}`, {
      metaMessages: parameters.metaMessages,
      cause: parameters.cause,
    })
    this.code = parameters.code
    this.operation = parameters.operation
    this.pointer = parameters.pointer ?? ''
    this.context = parameters.context ?? {}
  }
}

/** @category errors @since 0.1.0 */
export type StorageErrorType = StorageError & { name: 'StorageError' }

/**
 * Tells whether `error` is a {@link StorageError}, optionally of one `code`.
 *
 * **Example**
 * ```ts
 * import { isStorageError } from 'lensync'
 * isStorageError(new Error('x'))
 * // Output: false
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code)
}
