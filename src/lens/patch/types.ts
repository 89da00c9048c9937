/**
 * RFC 6902 JSON Patch operations, as a strict union.
 *
 * @since 0.1.0
 */

/**
 * Adds `value` at `path`: inserts into an array (index `0..length`, or `-` to append) or sets an
 * object member (replacing an existing one).
 *
 * @category models
 * @since 0.1.0
 */
export interface AddOperation {
  readonly op: 'add'
  /** RFC 6901 pointer; its last token may be `-` (append). */
  readonly path: string
  readonly value: unknown
}

/**
 * Removes the value at `path`, which must exist.
 *
 * @category models
 * @since 0.1.0
 */
export interface RemoveOperation {
  readonly op: 'remove'
  readonly path: string
}

/**
 * Replaces the value at `path`, which must exist.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplaceOperation {
  readonly op: 'replace'
  readonly path: string
  readonly value: unknown
}

/**
 * Removes the value at `from` and adds it at `path` (evaluated after the removal).
 *
 * @category models
 * @since 0.1.0
 */
export interface MoveOperation {
  readonly op: 'move'
  /** Must exist; must not be a proper prefix of `path`. */
  readonly from: string
  /** Its last token may be `-` (append). */
  readonly path: string
}

/**
 * Adds a copy of the value at `from` at `path`.
 *
 * @category models
 * @since 0.1.0
 */
export interface CopyOperation {
  readonly op: 'copy'
  readonly from: string
  /** Its last token may be `-` (append). */
  readonly path: string
}

/**
 * Checks that the value at `path` equals `value` (structural JSON equality, key order ignored); the
 * whole patch fails otherwise.
 *
 * @category models
 * @since 0.1.0
 */
export interface TestOperation {
  readonly op: 'test'
  readonly path: string
  readonly value: unknown
}

/**
 * One RFC 6902 operation.
 *
 * @category models
 * @since 0.1.0
 */
export type PatchOperation = AddOperation | RemoveOperation | ReplaceOperation | MoveOperation | CopyOperation | TestOperation

/**
 * An RFC 6902 JSON Patch: operations applied in order, all or nothing.
 *
 * @category models
 * @since 0.1.0
 */
export type Patch = readonly PatchOperation[]

/**
 * The name of an RFC 6902 operation.
 *
 * @category models
 * @since 0.1.0
 */
export type PatchOperationName = PatchOperation['op']
