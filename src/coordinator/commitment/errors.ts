/**
 * Typed errors of the commitment code: {@link CanonicalizeError} for a value that is not JSON data,
 * {@link CommitmentError} for commitment parameters that cannot be encoded.
 *
 * @since 0.1.0
 */
import { LensyncError } from '../../errors.js'

/**
 * The closed set of reasons `canonicalize` rejects a value.
 *
 * - `NonFiniteNumber` — `NaN`, `Infinity` or `-Infinity` (JSON has no text for them; RFC 8785 §3.2.2.3).
 * - `LoneSurrogate` — a string or member name holding an unpaired UTF-16 surrogate (not I-JSON,
 *   RFC 8785 §3.1; it has no UTF-8 encoding).
 * - `UnsupportedType` — a function, symbol, bigint, or `undefined` outside an object member.
 * - `NonPlainObject` — an object whose prototype is neither `Object.prototype` nor `null` and that is
 *   not an array: `Date`, `Map`, `Set`, typed arrays, boxed primitives, class instances.
 * - `CircularReference` — an object or array that contains itself.
 * - `MaxDepthExceeded` — more than `maxCanonicalDepth` (1000) nested containers.
 *
 * @category errors
 * @since 0.1.0
 */
export type CanonicalizeErrorCode =
  | 'NonFiniteNumber'
  | 'LoneSurrogate'
  | 'UnsupportedType'
  | 'NonPlainObject'
  | 'CircularReference'
  | 'MaxDepthExceeded'

/**
 * Named arguments of {@link CanonicalizeError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface CanonicalizeErrorParameters {
  /** Why the value was rejected. */
  readonly code: CanonicalizeErrorCode
  /** RFC 6901 JSON Pointer to the rejected value inside the input (`''` is the input itself). */
  readonly pointer: string
  /** What was found there, e.g. `a Date` or `NaN`. */
  readonly found: string
}

/**
 * The error `canonicalize` (and every digest built on it) throws for a value that is not JSON data.
 *
 * **Details**
 * - `code` is one of {@link CanonicalizeErrorCode}: switch on it, never on the message.
 * - `pointer` locates the rejected value in the input.
 * - Nothing is coerced silently: a `Date` is not turned into its ISO string, `NaN` is not turned into
 *   `null`. Convert such values to JSON first, the same way on every peer.
 *
 * **Example** (a Date inside a view)
 * ```ts
 * import { canonicalize, CanonicalizeError } from 'lensync/coordinator'
 * try {
 *   canonicalize({ resourceType: 'Patient', birthDate: new Date(0) })
 * } catch (e) {
 *   if (e instanceof CanonicalizeError) console.log(e.code, e.pointer)
 *   // Output: NonPlainObject /birthDate
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class CanonicalizeError extends LensyncError {
  override name = 'CanonicalizeError' as const
  readonly code: CanonicalizeErrorCode
  readonly pointer: string

  constructor(parameters: CanonicalizeErrorParameters) {
    super(`${parameters.code} at "${parameters.pointer}": ${hints[parameters.code]}`, {
      metaMessages: [`Found: ${parameters.found}`],
    })
    this.code = parameters.code
    this.pointer = parameters.pointer
  }
}

/** @category errors @since 0.1.0 */
export type CanonicalizeErrorType = CanonicalizeError & { name: 'CanonicalizeError' }

const hints: Record<CanonicalizeErrorCode, string> = {
  NonFiniteNumber: 'JSON has no text for NaN or Infinity; store a finite number or drop the member.',
  LoneSurrogate: 'the string holds an unpaired UTF-16 surrogate; repair or drop it before hashing.',
  UnsupportedType: 'only JSON values can be canonicalized; convert or drop this value first.',
  NonPlainObject: 'only plain objects and arrays can be canonicalized; convert this object to JSON data first (e.g. a Date to its ISO string).',
  CircularReference: 'the value contains itself and has no JSON text; break the cycle.',
  MaxDepthExceeded: 'the value nests containers deeper than lensync canonicalizes; flatten it.',
}

/**
 * The closed set of reasons `commitment` rejects its parameters.
 *
 * - `InvalidParameter` — a parameter is missing, has the wrong type, is out of range for its ABI
 *   type, or is not 32 bytes of hex; `pointer` names it (`/salt`).
 *
 * @category errors
 * @since 0.1.0
 */
export type CommitmentErrorCode = 'InvalidParameter'

/**
 * Named arguments of {@link CommitmentError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface CommitmentErrorParameters {
  /** Why the parameters were rejected. */
  readonly code: CommitmentErrorCode
  /** JSON Pointer to the parameter, e.g. `/version`. */
  readonly pointer: string
  /** What the parameter must be. */
  readonly expected: string
  /** The value received. */
  readonly received: unknown
}

/**
 * The error `commitment` throws for a parameter that cannot be encoded.
 *
 * **Example** (a 31-byte salt)
 * ```ts
 * import { commitment, CommitmentError, newViewId, viewDigest } from 'lensync/coordinator'
 * try {
 *   commitment({
 *     chainId: 1,
 *     coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
 *     viewId: newViewId(),
 *     version: 1n,
 *     salt: `0x${'00'.repeat(31)}`,
 *     digest: viewDigest({ resourceType: 'Patient' }),
 *   })
 * } catch (e) {
 *   if (e instanceof CommitmentError) console.log(e.code, e.pointer)
 *   // Output: InvalidParameter /salt
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class CommitmentError extends LensyncError {
  override name = 'CommitmentError' as const
  readonly code: CommitmentErrorCode
  readonly pointer: string

  constructor(parameters: CommitmentErrorParameters) {
    super(`${parameters.code} at "${parameters.pointer}": expected ${parameters.expected}.`, {
      metaMessages: [`Received: ${show(parameters.received)}`],
    })
    this.code = parameters.code
    this.pointer = parameters.pointer
  }
}

/** @category errors @since 0.1.0 */
export type CommitmentErrorType = CommitmentError & { name: 'CommitmentError' }

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value)
  return String(value)
}
