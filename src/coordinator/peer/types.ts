/**
 * # Peer
 *
 * The peer engine: one participant of the lensync protocol, with a chain account, a local storage, its
 * records, the views it holds (a lens per view) and a transport.
 *
 * ## Mental model
 * - **Records** live in the peer's storage. The patient's record is the full FHIR Bundle; a doctor who
 *   holds only a view stores that view as its record (identity lens).
 * - **Bindings** `{ viewId, recordId, lens }` say how a view is read from a record. They are code: the
 *   application registers them on every start with `peer.bind` (or `shareView` / `joinView`).
 * - **View state** (in storage): the version, head commitment, salt, digest and view data this peer last
 *   accepted.
 * - **Rounds**: `update` stages the new record, publishes `{ patch, salt }` and proposes the commitment;
 *   every other peer fetches, applies through its own lens (staged), recomputes the commitment from its
 *   own data and acks only if it matches; `RoundCompleted` promotes everywhere, `RoundAborted` discards.
 * - **Propagation**: when a record changes, the peer that holds it proposes a round on every other view
 *   over that record it may write, with the projected patch.
 *
 * ## Gotchas
 * - Bind every view before the first `sync()`: events for a view that is not bound are skipped for good.
 * - `joinView` starts from a snapshot of the current version served by a member (`from`, default the
 *   controller) and checks it against the commitment on chain; only when that member lags behind the
 *   chain does it replay the rounds since, each fetched from its proposer. Every peer serves its
 *   snapshot (round 0) from its view state through `Transport.setArchive`: a custom transport without
 *   `setArchive` cannot serve joins. Proposers keep only the newest 32 completed payloads per view
 *   (`published`), so a member that lags further cannot serve a join (`JoinUnavailable`).
 * - Membership: the controller calls `setMember` / `removeMember`; a change while a round is open
 *   aborts it in the same transaction. A removed peer marks the view `revoked` on its next `sync`,
 *   keeps its last copy, and stops; one set back before it read its removal (e.g. evicted as silent by
 *   `evictAndCommit`, then readmitted) replays the rounds it missed (`caughtUp`).
 * - One `Peer` per storage at a time; a restarted peer is a new `Peer` on the same storage.
 *
 * @since 0.1.0
 */
import type { Address, Chain, Hex, LocalAccount, PublicClient, Transport as ViemTransport, WalletClient } from 'viem'
import type { Lens } from '../../lens/Lens.js'
import type { Patch } from '../../lens/patch/types.js'
import type { StorageAdapter, StoredRecord } from '../../storage/StorageAdapter.js'
import type { JsonValue } from '../../json/JsonValue.js'
import type { ViewHistory } from '../chain/history.js'
import type { AckChannel } from '../transport/ackChannel.js'
import type { SealedRoundPayload, Transport } from '../transport/types.js'
import type { PeerError } from './errors.js'
import type { RoundOutcome, WaitForRoundOptions } from './roundOutcome.js'
import type { FaultHook, FaultPoint } from './faults.js'

/**
 * Parameters of `createPeer`.
 *
 * @category models
 * @since 0.1.0
 */
export interface CreatePeerParameters {
  /** This peer's local account: sends its transactions, signs acks and payloads. */
  readonly account: LocalAccount
  /**
   * Reads the chain (view state, events). Give either both clients, or `rpcUrl` and `chain`.
   * @defaultValue `createPublicClient({ chain, transport: http(rpcUrl) })`
   */
  readonly publicClient?: PublicClient<ViemTransport, Chain> | undefined
  /**
   * Sends this peer's transactions (with `account`).
   * @defaultValue `createWalletClient({ account, chain, transport: http(rpcUrl) })`
   */
  readonly walletClient?: WalletClient<ViemTransport, Chain> | undefined
  /** JSON-RPC URL of the chain, when no clients are given. */
  readonly rpcUrl?: string | undefined
  /** The chain, when no clients are given. */
  readonly chain?: Chain | undefined
  /**
   * Milliseconds between receipt polls of the clients created from `rpcUrl`.
   * @defaultValue 250
   */
  readonly pollingInterval?: number | undefined
  /** The ViewCoordinator contract. */
  readonly coordinator: Address
  /** This peer's local storage. */
  readonly storage: StorageAdapter
  /** Moves payloads (patches and salts) between peers. */
  readonly transport: Transport
  /**
   * `'direct'`: each peer sends its own `ack` transaction. `'relay'`: peers sign EIP-712 acks and hand
   * them to the proposer over `ackChannel`, which relays them all in one `ackWithSignatures`.
   * @defaultValue 'direct'
   */
  readonly ackMode?: 'direct' | 'relay' | undefined
  /** Where signed acks travel in relay mode (required for `ackMode: 'relay'`). */
  readonly ackChannel?: AckChannel | undefined
  /**
   * Blocks to wait before handling an event (reorg safety): an event is acted on only once this many
   * blocks are on top of it. Set it to at least the chain's reorg depth.
   * @defaultValue 2, or 0 on local development chains (chain id 31337 or 1337)
   */
  readonly confirmations?: number | undefined
  /**
   * Seconds every other peer has to ack a round this peer proposes. Past it, the `sync()` of any peer
   * that staged the round closes it with `expireRound`, and every peer discards it.
   * @defaultValue 3600
   */
  readonly ttl?: number | undefined
  /**
   * First block to read events from when storage holds no cursor yet (the contract's deployment block).
   * @defaultValue 0n
   */
  readonly fromBlock?: bigint | undefined
  /**
   * Blocks per `getLogs` request.
   * @defaultValue 1000n
   */
  readonly batchSize?: bigint | undefined
  /** Called with every entry added to {@link Peer.log}. */
  readonly onLog?: ((entry: PeerLogEntry) => void) | undefined
  /**
   * How often a round refused for a transient reason (`PayloadUnavailable`, `RecordLocked`,
   * `StaleBase`) is tried again. Final refusals are never retried. See {@link RetryPolicy}.
   * @defaultValue `{ initialDelay: 1000, maxDelay: 60_000 }`
   */
  readonly retry?: RetryPolicy | undefined
  /**
   * For tests only: called before each await point of a round ({@link FaultPoint}); throw an
   * `InjectedFault` to simulate a crash there. See {@link FaultHook}.
   * @defaultValue undefined (no hook, no cost)
   */
  readonly faults?: FaultHook | undefined
}

/**
 * Bounded exponential backoff for rounds this peer could not handle yet.
 *
 * **Details**
 * - After the n-th transient refusal of a round, the next attempt waits `min(maxDelay, initialDelay ·
 *   2^(n−1))` ms (1 s, 2 s, 4 s … 60 s with the defaults); a `sync()` before then skips the round.
 * - A round waiting on this peer's own state (`RecordLocked`, `StaleBase`) is also tried again as soon
 *   as this peer promotes or discards a round, which is what it waits for.
 * - Attempts stop when the round closes on chain: at the latest at its deadline (the proposer's `ttl`,
 *   at most the view's `maxTtl`), when any peer that staged it, or the controller, expires it.
 * - The schedule is kept in memory: a restarted peer tries every open round once at its first `sync()`.
 *
 * @category models
 * @since 0.1.0
 */
export interface RetryPolicy {
  /** Milliseconds before the first retry. @defaultValue 1000 */
  readonly initialDelay?: number | undefined
  /** The longest wait between two attempts, in milliseconds (at least `initialDelay`). @defaultValue 60_000 */
  readonly maxDelay?: number | undefined
}

/**
 * Why a peer did not ack an incoming round, or could not finish one (the `reason` of a log entry).
 *
 * **Details**
 * Final refusals (the round is never acked nor retried by this process, and the view's controller
 * cancels it at once):
 * - `BadSignature` — the payload is not signed by the round's proposer.
 * - `PayloadTooLarge` — the payload exceeds this peer's transport limit (`maxResponseBytes`).
 * - `PayloadInvalid` — the payload is malformed, cannot be opened (`DecryptionFailed`), is not sealed
 *   for this peer (`NotRecipient`), or is served for another view, round or proposer.
 * - `PayloadMismatch` — the payload does not describe the round proposed on chain.
 * - `CommitmentMismatch` — applied to this peer's data, the patch does not produce the proposed commitment.
 * - `PatchRejected` — the patch does not apply through this peer's lens (or its record is missing).
 *
 * Transient refusals (tried again with {@link RetryPolicy} backoff until the round closes):
 * - `PayloadUnavailable` — the proposer is unreachable, timed out, rate limits, does not hold the
 *   payload yet, or refused the request for a reason that can pass (roster lag, clock skew).
 * - `RecordLocked` — another round is staged over the same record.
 * - `StaleBase` — this peer has not promoted the previous round yet.
 *
 * Other:
 * - `AckFailed` — the ack transaction (or signature hand-over) failed; tried again by the next `sync()`.
 * - `CancelFailed` — the controller's `cancelRound` failed.
 * - `ViewFailed` — `sync()` could not handle the view (entry kind `failed`; see `PeerError` `ViewFailed`).
 *
 * @category models
 * @since 0.1.0
 */
export type PeerLogReason =
  | 'BadSignature'
  | 'PayloadTooLarge'
  | 'PayloadInvalid'
  | 'PayloadMismatch'
  | 'CommitmentMismatch'
  | 'PatchRejected'
  | 'PayloadUnavailable'
  | 'RecordLocked'
  | 'StaleBase'
  | 'AckFailed'
  | 'CancelFailed'
  | 'ViewFailed'

/**
 * One line of a peer's log: what it did, or refused, and why.
 *
 * **Details**
 * - `kind` — `'proposed'`, `'acked'`, `'signed'` (relay mode), `'relayed'`, `'expired'` (this peer closed a
 *   round it staged, past the deadline), `'cancelled'` (this peer, the view's controller, closed a round it
 *   refused), `'promoted'`, `'discarded'`,
 *   `'propagated'`, `'revoked'` (the view's controller removed this peer: it stops processing the view
 *   and keeps the last version it held; `round` is the view's round on chain then), `'refused'` (an
 *   incoming round this peer did not ack: see `reason`), `'rebased'` / `'rejoined'` (a completed round
 *   whose record changed in storage after it was staged: see {@link Peer.sync}), `'caughtUp'` (rounds that
 *   completed without this peer — evicted as silent, then set back before it read its removal — replayed
 *   from their proposers and checked against their commitments; `round` is the last of them), or `'failed'` (this
 *   view could not be handled; reason `'ViewFailed'`, the cause in `message`).
 * - `reason` — a {@link PeerLogReason}: which refusals are final and which are retried.
 * - `final` (refusals) — `true` when the round is refused for good, `false` when it is tried again.
 *
 * @category models
 * @since 0.1.0
 */
export interface PeerLogEntry {
  readonly kind:
    | 'proposed'
    | 'acked'
    | 'signed'
    | 'relayed'
    | 'expired'
    | 'cancelled'
    | 'promoted'
    | 'discarded'
    | 'propagated'
    | 'revoked'
    | 'refused'
    | 'rebased'
    | 'rejoined'
    | 'caughtUp'
    | 'failed'
  readonly viewId: Hex
  readonly round: bigint
  readonly reason?: PeerLogReason | undefined
  readonly final?: boolean | undefined
  readonly message?: string | undefined
  readonly hash?: Hex | undefined
}

/**
 * The state a peer keeps per view (in storage, with `setViewState`).
 *
 * **Details**
 * - Versions and rounds are `bigint`, as on chain; storage holds them as decimal strings.
 *
 * @category models
 * @since 0.1.0
 */
export interface PeerViewState {
  /** The record the view is read from. */
  readonly recordId: string
  /** The version this peer holds (the contract's `version`). */
  readonly version: bigint
  /** The commitment of that version (the contract's `head`). */
  readonly head: Hex
  /** The salt of that version. */
  readonly salt: Hex
  /** `viewDigest` of the view at that version. */
  readonly digest: Hex
  /** The view at that version (with `salt` and `version`, the snapshot this peer serves joiners as round 0). */
  readonly view: JsonValue
  /** The view's controller. */
  readonly controller: Address
  /**
   * The newest rounds (at most 32, `KEPT_PAYLOADS`) this peer proposed on the view and saw complete,
   * oldest first; older ones are dropped as new rounds complete, so the view state stays the same size
   * whatever the view's age. Served again (through the transport's `setArchive`) after the transport's
   * in-memory retention is exceeded or after a restart: to a joiner whose snapshot came from a member
   * that lags behind the chain, and to a peer that missed the payload. A joiner from an up-to-date
   * member needs none of them: the snapshot of the current version (`view`, `salt`, `version`) is
   * served as round 0.
   */
  readonly published?: readonly PublishedPayload[] | undefined
  /**
   * `true` once this peer saw the controller remove it from the view: the peer no longer processes the
   * view and `update` throws `NotMember`; `view` still returns the last version it held. A peer added
   * again must `joinView` again.
   */
  readonly revoked?: boolean | undefined
  /**
   * Set while `sync()` cannot handle an event of this view: the block its events are read again from
   * (the other views' events go on past it). Cleared once this view caught up.
   */
  readonly heldFrom?: bigint | undefined
}

/**
 * A completed round's payload as its proposer keeps it in its view state: sealed for the round's
 * members, as `Transport.publish` returned it.
 *
 * @category models
 * @since 0.1.0
 */
export interface PublishedPayload {
  readonly round: bigint
  readonly baseVersion: bigint
  /** The version the round created. */
  readonly version: bigint
  /** The payload as published: ciphertext only the members of the round can open. */
  readonly sealed: SealedRoundPayload
}

/**
 * What {@link Peer.setMember} and {@link Peer.removeMember} did on chain.
 *
 * @category models
 * @since 0.1.0
 */
export interface MembershipResult {
  readonly viewId: Hex
  readonly address: Address
  /** The permissions the peer holds now (`0` after `removeMember`). */
  readonly permissions: number
  readonly hash: Hex
  readonly gasUsed: bigint
}

/**
 * A peer and its permissions in a view.
 *
 * @category models
 * @since 0.1.0
 */
export interface ViewMember {
  readonly address: Address
  /** `READ`, `WRITE` or `READ | WRITE` (see `hasPermission`). */
  readonly permissions: number
}

/**
 * Parameters of {@link Peer.shareView}.
 *
 * @category models
 * @since 0.1.0
 */
export interface ShareViewParameters<S, V> {
  /** The record the view is read from (must exist locally). */
  readonly recordId: string
  /** The lens from the record to the view. */
  readonly lens: Lens<S, V>
  /**
   * The other peers and their permissions. This peer is added with `READ | WRITE` unless listed.
   */
  readonly peers: readonly ViewMember[]
  /**
   * The random salt the view id is made from: the id is `computeViewId({ creator: this peer, salt })`.
   * @defaultValue a fresh random salt (`generateSalt()`)
   */
  readonly viewSalt?: Hex | undefined
  /**
   * The hash of the view's definition (`definitionHash` of `lensync/views`), emitted in `ViewCreated`:
   * a joiner passing its own to `joinView` is refused unless they match. @defaultValue the zero hash (no
   * shared definition)
   */
  readonly definitionHash?: Hex | undefined
  /**
   * The longest time to live of a round of this view, in seconds (1 s to 30 days): no member can hold the
   * view longer than this with one proposal. @defaultValue the larger of this peer's `ttl` and one day
   */
  readonly maxTtl?: number | undefined
  /**
   * The controller's window after a round's deadline, in seconds (0 to 30 days): only the controller may
   * expire or evict during it, and the proposer of an expired or cancelled round waits this long before
   * proposing again while another writer may go first. @defaultValue one hour
   */
  readonly grace?: number | undefined
}

/**
 * What {@link Peer.shareView} did.
 *
 * @category models
 * @since 0.1.0
 */
export interface ShareViewResult {
  readonly viewId: Hex
  /** The commitment of version 0. */
  readonly commitment: Hex
  readonly hash: Hex
  readonly gasUsed: bigint
}

/**
 * Parameters of {@link Peer.joinView}.
 *
 * @category models
 * @since 0.1.0
 */
export interface JoinViewParameters<S, V> {
  readonly viewId: Hex
  /** Where this peer keeps the view: a new record (created from the view) or an existing one. */
  readonly recordId: string
  /** The lens from the record to the view. @defaultValue the identity (the record is the view) */
  readonly lens?: Lens<S, V> | undefined
  /**
   * The member to fetch the snapshot of the view from (any peer that holds it). When it lags behind the
   * chain, the rounds since are fetched from their proposers.
   * @defaultValue the view's controller
   */
  readonly from?: Address | undefined
  /**
   * The hash of the view definition this peer's lens was built from (`definitionHash` of
   * `lensync/views`). When given, the join is refused (`DefinitionMismatch`, nothing stored) unless the
   * view was created with the same hash; the check reads the view's `ViewCreated` event from the
   * peer's `fromBlock`. @defaultValue no check
   */
  readonly definitionHash?: Hex | undefined
}

/**
 * What {@link Peer.update} (and {@link Peer.updateRecord}) proposed.
 *
 * @category models
 * @since 0.1.0
 */
export interface ProposeResult {
  readonly viewId: Hex
  /** The round opened. */
  readonly round: bigint
  /** The version the round creates. */
  readonly version: bigint
  /** The proposed commitment. */
  readonly commitment: Hex
  /** The view patch sent to the other peers. */
  readonly patch: Patch
  readonly hash: Hex
  readonly gasUsed: bigint
}

/**
 * What a view handle's `update` proposed, with a way to wait for the round's outcome.
 *
 * **Details**
 * - The fields are those of `ProposeResult`: the round is open on chain when `update` resolves.
 * - `settled(options)` is `peer.waitForRound(viewId, round, options)`: it resolves when this peer's
 *   `sync()` (or its `start()` loop) handles the round's closing event. It never rejects for a refused or
 *   expired round (those are outcomes); it rejects with `PeerError` `Timeout` or `Closed`.
 *
 * @category models
 * @since 0.1.0
 */
export interface UpdateResult extends ProposeResult {
  /** The round's outcome (see {@link RoundOutcome}), once this peer has seen it close. */
  settled(options?: WaitForRoundOptions): Promise<RoundOutcome>
}

/**
 * A bound view of a peer, typed by its lens: `view()` returns the lens's view type `V`, and a function
 * edit must map a `V` to a `V`. Get one with `peer.viewHandle(viewId, lens)`.
 *
 * **When to use**
 * Application code that reads and edits one view: the view's type flows from the lens, so an edit
 * that does not produce a `V` fails to compile, and each update can be awaited to its outcome.
 *
 * **Details**
 * - Every method delegates to the peer (`view`, `update`, `waitForRound`); the handle holds no state
 *   and costs nothing beyond the call.
 * - `V` is a compile-time promise: the peer reads the view through the lens bound to `viewId`, and
 *   `viewHandle` checks once that it is the lens given.
 *
 * **Example** (a doctor's typed clinical view)
 * ```ts
 * import type { Hex } from 'viem'
 * import { id } from 'lensync'
 * import type { Peer } from 'lensync/coordinator'
 *
 * interface Note { readonly text: string; readonly author: string }
 * declare const doctor: Peer, viewId: Hex
 * const notes = doctor.viewHandle(viewId, id<{ readonly notes: readonly Note[] }>())
 * const proposed = await notes.update((v) => ({ notes: [...v.notes, { text: 'BP stable', author: 'dr-a' }] }))
 * const outcome = await proposed.settled({ timeoutMs: 60_000 })
 * if (outcome.status === 'completed') console.log(outcome.version, (await notes.view()).notes.length)
 * // Output: 1n 1
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface ViewHandle<V> {
  /** The view's id. */
  readonly viewId: Hex
  /** The view as this peer holds it (promoted data only), as the lens's view type. */
  view(): Promise<V>
  /**
   * `peer.update(viewId, edit)` with the edit typed by the view: a patch on the view, or a function
   * from the current view to the new one. Resolves once the round is open, with `settled()` to await
   * its outcome. Throws like `peer.update`.
   */
  update(edit: Patch | ((view: V) => V)): Promise<UpdateResult>
  /** `peer.waitForRound(viewId, round, options)`. */
  waitForRound(round: bigint, options?: WaitForRoundOptions): Promise<RoundOutcome>
}

/**
 * What one {@link Peer.sync} did.
 *
 * @category models
 * @since 0.1.0
 */
export interface SyncResult {
  /** Chain logs handled. */
  readonly events: number
  /** Acks, relays, promotions, discards and proposals made. */
  readonly actions: number
  /**
   * The views this sync could not handle: one `PeerError` `ViewFailed` per view (its `viewId`, the
   * round concerned, the underlying error as `cause`). Every other view was handled; a failed view is
   * tried again, from the event where it failed, by the next `sync()`.
   */
  readonly failures: readonly PeerError[]
}

/**
 * A participant of the protocol. Create one with `createPeer`.
 *
 * @category models
 * @since 0.1.0
 */
export interface Peer {
  /** This peer's address. */
  readonly address: Address
  /** Its storage. */
  readonly storage: StorageAdapter
  /** What it did and refused, oldest first (this process only; see `onLog`). */
  readonly log: readonly PeerLogEntry[]

  /** Registers how `viewId` is read from `recordId` (call on every start, before `sync`). */
  bind<S, V>(viewId: Hex, recordId: string, lens: Lens<S, V>): void
  /** Creates a record locally (no view may be bound to it yet). */
  putRecord(recordId: string, data: unknown): Promise<StoredRecord>
  /**
   * Creates a view of a record on chain, with this peer as controller (joiners fetch its snapshot).
   *
   * Throws `PeerError`: `RecordNotFound`, `UnsupportedAccount` (a member address holds contract code,
   * e.g. an ERC-1271 wallet: `pointer` `/peers/<i>/address`; checked before any transaction).
   */
  shareView<S, V>(parameters: ShareViewParameters<S, V>): Promise<ShareViewResult>
  /**
   * Joins a view shared with this peer: fetches a snapshot of the current version from a member
   * (`from`, default the controller) and checks it against the commitment on chain; when that member
   * lags, replays the rounds completed since (each from its proposer, each checked). Stores the view
   * only when everything matches.
   *
   * Throws `PeerError`: `NotMember` (not a peer of the view on chain), `JoinUnavailable` (the snapshot
   * or a missing round cannot be fetched: join from another member), `CommitmentMismatch` (the snapshot
   * or a replayed round does not produce the commitment on chain, or an existing record does not show
   * the view; nothing is stored).
   */
  joinView<S, V>(parameters: JoinViewParameters<S, V>): Promise<void>
  /**
   * Adds a peer to a view this peer controls, or changes its permissions (`READ`, `WRITE` or
   * `READ | WRITE`). The new peer then `joinView`s from a snapshot of the current version.
   *
   * Throws `PeerError`: `NotController` (checked locally, before any transaction), `InvalidArgument`
   * (permissions not `READ`, `WRITE` or `READ | WRITE`), `UnsupportedAccount` (the address holds
   * contract code, e.g. an ERC-1271 wallet, which cannot run a peer: `pointer` `/address`; checked before
   * any transaction), `ChainError`. A round open on the view is aborted by the same
   * transaction (`RoundAborted` with reason `MembershipChanged`): every peer discards it.
   */
  setMember(viewId: Hex, member: ViewMember): Promise<MembershipResult>
  /**
   * Removes a peer from a view this peer controls. Every later round is sealed for, and served to, the
   * remaining members only (the transport's roster); when it syncs, the removed peer marks the view
   * `revoked`.
   *
   * Throws `PeerError`: `NotController` (local), `NotMember` (`address` is not a peer of the view),
   * `ChainError` (e.g. removing the last peer). An open round is aborted by the same transaction.
   */
  removeMember(viewId: Hex, address: Address): Promise<MembershipResult>
  /**
   * Proposes an edit of a view: an RFC 6902 patch on the view, or a function from the current view to
   * the new one (diffed into a patch). Translates it to the record through the view's lens, publishes
   * `{ patch, salt }`, opens the round on chain and stages the new record; resolves once the round is
   * open (the other peers' acks and the promotion come with `sync`). Await the round's outcome with
   * `waitForRound(viewId, result.round)`, or use `viewHandle(…).update(…).settled()`.
   *
   * Throws `PeerError`: `RoundOpen` (a round is staged over the record, or open on the view),
   * `StaleBase` (the view moved on: sync and redo the edit), `MissingPermission` (no WRITE: checked
   * with one `permissionsOf` read before anything is translated or published, `source: 'local'`),
   * `NotMember` (not a peer of the view, or the view is `revoked`), `ProposerBenched` (this peer's last
   * round was cancelled or expired: the other writers go first for the view's grace window), `NotBound`,
   * `NotJoined`, `InvalidArgument` (an edit that changes nothing); a patch the
   * lens cannot translate throws its `LensError`. Nothing is staged when it throws.
   */
  update(viewId: Hex, edit: Patch | ((view: JsonValue) => JsonValue)): Promise<ProposeResult>
  /**
   * Edits a record with an RFC 6902 patch on the record. With no view bound to it, writes it locally.
   * Otherwise opens a round on the first bound view the patch changes (`project`), carrying the record
   * write; once it completes, the other views over the record follow by propagation (one round each).
   * Throws like {@link Peer.update}.
   */
  updateRecord(recordId: string, patch: Patch): Promise<ProposeResult | undefined>
  /**
   * Handles new chain events from the stored cursor (`UpdateProposed`: fetch, apply staged through the
   * lens, recompute, ack or refuse; `RoundCompleted`: promote; `RoundAborted`: discard), reconciles
   * staged rounds with the chain (promote / discard / ack again / expire past the deadline / relay
   * signatures), retries open rounds it could not handle yet, and propagates record changes to the
   * other views over the record. Idempotent; safe to call at any time.
   *
   * A view that cannot be handled does not stop the others: it is reported in `failures` (`PeerError`
   * `ViewFailed`) and logged once (`failed`), and its events are read again from where it failed by
   * the next sync. A completed round whose record was written through another path since it was staged
   * is rebased onto the record (`rebased`) or the record takes the round's verified view (`rejoined`).
   * Incoming rounds refused for good are never retried; transient refusals wait out the
   * {@link RetryPolicy} backoff.
   */
  sync(): Promise<SyncResult>
  /**
   * Resolves with the outcome of `round` of `viewId` ({@link RoundOutcome}: `completed`, `refused`,
   * `expired` or `aborted`) once this peer has seen the round close: when its `sync()` (or `start()`
   * loop) handles the round's `RoundCompleted` / `RoundAborted` event, after promoting or discarding
   * it (so `view()` already shows the outcome). A round that closed before the call is answered from
   * the chain (one `getView`, and the view's history when it is closed). Nothing is polled beyond what
   * `sync` does: without `sync` calls or `start()`, only `timeoutMs` ends the wait.
   *
   * Works for any round of a view bound to this peer, proposed by any member. A refused or expired
   * round is an outcome, not an error. Rejects with `PeerError` `Timeout` (after `timeoutMs`; the
   * round goes on) or `Closed` (`close()`); every pending wait is removed when it settles, times out or
   * the peer closes. Rejects with `NotBound` for a view that is not bound, and `InvalidArgument`
   * for a bad `timeoutMs`.
   *
   * **Example** (propose, then wait for the outcome)
   * ```ts
   * import type { Hex } from 'viem'
   * import type { Patch } from 'lensync'
   * import type { Peer } from 'lensync/coordinator'
   *
   * declare const doctor: Peer, viewId: Hex, patch: Patch
   * doctor.start({ interval: 1000 })
   * const { round } = await doctor.update(viewId, patch)
   * const outcome = await doctor.waitForRound(viewId, round, { timeoutMs: 120_000 })
   * switch (outcome.status) {
   *   case 'completed': console.log('now at version', outcome.version); break
   *   case 'refused': console.log(outcome.error.code, outcome.error.pointer); break
   *   default: console.log(outcome.status) // 'expired' or 'aborted': sync, then redo the edit
   * }
   * // Output: now at version 1n
   * ```
   */
  waitForRound(viewId: Hex, round: bigint, options?: WaitForRoundOptions): Promise<RoundOutcome>
  /**
   * A handle on a bound view typed by its lens ({@link ViewHandle}): `view()` returns `V`, `update`
   * takes a patch or a `(view: V) => V` and its result has `settled()`. Pass the lens the view is
   * bound with (by `bind`, `shareView` or `joinView`; any identity lens matches a view joined without
   * one). Throws `PeerError` `NotBound`, or `InvalidArgument` (`pointer` `/lens`) for another lens.
   *
   * **Example**
   * ```ts
   * import type { Hex } from 'viem'
   * import type { Lens } from 'lensync'
   * import type { Peer } from 'lensync/coordinator'
   *
   * interface Vitals { readonly heartRate: number }
   * declare const doctor: Peer, viewId: Hex, _vitals: Lens<unknown, Vitals>
   * const vitals = doctor.viewHandle(viewId, _vitals)
   * const outcome = await (await vitals.update((v) => ({ ...v, heartRate: 72 }))).settled()
   * console.log(outcome.status)
   * // Output: completed
   * ```
   */
  viewHandle<S, V>(viewId: Hex, lens: Lens<S, V>): ViewHandle<V>
  /**
   * Stops the background loop (as `stop`) and rejects every pending `waitForRound` with `PeerError`
   * `Closed`; later `waitForRound` calls reject at once. The storage is left open (it belongs to the
   * caller). Idempotent.
   */
  close(): Promise<void>
  /** Runs `sync` every `interval` ms in the background (errors go to `onError`). */
  start(options?: { readonly interval?: number; readonly onError?: (error: unknown) => void }): void
  /** Stops the background loop and waits for a running `sync`. */
  stop(): Promise<void>
  /** The view as this peer holds it (promoted data only). */
  view(viewId: Hex): Promise<JsonValue>
  /** A record (promoted data only), or `undefined`. */
  record(recordId: string): Promise<JsonValue | undefined>
  /** The view state this peer stored. */
  viewState(viewId: Hex): Promise<PeerViewState | undefined>
  /** The view's audit trail on chain (`getHistory` from the peer's `fromBlock`). */
  history(viewId: Hex): Promise<ViewHistory>
}
