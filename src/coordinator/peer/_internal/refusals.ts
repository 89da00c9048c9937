/**
 * Final and transient refusals of an incoming round, and the backoff between attempts. @internal
 */
import { TransportError } from '../../transport/errors.js'
import { PeerError } from '../errors.js'
import type { PeerLogReason, RetryPolicy } from '../types.js'

/**
 * The refusals that are final for a round: what the proposer served (or proposed) is wrong and
 * fetching it again cannot change that. Every other refusal reason is transient. @internal
 */
const finalReasons: ReadonlySet<PeerLogReason> = new Set<PeerLogReason>([
  'BadSignature',
  'PayloadTooLarge',
  'PayloadInvalid',
  'PayloadMismatch',
  'CommitmentMismatch',
  'PatchRejected',
])

/** Whether a refusal for `reason` is final (never retried, never acked; the controller cancels). @internal */
export const isFinalRefusal = (reason: PeerLogReason): boolean => finalReasons.has(reason)

/**
 * The refusal reason of a failed payload fetch:
 * - what this peer found wrong in what the proposer served (a bad signature, a payload above
 *   `maxResponseBytes`, one that does not open, is not sealed for this peer, or is malformed or for
 *   another round) is final: `BadSignature`, `PayloadTooLarge`, `PayloadInvalid`;
 * - a refusal answered by the serving peer (an HTTP-like error status: its roster lags, the clocks
 *   disagree, it rate limits…) is transient, except `NotRecipient` (the payload was sealed without this
 *   member and never will be: final);
 * - anything else (unreachable, timeout, not published yet, any other error) is transient:
 *   `PayloadUnavailable`. @internal
 */
export function fetchRefusal(error: unknown): PeerLogReason {
  if (!(error instanceof TransportError)) return 'PayloadUnavailable'
  const answeredByServer = error.status !== undefined && error.status !== 200
  if (error.code === 'NotRecipient') return 'PayloadInvalid'
  if (answeredByServer) return 'PayloadUnavailable'
  switch (error.code) {
    case 'BadSignature':
      return 'BadSignature'
    case 'PayloadTooLarge':
      return 'PayloadTooLarge'
    case 'InvalidPayload':
    case 'DecryptionFailed':
      return 'PayloadInvalid'
    default:
      return 'PayloadUnavailable'
  }
}

/** {@link RetryPolicy} with its defaults applied. @internal */
export interface Backoff {
  readonly initialDelay: number
  readonly maxDelay: number
}

/** The default {@link RetryPolicy}: 1 s, doubling, at most 60 s between attempts. @internal */
export const defaultBackoff: Backoff = { initialDelay: 1000, maxDelay: 60_000 }

/** `policy` checked and completed with the defaults (`InvalidArgument` naming the field). @internal */
export function backoffOf(policy: RetryPolicy | undefined): Backoff {
  const initialDelay = policy?.initialDelay ?? defaultBackoff.initialDelay
  const maxDelay = policy?.maxDelay ?? Math.max(defaultBackoff.maxDelay, initialDelay)
  if (!Number.isFinite(initialDelay) || initialDelay < 0)
    throw new PeerError({ code: 'InvalidArgument', pointer: '/retry/initialDelay', message: `retry.initialDelay must be a non-negative number of milliseconds, got ${initialDelay}.` })
  if (!Number.isFinite(maxDelay) || maxDelay < initialDelay)
    throw new PeerError({ code: 'InvalidArgument', pointer: '/retry/maxDelay', message: `retry.maxDelay must be a number of milliseconds of at least initialDelay (${initialDelay}), got ${maxDelay}.` })
  return { initialDelay, maxDelay }
}

/** The wait after the `attempts`-th failed attempt: `min(maxDelay, initialDelay · 2^(attempts − 1))`. @internal */
export function backoffDelay(backoff: Backoff, attempts: number): number {
  return Math.min(backoff.maxDelay, backoff.initialDelay * 2 ** Math.max(0, Math.min(attempts - 1, 52)))
}
