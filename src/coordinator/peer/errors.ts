/**
 * The errors of the peer engine.
 *
 * @since 0.1.0
 */
import type { Address, Hex } from 'viem'
import { LensyncError } from '../../errors.js'
import { LensError } from '../../lens/errors.js'

/**
 * Why the peer engine refused or failed an operation.
 *
 * - `RoundOpen` — a round is open on the view (on chain) or staged on a view over the same record
 *   (locally): the rule of the system; `sync()` until it closes, then retry.
 * - `StaleBase` — the view moved on (another round completed first): `sync()`, then redo the edit on
 *   the new view (rebase).
 * - `NotBound` — no lens is bound to the view (`bind` / `shareView` / `joinView` first).
 * - `NotJoined` — the view is bound but this peer has no state for it (`joinView` first).
 * - `NotMember` — this peer is not a peer of the view on chain (never was, or was removed: a view
 *   whose removal this peer saw is marked `revoked`), or `removeMember` named a non-member.
 * - `MissingPermission` — this peer lacks WRITE on the view: checked before anything is published
 *   (`source: 'local'`), or refused by the contract (`source: 'chain'`).
 * - `ProposerBenched` — the contract refused the proposal: this peer proposed the view's last round,
 *   which was cancelled or expired, and the view's other writers go first until the bench ends (`cause`:
 *   the contract's `ProposerBenchedError`, with `until`); retry after that, or once another writer's
 *   round completed.
 * - `NotController` — `setMember` / `removeMember` on a view this peer does not control.
 * - `CommitmentMismatch` — a fetched payload does not produce the commitment the chain holds.
 * - `RecordNotFound` — the record does not exist locally.
 * - `DefinitionMismatch` — `joinView` was given the hash of a view definition other than the one the
 *   view was created with (`ViewCreated.definitionHash`): this peer's lens is not the view's.
 * - `JoinUnavailable` — `joinView` cannot fetch the snapshot of the view from the member asked (`from`),
 *   or a round that member lags behind from its proposer: join from another member.
 * - `UnsupportedAccount` — `shareView` / `setMember` named a member whose address holds contract code (a
 *   smart account, ERC-1271): the engine, its transport and its relay work with EOAs only (see
 *   `pointer`, the member's address in the parameters).
 * - `ViewFailed` — `sync()` could not handle one view (`viewId`, `round`; the underlying error in
 *   `cause`): reported in `SyncResult.failures` and logged (`failed`); the other views went on, and
 *   this view's events are handled again from where it failed on the next `sync()`.
 * - `InvalidArgument` — a parameter is malformed.
 * - `ChainError` — any other failure of a contract call (see `cause`).
 * - `NotSettled` — `settle` gave up: the peers were still busy after `maxPasses`.
 * - `Timeout` — `waitForRound` (or `settled()`) saw no outcome of the round within `timeoutMs`
 *   (`pointer` `/timeoutMs`); the round goes on, wait again or `sync()`.
 * - `Closed` — the peer was `close()`d while `waitForRound` waited, or before it was called.
 *
 * @category errors
 * @since 0.1.0
 */
export type PeerErrorCode =
  | 'RoundOpen'
  | 'StaleBase'
  | 'NotBound'
  | 'NotJoined'
  | 'NotMember'
  | 'MissingPermission'
  | 'ProposerBenched'
  | 'NotController'
  | 'CommitmentMismatch'
  | 'DefinitionMismatch'
  | 'RecordNotFound'
  | 'JoinUnavailable'
  | 'UnsupportedAccount'
  | 'ViewFailed'
  | 'InvalidArgument'
  | 'ChainError'
  | 'NotSettled'
  | 'Timeout'
  | 'Closed'

/**
 * Named arguments of {@link PeerError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface PeerErrorParameters {
  /** Why. */
  readonly code: PeerErrorCode
  /** One sentence: what happened and what to do. */
  readonly message: string
  /** JSON Pointer to the offending parameter or value; `''` for the whole call. @defaultValue '' */
  readonly pointer?: string | undefined
  /** The view concerned. */
  readonly viewId?: Hex | undefined
  /** The record concerned. */
  readonly recordId?: string | undefined
  /** The round concerned. */
  readonly round?: bigint | undefined
  /** The underlying error (a coordinator, storage, transport or lens error). */
  readonly cause?: unknown
}

/**
 * An operation of the peer engine was refused or failed.
 *
 * **When to use**
 * Catch it around `peer.update`, `peer.updateRecord`, `peer.shareView` and `peer.joinView`; switch on
 * `code`. `RoundOpen` and `StaleBase` are the normal outcomes of concurrent writers: `sync()`, then
 * retry the edit on the new view.
 *
 * **Details**
 * - `cause` holds the underlying error: for a refusal by the contract, the typed coordinator error
 *   (`RoundOpenError`, `StaleBaseError`, `MissingPermissionError`, …), reachable with `walk()`.
 * - `source` tells who refused: `'local'` (this peer's own rule or storage) or `'chain'` (the contract).
 *
 * **Example** (rebase after losing a race)
 * ```ts
 * import type { Hex } from 'viem'
 * import type { Patch } from 'lensync'
 * import { PeerError, settle, type Peer } from 'lensync/coordinator'
 *
 * declare const doctor: Peer, patient: Peer, viewId: Hex, patch: Patch
 * try {
 *   await doctor.update(viewId, patch)
 * } catch (error) {
 *   if (!(error instanceof PeerError) || (error.code !== 'StaleBase' && error.code !== 'RoundOpen')) throw error
 *   await settle([doctor, patient])
 *   await doctor.update(viewId, patch)
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class PeerError extends LensyncError {
  override name = 'PeerError' as const
  readonly code: PeerErrorCode
  readonly pointer: string
  readonly viewId: Hex | undefined
  readonly recordId: string | undefined
  readonly round: bigint | undefined
  readonly source: 'local' | 'chain'

  constructor(parameters: PeerErrorParameters & { readonly source?: 'local' | 'chain' | undefined }) {
    const where = [
      ...(parameters.viewId !== undefined ? [`View: ${parameters.viewId}`] : []),
      ...(parameters.recordId !== undefined ? [`Record: ${parameters.recordId}`] : []),
      ...(parameters.round !== undefined ? [`Round: ${parameters.round}`] : []),
    ]
    super(`${parameters.code}${parameters.pointer ? ` at "${parameters.pointer}"` : ''}: ${parameters.message}`, {
      metaMessages: where,
      cause: parameters.cause,
    })
    this.code = parameters.code
    this.pointer = parameters.pointer ?? ''
    this.viewId = parameters.viewId
    this.recordId = parameters.recordId
    this.round = parameters.round
    this.source = parameters.source ?? 'local'
  }
}

/** @category errors @since 0.1.0 */
export type PeerErrorType = PeerError & { name: 'PeerError' }

/**
 * Tells whether `error` is a {@link PeerError} (optionally with `code`).
 *
 * @category errors
 * @since 0.1.0
 */
export function isPeerError(error: unknown, code?: PeerErrorCode): error is PeerError {
  return error instanceof PeerError && (code === undefined || error.code === code)
}

/**
 * Why a round was refused, as {@link RoundRefusedError.code}.
 *
 * - `Cancelled` — the round was cancelled on chain (`RoundAborted` with reason `Cancelled`) by `by`: the
 *   view's controller cancels a round it refused for good, and this peer did not refuse it itself, so
 *   the reason stayed on the refusing peer (see its `log`).
 * - `BadSignature`, `PayloadTooLarge`, `PayloadInvalid`, `PayloadMismatch`, `CommitmentMismatch`,
 *   `PatchRejected` — this peer refused the round for good, for that reason (the final
 *   {@link PeerLogReason}s), and it was then cancelled. For `PatchRejected` the lens's `LensError` is
 *   the `cause` and its `pointer` is copied.
 *
 * @category errors
 * @since 0.1.0
 */
export type RoundRefusalCode = 'Cancelled' | 'BadSignature' | 'PayloadTooLarge' | 'PayloadInvalid' | 'PayloadMismatch' | 'CommitmentMismatch' | 'PatchRejected'

/**
 * Named arguments of {@link RoundRefusedError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface RoundRefusedErrorParameters {
  /** Why. */
  readonly code: RoundRefusalCode
  /** One sentence: what happened. */
  readonly message: string
  readonly viewId: Hex
  readonly round: bigint
  /** The account that cancelled the round on chain, when known. */
  readonly by?: Address | undefined
  /** JSON Pointer into the view patch, when the refusal names a location. @defaultValue the `cause`'s pointer when it is a `LensError`, else '' */
  readonly pointer?: string | undefined
  /** The underlying error (the `LensError` or `TransportError` this peer refused the round for). */
  readonly cause?: unknown
}

/**
 * A round was refused: the error of a `{ status: 'refused' }` {@link RoundOutcome}.
 *
 * **When to use**
 * Read it from the outcome of `peer.waitForRound` or of a view handle's `update(…).settled()`; switch on
 * `code`. It is never thrown: a refused round is an outcome, not a failure of the wait.
 *
 * **Details**
 * - The proposer learns that its round was cancelled (`code` `Cancelled`, `by` the canceller) but not why:
 *   the reason is known only to the peer that refused it, which reports it under its own code.
 * - `pointer` is the `LensError`'s pointer when the lens refused the patch (`PatchRejected`).
 *
 * **Example** (what the proposer sees)
 * ```ts
 * import type { Hex } from 'viem'
 * import type { Patch } from 'lensync'
 * import type { Peer } from 'lensync/coordinator'
 *
 * declare const doctor: Peer, viewId: Hex, patch: Patch
 * const { round } = await doctor.update(viewId, patch)
 * const outcome = await doctor.waitForRound(viewId, round)
 * if (outcome.status === 'refused') console.log(outcome.error.code, outcome.by)
 * // Output: Cancelled 0xf39F…2266
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class RoundRefusedError extends LensyncError {
  override name = 'RoundRefusedError' as const
  readonly code: RoundRefusalCode
  readonly pointer: string
  readonly viewId: Hex
  readonly round: bigint
  readonly by: Address | undefined

  constructor(parameters: RoundRefusedErrorParameters) {
    const pointer = parameters.pointer ?? (parameters.cause instanceof LensError ? parameters.cause.pointer : '')
    super(`${parameters.code}${pointer ? ` at "${pointer}"` : ''}: ${parameters.message}`, {
      metaMessages: [`View: ${parameters.viewId}`, `Round: ${parameters.round}`, ...(parameters.by !== undefined ? [`By: ${parameters.by}`] : [])],
      cause: parameters.cause,
    })
    this.code = parameters.code
    this.pointer = pointer
    this.viewId = parameters.viewId
    this.round = parameters.round
    this.by = parameters.by
  }
}

/** @category errors @since 0.1.0 */
export type RoundRefusedErrorType = RoundRefusedError & { name: 'RoundRefusedError' }
