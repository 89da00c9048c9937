/**
 * The one error base of lensync.
 *
 * Every error the library throws extends {@link LensyncError}. Its message prints, in this order: the
 * short message, the meta lines, `Details:`, `Version:` — the layout of viem's `BaseError`, so errors
 * from the lens core, the coordinator and storage read the same way.
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
  /** Free-form detail, printed when there is no `cause` (a cause brings its own details). */
  readonly details?: string | undefined
  /** The underlying error, kept as the standard `cause`. */
  readonly cause?: unknown
}

/**
 * Base class of every lensync error.
 *
 * **Details**
 * - `code` says why, in a closed set per error class: switch on it, never on the message.
 * - `shortMessage` is one sentence saying what went wrong; `message` adds the meta lines, the
 *   details and the version, once.
 * - `cause` keeps the underlying error (a viem error, a driver error) untouched. `details` comes from
 *   it: the cause's own `details` when it is a lensync or viem error (so a chain of wrapped errors does
 *   not repeat its messages), otherwise the cause's message.
 * - `walk(fn)` follows the `cause` chain and returns the first error for which `fn` is true (or the
 *   deepest error when no `fn` is given).
 *
 * **Example** (catching any lensync error)
 * ```ts
 * import { LensyncError } from 'lensync'
 * import { canonicalize } from 'lensync/coordinator'
 * try {
 *   canonicalize({ value: Number.NaN })
 * } catch (e) {
 *   if (e instanceof LensyncError) console.log(e.name, e.code)
 *   // Output: CanonicalizeError NonFiniteNumber
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export abstract class LensyncError extends Error {
  override name = 'LensyncError'
  /** Why the operation failed; each subclass narrows it to its own closed set. */
  abstract readonly code: string
  readonly shortMessage: string
  readonly details: string
  readonly metaMessages: readonly string[] | undefined
  readonly version: string = version

  constructor(shortMessage: string, parameters: LensyncErrorParameters = {}) {
    const { cause, metaMessages } = parameters
    const details = cause === undefined ? (parameters.details ?? '') : detailsOf(cause)
    const lines = [
      shortMessage,
      ...(metaMessages?.length ? ['', ...metaMessages] : []),
      ...(details ? ['', `Details: ${details}`] : []),
      '',
      `Version: lensync@${version}`,
    ]
    super(lines.join('\n'), cause !== undefined ? { cause } : undefined)
    this.shortMessage = shortMessage
    this.details = details
    this.metaMessages = metaMessages
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

/**
 * The details a cause contributes: a lensync or viem error's own `details` (its formatted message
 * would repeat its short message, meta lines and version), any other error's message.
 */
function detailsOf(cause: unknown): string {
  if (isBaseError(cause)) return cause.details ?? ''
  if (cause instanceof Error) return cause.message
  return String(cause)
}

/** A `LensyncError`, or viem's `BaseError` (recognized by shape, so the lens entry does not load viem). */
function isBaseError(error: unknown): error is Error & { readonly shortMessage: string; readonly details?: string | undefined } {
  return error instanceof LensyncError || (error instanceof Error && typeof (error as { shortMessage?: unknown }).shortMessage === 'string' && 'details' in error)
}

function walk(error: unknown, fn?: (error: unknown) => boolean): unknown {
  if (fn?.(error)) return error
  if (error !== null && typeof error === 'object' && 'cause' in error && error.cause !== undefined)
    return walk(error.cause, fn)
  return fn ? null : error
}

/** @category errors @since 0.1.0 */
export type LensyncErrorType = LensyncError & { name: 'LensyncError' }
