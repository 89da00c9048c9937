/**
 * Typed errors of the off-chain transport.
 *
 * @since 0.1.0
 */
import { LensyncError } from '../../errors.js'

/**
 * The closed set of reasons a transport operation can fail.
 *
 * - `Unauthorized` — the requester was not a member of the view at the round asked for (by the serving
 *   peer's roster; round 0, the snapshot, asks for membership now). HTTP 403. The response carries no
 *   data of the view.
 * - `BadSignature` — a signature does not recover to the address it claims: a fetch request not
 *   signed by its `requester` (HTTP 401), or a payload not signed by its `proposer` / by the peer it
 *   was fetched from (raised on the client, the payload is dropped).
 * - `StaleRequest` — a fetch request's `issuedAt` is older than the server's freshness window, or
 *   ahead of the server's clock by more than its clock skew. HTTP 401.
 * - `Replay` — a fetch request whose nonce the server already answered (a captured request sent
 *   again). HTTP 401.
 * - `WrongAudience` — a fetch request signed for another serving peer (its `audience`). HTTP 421.
 * - `InvalidHost` — the `Host` header names no host the server answers for (DNS rebinding). HTTP 421.
 * - `UnsupportedMediaType` — a request body that is not `application/json`. HTTP 415.
 * - `RateLimited` — the client sent more requests than the server's per-client rate limit, or the
 *   server's replay or ack inbox is full. HTTP 429; retry later.
 * - `InsecureUrl` — the client refused to send to a plain `http://` URL of a remote host (only loopback
 *   may use plain HTTP unless `allowInsecureHttp` is set), or to a URL that is not HTTP at all.
 * - `KeyUnavailable` — a member's encryption key could not be resolved or its binding signature does
 *   not recover to the member's account: the payload cannot be sealed for it.
 * - `NotRecipient` — the payload of that round was not sealed for the requester (it was not a member
 *   when the round was published). HTTP 403.
 * - `DecryptionFailed` — a sealed payload does not open with this peer's key (tampered, or sealed for
 *   another key).
 * - `NotFound` — the serving peer holds no payload for that view and round (never published, or
 *   evicted). HTTP 404.
 * - `InvalidPayload` — malformed JSON, a field of the wrong shape (not a bytes32, a uint64 out of
 *   range, a patch op without `path`…), or a payload whose `viewId`/`round`/`proposer` differs from
 *   what was asked. HTTP 400. `pointer` names the field.
 * - `Conflict` — a second, different payload published for a view and round already published, or
 *   two in-process transports with the same account on one hub.
 * - `PayloadTooLarge` — a request body above the server's `maxRequestBytes` (HTTP 413), or a
 *   response above the client's `maxResponseBytes`.
 * - `Timeout` — the serving peer did not answer within `timeout`; on the serving side, a request body
 *   that did not arrive within the server's timeout (HTTP 408).
 * - `Unreachable` — no address for the peer (directory or hub has none), or the connection failed.
 * - `ServerError` — the serving peer failed (its roster could not be read, its archive threw, or it
 *   answered an unexpected status). HTTP 500.
 * - `Closed` — the transport was used after `close()`.
 * - `InvalidConfig` — a transport factory was called with bad settings (raised when it is built;
 *   `pointer` names the setting).
 *
 * @category errors
 * @since 0.1.0
 */
export type TransportErrorCode =
  | 'Unauthorized'
  | 'BadSignature'
  | 'StaleRequest'
  | 'Replay'
  | 'WrongAudience'
  | 'InvalidHost'
  | 'UnsupportedMediaType'
  | 'RateLimited'
  | 'InsecureUrl'
  | 'KeyUnavailable'
  | 'NotRecipient'
  | 'DecryptionFailed'
  | 'NotFound'
  | 'InvalidPayload'
  | 'Conflict'
  | 'PayloadTooLarge'
  | 'Timeout'
  | 'Unreachable'
  | 'ServerError'
  | 'Closed'
  | 'InvalidConfig'

/** Every code, for checks of untrusted input. @internal */
export const transportErrorCodes: readonly TransportErrorCode[] = [
  'Unauthorized',
  'BadSignature',
  'StaleRequest',
  'Replay',
  'WrongAudience',
  'InvalidHost',
  'UnsupportedMediaType',
  'RateLimited',
  'InsecureUrl',
  'KeyUnavailable',
  'NotRecipient',
  'DecryptionFailed',
  'NotFound',
  'InvalidPayload',
  'Conflict',
  'PayloadTooLarge',
  'Timeout',
  'Unreachable',
  'ServerError',
  'Closed',
  'InvalidConfig',
]

/**
 * Named arguments of {@link TransportError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface TransportErrorParameters {
  /** Why the operation failed. */
  readonly code: TransportErrorCode
  /** One sentence a person can act on. */
  readonly message: string
  /** RFC 6901 JSON Pointer to the offending field of the payload or request (`''` is the whole value). */
  readonly pointer?: string | undefined
  /** The view concerned, when known. */
  readonly viewId?: string | undefined
  /** The round concerned, when known. */
  readonly round?: bigint | undefined
  /** The other peer (its address, or its URL once resolved), when known. */
  readonly peer?: string | undefined
  /** The HTTP status involved, when there was one. */
  readonly status?: number | undefined
  /** Offending values, shown under the message. */
  readonly metaMessages?: readonly string[] | undefined
  /** The underlying error (a socket error, an abort). */
  readonly cause?: unknown
}

/**
 * The error every transport operation throws.
 *
 * **Details**
 * - `code` is one of {@link TransportErrorCode}: switch on it, never on the message.
 * - `pointer` locates the offending field (`/patch/2/path`, `/salt`); `''` when the whole request or
 *   payload is concerned.
 * - An error received from a serving peer carries only its code: servers never put view data, nor
 *   their reasons beyond the code, in an error body.
 *
 * **Example** (telling a refusal from a missing round)
 * ```ts
 * import type { Address, Hex } from 'viem'
 * import { TransportError, type Transport } from 'lensync/coordinator'
 *
 * declare const transport: Transport, viewId: Hex, proposer: Address
 * try {
 *   await transport.fetch({ viewId, round: 7n, from: proposer })
 * } catch (e) {
 *   if (e instanceof TransportError && e.code === 'Unauthorized') console.log('not a member')
 *   // Output: not a member
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class TransportError extends LensyncError {
  override name = 'TransportError' as const
  readonly code: TransportErrorCode
  readonly pointer: string
  readonly viewId: string | undefined
  readonly round: bigint | undefined
  readonly peer: string | undefined
  readonly status: number | undefined

  constructor(parameters: TransportErrorParameters) {
    const where = [
      parameters.viewId !== undefined ? `view ${parameters.viewId}` : undefined,
      parameters.round !== undefined ? `round ${parameters.round}` : undefined,
      parameters.peer !== undefined ? `peer ${parameters.peer}` : undefined,
    ].filter((part) => part !== undefined)
    const pointer = parameters.pointer ?? ''
    super(
      `${parameters.code}${pointer ? ` at "${pointer}"` : ''}${where.length ? ` (${where.join(', ')})` : ''}: ${parameters.message}`,
      { metaMessages: parameters.metaMessages, cause: parameters.cause },
    )
    this.code = parameters.code
    this.pointer = pointer
    this.viewId = parameters.viewId
    this.round = parameters.round
    this.peer = parameters.peer
    this.status = parameters.status
  }
}

/** @category errors @since 0.1.0 */
export type TransportErrorType = TransportError & { name: 'TransportError' }

/**
 * Tells whether `error` is a {@link TransportError}, optionally of one `code`.
 *
 * @category errors
 * @since 0.1.0
 */
export function isTransportError(error: unknown, code?: TransportErrorCode): error is TransportError {
  return error instanceof TransportError && (code === undefined || error.code === code)
}
