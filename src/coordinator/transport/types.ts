/**
 * # Transport
 *
 * Moves the off-chain half of a round — the patch and the salt — from the proposer to the view's
 * other members.
 *
 * ## Mental model
 * - Pull, not push: the proposer {@link Transport.publish | publishes} a signed payload into its own
 *   store; a peer that sees `UpdateProposed(viewId, round, …)` on chain
 *   {@link Transport.fetch | fetches} it from the proposer.
 * - Two signatures (EIP-712, domain `lensync`/`1`, the chain and the coordinator contract): the
 *   proposer signs the payload, the requester signs each fetch request.
 * - The serving peer asks its `authorize({ viewId, requester })` callback (backed by the contract's
 *   `permissionsOf`, READ bit) before it hands anything out.
 *
 * ## Common tasks
 * - One process, many peers (tests, demos): {@link createTransportHub} + {@link inProcessTransport}.
 * - Peers on a network: {@link httpTransport}.
 * - Check a payload received some other way: {@link verifyRoundPayload}.
 *
 * ## Gotchas
 * - A fetched payload is authentic (signed by the proposer) but not yet *correct*: the engine must
 *   still apply it and compare the recomputed commitment with the pending one on chain.
 * - The HTTP transport does not encrypt: across machines, give the directory `https://` URLs behind a
 *   TLS terminator; on loopback it is fine.
 *
 * @since 0.1.0
 */
import type { Address, Hex, LocalAccount } from 'viem'
import type { Patch } from '../../lens/patch/types.js'

/**
 * What a proposer sends the other members of a view for one round.
 *
 * @category models
 * @since 0.1.0
 */
export interface RoundPayload {
  /** The view (bytes32). */
  readonly viewId: Hex
  /** The round opened by `proposeUpdate` (uint64). */
  readonly round: bigint
  /** The version the patch applies to (uint64). */
  readonly baseVersion: bigint
  /** The version the patch produces (uint64). */
  readonly version: bigint
  /**
   * RFC 6902 operations on the view (the proposer's view of the round), as the lens core defines
   * them. The transport checks only their shape; meaning is the lens's business.
   */
  readonly patch: Patch
  /** The 32 random bytes salted into the new commitment. */
  readonly salt: Hex
  /** The pending commitment proposed on chain (bytes32). */
  readonly commitment: Hex
  /** The account that proposed the round and signs the payload. */
  readonly proposer: Address
}

/**
 * A {@link RoundPayload} with the proposer's EIP-712 signature.
 *
 * @category models
 * @since 0.1.0
 */
export interface SignedRoundPayload extends RoundPayload {
  /** EIP-712 signature of `RoundPayload(…)` by `proposer` (65 bytes). */
  readonly signature: Hex
}

/**
 * Who may fetch a view's payloads from this peer.
 *
 * **Details**
 * - Called on the serving side for every fetch whose signature and freshness already checked out.
 * - Resolve `true` to serve; `false` answers `Unauthorized` (403). A rejection answers `ServerError`
 *   (500) and serves nothing.
 * - The engine backs it with the contract's `permissionsOf(viewId, requester)` read, READ bit.
 *
 * @category models
 * @since 0.1.0
 */
export type AuthorizeFetch = (parameters: { readonly viewId: Hex; readonly requester: Address }) => Promise<boolean>

/**
 * Where a transport looks for a payload its in-memory store no longer holds (evicted past
 * `retainRounds`, or lost with a restart) or never held at all (the peer engine answers round 0 with
 * a snapshot of its current version): typically the serving peer's own storage.
 *
 * **Details**
 * - Called on the serving side only after the request's freshness, signature and `authorize` check
 *   passed, and only when the in-memory store has no payload for `(viewId, round)`.
 * - Resolve the unsigned payload, or `undefined` when there is none. The transport signs it with its
 *   account before it answers; a payload naming another proposer, view or round is ignored (`NotFound`).
 * - A rejection answers `ServerError` (500) and serves nothing.
 * - Archived payloads are served, never re-inserted into the store (they do not evict recent rounds).
 *
 * **Example** (serve every round a peer keeps in a map)
 * ```ts
 * import type { Transport, RoundPayload } from 'lensync/coordinator'
 *
 * declare const transport: Transport, kept: Map<string, RoundPayload>
 * transport.setArchive?.(async ({ viewId, round }) => kept.get(`${viewId}:${round}`))
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export type PayloadArchive = (parameters: { readonly viewId: Hex; readonly round: bigint }) => Promise<RoundPayload | undefined>

/**
 * Settings every transport shares.
 *
 * @category models
 * @since 0.1.0
 */
export interface TransportBaseConfig {
  /** This peer's local account: signs published payloads and fetch requests. */
  readonly account: LocalAccount
  /** Chain id of the EIP-712 domain. */
  readonly chainId: number
  /** The ViewCoordinator contract: `verifyingContract` of the EIP-712 domain. */
  readonly coordinator: Address
  /** Decides who may fetch from this peer. */
  readonly authorize: AuthorizeFetch
  /**
   * Seconds a fetch request stays valid on either side of `issuedAt` (replay and clock-skew window).
   * @defaultValue 60
   */
  readonly freshnessWindow?: number | undefined
  /**
   * Most rounds kept per view in memory; publishing a newer round evicts the oldest beyond this count.
   * Evicted rounds can still be served from a {@link PayloadArchive} (`setArchive`; the peer engine
   * attaches its storage).
   * @defaultValue 4
   */
  readonly retainRounds?: number | undefined
  /**
   * Clock in milliseconds since the epoch, for `issuedAt` and the freshness check.
   * @defaultValue Date.now
   */
  readonly now?: (() => number) | undefined
}

/**
 * Parameters of {@link Transport.fetch}.
 *
 * @category models
 * @since 0.1.0
 */
export interface FetchPayloadParameters {
  /** The view (bytes32). */
  readonly viewId: Hex
  /** The round named by `UpdateProposed`. */
  readonly round: bigint
  /** The proposer named by `UpdateProposed`: the peer asked, and the signer the payload must have. */
  readonly from: Address
}

/**
 * The interface the peer engine talks to.
 *
 * @category models
 * @since 0.1.0
 */
export interface Transport {
  /** This peer's address (the account's). */
  readonly address: Address
  /**
   * Signs `payload` with this peer's account and serves it to authorized members.
   *
   * NOTE: idempotent — publishing the same payload again returns the same signed payload; a different
   * payload for a view and round already published is a `Conflict`.
   *
   * IMPORTANT: `payload.proposer` must be this peer's address (`InvalidPayload` otherwise).
   */
  publish(payload: RoundPayload): Promise<SignedRoundPayload>
  /**
   * Fetches the payload of `round` from `from`, signing the request with this peer's account.
   * Resolves only with a payload whose signature recovers to `from` and whose `viewId`, `round` and
   * `proposer` match the request; throws a {@link TransportError} otherwise.
   */
  fetch(parameters: FetchPayloadParameters): Promise<SignedRoundPayload>
  /** Stops serving and fetching. Idempotent. */
  close(): Promise<void>
  /**
   * Sets (or, with `undefined`, clears) the {@link PayloadArchive} consulted when a requested round is
   * not in the in-memory store. Optional: a transport without it serves only what it retains; the peer
   * engine attaches its storage here when the transport offers it.
   */
  setArchive?(archive: PayloadArchive | undefined): void
}

/**
 * A signed ack as it travels to the relayer.
 *
 * @category models
 * @since 0.1.0
 */
export interface SignedAck {
  /** The view (bytes32). */
  readonly viewId: Hex
  /** The round acknowledged. */
  readonly round: bigint
  /** The peer that signed. */
  readonly signer: Address
  /** Its EIP-712 `Ack` signature (`signAck`). */
  readonly signature: Hex
}
