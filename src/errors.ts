/**
 * The one error base of lensync.
 *
 * Every error the library throws extends {@link LensyncError}. Its message prints, in this order: the
 * short message, the meta lines, `Docs:`, `Details:`, `Version:` — the layout of viem's `BaseError`, so
 * errors from the lens core, the coordinator and storage read the same way.
 *
 * @since 0.1.0
 */

/** The package version printed on every error. @internal */
export const version = '0.1.0'

/**
 * Named arguments of {@link LensyncError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface LensyncErrorParameters {
  /** Lines printed under the short message (offending values, hints). */
  readonly metaMessages?: readonly string[] | undefined
  /** Path of the documentation page, relative to the README. */
  readonly docsPath?: string | undefined
  /** Free-form detail; defaults to the cause's message. */
  readonly details?: string | undefined
  /** The underlying error, kept as the standard `cause`. */
  readonly cause?: unknown
}

/**
 * Base class of every lensync error.
 *
 * **Details**
 * - `shortMessage` is one sentence saying what went wrong; `message` adds meta lines, docs, details
 *   and the version.
 * - `cause` keeps the underlying error (a viem error, a driver error) untouched.
 * - `walk(fn)` follows the `cause` chain and returns the first error for which `fn` is true (or the
 *   deepest error when no `fn` is given).
 *
 * @category errors
 * @since 0.1.0
 */
export class LensyncError extends Error {
  override name = 'LensyncError'
  readonly shortMessage: string
  readonly details: string
  readonly docsPath: string | undefined
  readonly metaMessages: readonly string[] | undefined
  readonly version: string = version

  constructor(shortMessage: string, parameters: LensyncErrorParameters = {}) {
    const details =
      parameters.details ??
      (parameters.cause instanceof Error ? parameters.cause.message : parameters.cause !== undefined ? String(parameters.cause) : '')
    const lines = [
      shortMessage,
      ...(parameters.metaMessages?.length ? ['', ...parameters.metaMessages] : []),
      ...(parameters.docsPath ? ['', `Docs: ${parameters.docsPath}`] : []),
      ...(details ? ['', `Details: ${details}`] : []),
      '',
      `Version: lensync@${version}`,
    ]
    super(lines.join('\n'), parameters.cause !== undefined ? { cause: parameters.cause } : undefined)
    this.shortMessage = shortMessage
    this.details = details
    this.docsPath = parameters.docsPath
    this.metaMessages = parameters.metaMessages
  }

  /**
   * Follows the `cause` chain.
   *
   * @param fn - Predicate; when omitted, the deepest error in the chain is returned.
   * @returns The first error matching `fn`, or `null` when none does.
   */
  walk(fn?: (error: unknown) => boolean): unknown {
    return walk(this, fn)
  }
}

function walk(error: unknown, fn?: (error: unknown) => boolean): unknown {
  if (fn?.(error)) return error
  if (error !== null && typeof error === 'object' && 'cause' in error && error.cause !== undefined)
    return walk(error.cause, fn)
  return fn ? null : error
}

/** @category errors @since 0.1.0 */
export type LensyncErrorType = LensyncError & { name: 'LensyncError' }
