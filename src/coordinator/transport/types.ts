/**
 * # Transport
 *
 * Moves the off-chain half of a round — the patch and the salt — from the proposer to the view's
 * other members, end-to-end encrypted.
 *
 * ## Mental model
 * - Pull, not push: the proposer {@link Transport.publish | publishes} a signed payload into its own
 *   store; a peer that sees `UpdateProposed(viewId, round, …)` on chain
 *   {@link Transport.fetch | fetches} it from the proposer.
 * - Sealed: the proposer encrypts the signed payload once per round under a fresh content key
 *   (AES-256-GCM) and wraps that key with HPKE (RFC 9180, X25519) for each member of the round. The
 *   serving store, archives and relays only ever hold this {@link SealedRoundPayload}.
 * - Three signatures (EIP-712, domain `lensync`/`1`, the chain and the coordinator contract): the
 *   proposer signs the payload, the requester signs each fetch request (bound to the serving peer and
 *   single-use), each peer signs the binding of its encryption key to its account.
 * - The serving peer asks its {@link ViewRoster} (rebuilt from the chain's events) whether the requester
 *   was a member of the view at that round before it hands anything out.
 *
 * ## Common tasks
 * - One process, many peers (tests, demos): {@link createTransportHub} + {@link inProcessTransport}.
 * - Peers on a network: {@link httpTransport}; inside an existing server: {@link httpTransportHandler}.
 * - Membership from the chain: {@link chainRoster}.
 *
 * ## Gotchas
 * - A fetched payload is authentic (signed by the proposer) but not yet *correct*: the engine must
 *   still apply it and compare the recomputed commitment with the pending one on chain.
 * - A member must be reachable (its transport info) when a round is published, or nothing can be
 *   sealed for it (`KeyUnavailable`).
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
 * A round's payload as it is stored and served: the signed payload encrypted once under a fresh
 * content key, that key wrapped for each member of the round.
 *
 * **Details**
 * - `scheme: 'hpke'`: `ciphertext` is AES-256-GCM (12-byte IV first) of the signed payload's JSON
 *   text, bound to the chain, coordinator, view, round and proposer; each `recipients` entry is an
 *   HPKE (RFC 9180) base-mode seal — DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM — of the
 *   content key to that member's bound key, bound to the same fields and the member's address.
 *   Binary fields are base64url.
 * - `scheme: 'none'` (a transport built with `encryption: 'none'`): `ciphertext` is the signed
 *   payload's JSON text, readable by anyone who holds it.
 * - JSON-ready (every field a string): a peer stores it as it is.
 * - A server answers each member with its own `recipients` entry only.
 *
 * @category models
 * @since 0.2.0
 */
export interface SealedRoundPayload {
  readonly scheme: 'hpke' | 'none'
  /** The view (bytes32, lowercase). */
  readonly viewId: Hex
  /** The round (uint64 as a decimal string). */
  readonly round: string
  /** The account that signed the payload. */
  readonly proposer: Address
  /** The encrypted signed payload (base64url). */
  readonly ciphertext: string
  /** The content key wrapped for each member of the round. */
  readonly recipients: readonly {
    /** The member. */
    readonly account: Address
    /** HPKE encapsulated key (base64url, 32 bytes). */
    readonly enc: string
    /** The sealed content key (base64url, 48 bytes). */
    readonly key: string
  }[]
}

/**
 * Where a transport looks for a payload its in-memory store no longer holds (evicted past
 * `retainRounds`, or lost with a restart) or never held at all (the peer engine answers round 0 with
 * a snapshot of its current version): typically the serving peer's own storage.
 *
 * **Details**
 * - Called on the serving side only after the request's audience, freshness, signature, nonce and
 *   membership checks passed, and only when the in-memory store has no payload for `(viewId, round)`.
 * - Resolve a {@link SealedRoundPayload} this peer published (what `publish` returned: archives keep
 *   ciphertext only), or an unsigned {@link RoundPayload} made on the spot (a snapshot), which the
 *   transport signs and seals for the requester alone; `undefined` when there is none. A payload naming
 *   another proposer, view or round is ignored (`NotFound`).
 * - A rejection answers `ServerError` (500) and serves nothing.
 * - Archived payloads are served, never re-inserted into the store (they do not evict recent rounds).
 *
 * **Example** (serve every round a peer keeps in a map)
 * ```ts
 * import type { Transport, SealedRoundPayload } from 'lensync/coordinator'
 *
 * declare const transport: Transport, kept: Map<string, SealedRoundPayload>
 * transport.setArchive?.(async ({ viewId, round }) => kept.get(`${viewId}:${round}`))
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export type PayloadArchive = (parameters: { readonly viewId: Hex; readonly round: bigint }) => Promise<SealedRoundPayload | RoundPayload | undefined>

/**
 * Settings every transport shares.
 *
 * @category models
 * @since 0.1.0
 */
export interface TransportBaseConfig {
  /** This peer's local account: signs published payloads, fetch requests and its key binding. */
  readonly account: LocalAccount
  /** Chain id of the EIP-712 domain. */
  readonly chainId: number
  /** The ViewCoordinator contract: `verifyingContract` of the EIP-712 domain. */
  readonly coordinator: Address
  /** Who was a member of each view at each round ({@link chainRoster}): decides who may fetch, and whom a round is sealed for. */
  readonly roster: ViewRoster
  /**
   * This peer's X25519 key seed: 32 secret bytes, stable across restarts (a peer that changes it cannot
   * open payloads sealed to its old key).
   * @defaultValue derived from the account's signature of `EncryptionKeySeed(account)`, which is
   * never published (`InvalidConfig` for an account that does not sign deterministically)
   */
  readonly encryptionKey?: Hex | undefined
  /**
   * `'hpke'` seals every payload for the members of its round. `'none'` sends payloads as signed
   * JSON text that anyone holding it can read: it exists to measure the cost of encryption, never use
   * it with real data.
   * @defaultValue 'hpke'
   */
  readonly encryption?: 'hpke' | 'none' | undefined
  /**
   * Seconds a fetch request stays valid after its `issuedAt`; its nonce is remembered that long.
   * @defaultValue 30
   */
  readonly freshnessWindow?: number | undefined
  /**
   * Seconds a fetch request's `issuedAt` may lie ahead of this server's clock.
   * @defaultValue 5
   */
  readonly clockSkew?: number | undefined
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
   * Signs `payload` with this peer's account, seals it for the members of its round (the roster now,
   * for a round not proposed yet) and serves it to them; resolves with the sealed payload, which is all
   * an archive should keep.
   *
   * NOTE: idempotent — publishing the same payload again returns the same sealed payload (sealed again
   * when the roster changed meanwhile); a different payload for a view and round already published is
   * a `Conflict`.
   *
   * IMPORTANT: `payload.proposer` must be this peer's address (`InvalidPayload` otherwise); every
   * member's key must be resolvable (`KeyUnavailable` otherwise).
   */
  publish(payload: RoundPayload): Promise<SealedRoundPayload>
  /**
   * Stops serving this peer's payload of a round the chain never opened (its proposal was refused, or
   * never sent), so that the round number can carry another payload. No-op when none is stored.
   *
   * IMPORTANT: never withdraw the payload of a round that is open or completed on chain: its members
   * fetch it from here.
   */
  withdraw(viewId: Hex, round: bigint): void
  /**
   * Fetches the payload of `round` from `from`, signing the request with this peer's account, and
   * opens it with this peer's key. Resolves only with a payload whose signature recovers to `from` and
   * whose `viewId`, `round` and `proposer` match the request; throws a {@link TransportError} otherwise.
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

/**
 * The open round of a view, as `UpdateProposed` announced it.
 *
 * @category models
 * @since 0.2.0
 */
export interface OpenRound {
  readonly viewId: Hex
  readonly round: bigint
  readonly proposer: Address
  /** The version the round creates. */
  readonly version: bigint
  /** The pending commitment. */
  readonly commitment: Hex
  /** The round's deadline (unix seconds, chain time). */
  readonly deadline: bigint
}

/**
 * Options of a Web-standard handler call.
 *
 * @category models
 * @since 0.2.0
 */
export interface HandleOptions {
  /**
   * The client's network address, the key of its rate limit (e.g. Hono's `getConnInfo(c).remote.address`).
   * Requests without one share one bucket.
   */
  readonly clientAddress?: string | undefined
}

/**
 * The membership a transport checks: per view, who was a member when each round was proposed.
 *
 * **Details**
 * - Round 0 stands for "now": the snapshot a joiner starts from is served to members now. So does a
 *   round not proposed yet, read fresh: its payload is sealed for the members now.
 * - A member of round r stays entitled to round r's payload after its removal, and a member added
 *   after round r never was: the roster answers by round, not by the present.
 *
 * @category models
 * @since 0.2.0
 */
export interface ViewRoster {
  /**
   * The members of `viewId` at `round`: when the round was proposed, or now for round 0 and for a round
   * not proposed yet (a proposer publishes before it proposes); `undefined` for an unknown view.
   */
  membersAt(parameters: { readonly viewId: Hex; readonly round: bigint }): Promise<readonly Address[] | undefined>
  /** Whether `account` is a member of `viewId` at `round` (as {@link ViewRoster.membersAt} tells). */
  isMember(parameters: { readonly viewId: Hex; readonly round: bigint; readonly account: Address }): Promise<boolean>
  /** Round `round` of `viewId` while it is open; `undefined` once it closed, or before it was proposed. */
  openRound(parameters: { readonly viewId: Hex; readonly round: bigint }): Promise<OpenRound | undefined>
  /** Reads what the chain says now (the transport calls it before it seals a round). */
  refresh(): Promise<void>
}

/**
 * What the Node handlers (`handleNode`) read of a request: a structural subset of node:http's
 * `IncomingMessage`, so that the declarations need no `@types/node` (an `IncomingMessage` fits).
 *
 * @category models
 * @since 0.2.0
 */
export interface NodeRequest {
  readonly method?: string | undefined
  readonly url?: string | undefined
  readonly headers: { readonly [name: string]: string | string[] | undefined }
  /** Whether the whole body was received. */
  readonly complete: boolean
  readonly socket: { readonly remoteAddress?: string | undefined; destroySoon(): void }
  pause(): unknown
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown
  on(event: 'end' | 'close', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * What the Node handlers (`handleNode`) use of a response: a structural subset of node:http's
 * `ServerResponse` (a `ServerResponse` fits).
 *
 * @category models
 * @since 0.2.0
 */
export interface NodeResponse {
  readonly headersSent: boolean
  readonly destroyed: boolean
  setHeader(name: string, value: string): unknown
  once(event: 'finish', listener: () => void): unknown
  writeHead(status: number, headers: { readonly [name: string]: string | number }): unknown
  end(body: string): unknown
}
