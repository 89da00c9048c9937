/**
 * # StorageAdapter
 *
 * The contract between the lensync peer engine and a peer's local database.
 *
 * ## Mental model
 * - **Records** — versioned JSON documents (a FHIR resource or Bundle), written only by
 *   compare-and-swap on their version.
 * - **Staged rounds** — per `(viewId, round)`, the record writes a round will make plus the `meta`
 *   the engine needs to finish or reconcile it. `promote` applies them all at once; `discard` drops
 *   them. Both are remembered, so replaying either is a reported no-op.
 * - **View state** — a small JSON value per view (head version, salt, commitment last accepted).
 * - **Event cursors** and **processed events** — where the chain poller stopped, and which logs were
 *   already handled.
 * - **Transactions** — `transaction(fn)` runs `fn` on a transactional view of all of the above.
 *
 * ## Common tasks
 * - Use a built-in backend: `memoryStorage()` (`lensync/storage/memory`), `pgliteStorage()`
 *   (`lensync/storage/pglite`, the default), `postgresStorage()` (`lensync/storage/postgres`).
 * - Connect an existing EHR backend: implement {@link StorageAdapter} and run the shared behaviour
 *   suite `shouldBehaveLikeStorageAdapter` (in `test/storage/`) against it.
 *
 * ## Gotchas
 * - Values are JSON, stored as JSON (JSONB in SQL). Key order is not kept (JSONB sorts keys); compare
 *   structurally. `-0` reads back as `0`.
 * - Decimals: numbers are kept **as parsed** — a JavaScript `number`. `1.50` in a FHIR file becomes
 *   `1.5` when the application parses it, and storage keeps `1.5`; every peer hashes the parsed value,
 *   so commitments agree. A precision-preserving parse is the application's choice, before storage.
 * - Values that JSON cannot represent are refused (`InvalidValue` with a JSON Pointer), never
 *   silently changed: `undefined`, `NaN`, `±Infinity`, `bigint`, functions, class instances (`Date`
 *   included), sparse arrays, cycles, and strings with U+0000 or lone surrogates (PostgreSQL cannot
 *   store them).
 *
 * @since 0.1.0
 */
import type { JsonValue } from '../json/JsonValue.js'

/**
 * A record as stored: its id, its version and its data.
 *
 * **Details**
 * - `version` is opaque: a non-empty string that the backend chooses (a counter in the SQL and memory
 *   backends, the resource's `meta.versionId` in a FHIR server). Compare versions for equality only;
 *   never parse, order or increment them. Every write gives the record a version it never had before.
 * - `data` is a fresh copy: mutating it never changes what is stored.
 *
 * @category models
 * @since 0.1.0
 */
export interface StoredRecord {
  /** The record id (e.g. `Patient/123` or a Bundle id); any non-empty string. */
  readonly id: string
  /** The record's current version: opaque, compared by equality only; changed by every write. */
  readonly version: string
  /** The record's JSON. */
  readonly data: JsonValue
}

/**
 * Options of {@link StorageOperations.putRecord}.
 *
 * @category models
 * @since 0.1.0
 */
export interface PutRecordOptions {
  /**
   * The version the caller read, or `null` for "the record must not exist yet" (a create). Any other
   * value — a number, `''`, `undefined` — is `InvalidArgument`.
   */
  readonly expectedVersion: string | null
}

/**
 * One record write of a staged round.
 *
 * @category models
 * @since 0.1.0
 */
export interface StagedWrite {
  /** The record to write. */
  readonly recordId: string
  /** The record version the write was computed from (`null`: the round creates the record). */
  readonly baseVersion: string | null
  /** The record's new JSON. */
  readonly data: JsonValue
}

/**
 * Arguments of {@link StorageOperations.stage}.
 *
 * @category models
 * @since 0.1.0
 */
export interface StageParameters {
  /** The writes the round makes; at most one per record, applied together by `promote`. */
  readonly writes: readonly StagedWrite[]
  /**
   * What the engine needs to finish or reconcile the round after a restart: the salt, the
   * commitment, the patch, the view version… Opaque to storage; any JSON.
   */
  readonly meta: JsonValue
}

/**
 * A staged round as stored.
 *
 * @category models
 * @since 0.1.0
 */
export interface StagedRound {
  /** The view the round belongs to. */
  readonly viewId: string
  /** The round number (the contract's `uint64` round). */
  readonly round: bigint
  /** The writes, in the order they were staged. */
  readonly writes: readonly StagedWrite[]
  /** The meta staged with them. */
  readonly meta: JsonValue
}

/**
 * What {@link StorageOperations.stage} did.
 *
 * @category models
 * @since 0.1.0
 */
export interface StageResult {
  /** `true` when this call stored the round; `false` when the same round was already staged. */
  readonly changed: boolean
}

/**
 * How a round ended, as reported by {@link StorageOperations.promote} and
 * {@link StorageOperations.discard}.
 *
 * @category models
 * @since 0.1.0
 */
export interface FinishRoundResult {
  /** How the round ended: now, or in an earlier call. */
  readonly outcome: 'promoted' | 'discarded'
  /**
   * `true` when this call applied (`promote`) or removed (`discard`) the staged writes; `false` when
   * the round had already ended that way, or (`discard`) was never staged.
   */
  readonly changed: boolean
}

/**
 * A position in the chain's event log: the last event a poller handled.
 *
 * @category models
 * @since 0.1.0
 */
export interface EventCursor {
  /** Block number of the last handled log. */
  readonly blockNumber: bigint
  /** Index of the last handled log in its block. */
  readonly logIndex: number
}

/**
 * The identity of one chain log, for idempotent event handling.
 *
 * @category models
 * @since 0.1.0
 */
export interface EventKey {
  /** Hash of the transaction that emitted the log (`0x…`, compared as an exact string). */
  readonly txHash: string
  /** Index of the log in its block. */
  readonly logIndex: number
}

/**
 * Everything a peer keeps locally, as the peer engine reads and writes it.
 *
 * **When to use**
 * Implement it (with {@link StorageAdapter}) to keep lensync's data in an existing EHR backend; the
 * built-in backends implement it for memory, PGlite and PostgreSQL.
 *
 * **Details**
 * - Every operation is atomic: when it throws, it has changed nothing — also inside a transaction,
 *   which stays usable (SQL backends wrap multi-statement operations in a savepoint).
 * - Ids (`id`, `recordId`, `viewId`, cursor names) are non-empty strings compared exactly: `0xAB` and
 *   `0xab` are two views. Pass viewIds and hashes in one spelling (viem returns lowercase hex).
 * - Rounds are `bigint` in `[0, 2^64)`, log indexes non-negative safe integers, record versions
 *   non-empty strings (or `null` for "absent" where a version is expected); anything else is
 *   `InvalidArgument`.
 * - Values returned are fresh copies; values passed in are copied, never kept by reference.
 *
 * @category models
 * @since 0.1.0
 */
export interface StorageOperations {
  /**
   * Reads a record.
   *
   * @param id - The record id.
   * @returns The record with its version, or `undefined` when it does not exist.
   */
  getRecord(id: string): Promise<StoredRecord | undefined>

  /**
   * Writes a record by compare-and-swap on its version.
   *
   * **Details**
   * - Succeeds only when the stored version equals `expectedVersion` (`null`: the record must not
   *   exist); the record then gets a new version, returned in the result.
   * - Otherwise throws `StorageError` `VersionConflict` with `context.expectedVersion` and
   *   `context.actualVersion` (`null` when absent) and writes nothing.
   *
   * NOTE: not idempotent by itself: repeating a successful call conflicts, because the version moved.
   * Re-read and compare, or make the write part of a staged round.
   *
   * @param id - The record id.
   * @param data - The new JSON (checked: `InvalidValue` with a pointer when it is not JSON).
   * @param options - {@link PutRecordOptions}.
   * @returns The stored record.
   */
  putRecord(id: string, data: unknown, options: PutRecordOptions): Promise<StoredRecord>

  /**
   * Stages a round: stores its writes and meta without touching the records.
   *
   * **Details**
   * - Each write's `baseVersion` must equal the record's current version (`null`: absent), else
   *   `VersionConflict`; `promote` checks again.
   * - At most one write per record (`InvalidArgument` otherwise).
   * - A round already promoted or discarded cannot be staged again (`RoundFinished`).
   *
   * IMPORTANT: once `stage` resolves, the round is durable: a crash (process killed, machine
   * restarted) before `promote` or `discard` loses nothing. After a restart, {@link listStaged}
   * returns the round whole — all its writes and its meta, or nothing if `stage` never resolved —
   * and the engine reconciles it with the chain: `promote` if the round completed, `discard` if it
   * was aborted.
   *
   * NOTE: idempotent: staging the same writes and meta again resolves with `changed: false`;
   * different writes or meta for the same `(viewId, round)` throw `StageConflict` (discard first to
   * replace a stage).
   *
   * @param viewId - The view (the contract's `bytes32` viewId as hex).
   * @param round - The round number.
   * @param parameters - {@link StageParameters}.
   * @returns {@link StageResult}.
   */
  stage(viewId: string, round: bigint, parameters: StageParameters): Promise<StageResult>

  /**
   * Reads the staged rounds of a view.
   *
   * @param viewId - The view.
   * @returns The view's staged rounds, ordered by round.
   */
  getStaged(viewId: string): Promise<StagedRound[]>
  /**
   * Reads one staged round.
   *
   * @param viewId - The view.
   * @param round - The round.
   * @returns The staged round, or `undefined` when it is not staged (never, or no longer).
   */
  getStaged(viewId: string, round: bigint): Promise<StagedRound | undefined>

  /**
   * Lists every staged round of every view — what a restarted engine must reconcile.
   *
   * @returns The staged rounds, ordered by viewId, then round.
   */
  listStaged(): Promise<StagedRound[]>

  /**
   * Applies a staged round: writes all its records and removes the stage, atomically.
   *
   * **Details**
   * - Each write is a compare-and-swap from its `baseVersion`; each record gets a new version.
   * - All or nothing: if one write conflicts (`VersionConflict`) or fails, no record changes and the
   *   stage stays, so it can be reconciled (discarded, or restaged on the new base).
   * - Never staged: `StageNotFound`. Already discarded: `RoundFinished`.
   *
   * IMPORTANT: the writes and the removal of the stage commit in one transaction: after a crash
   * either the round is still staged whole, or it is promoted whole — never half-applied.
   *
   * NOTE: idempotent: promoting an already promoted round changes nothing and resolves with
   * `{ outcome: 'promoted', changed: false }`.
   *
   * @param viewId - The view.
   * @param round - The round.
   * @returns {@link FinishRoundResult}.
   */
  promote(viewId: string, round: bigint): Promise<FinishRoundResult>

  /**
   * Drops a staged round without touching the records, and remembers that the round was discarded.
   *
   * **Details**
   * - A round that was never staged (the peer never received its patch) is marked discarded too, and
   *   resolves with `changed: false`; a later `stage` of it throws `RoundFinished`.
   * - Already promoted: `RoundFinished` (a promoted round cannot be undone).
   *
   * IMPORTANT: atomic, like {@link promote}: the stage is gone whole or still there whole.
   *
   * NOTE: idempotent: discarding a discarded round resolves with `{ outcome: 'discarded', changed: false }`.
   *
   * @param viewId - The view.
   * @param round - The round.
   * @returns {@link FinishRoundResult}.
   */
  discard(viewId: string, round: bigint): Promise<FinishRoundResult>

  /**
   * Reads the small state the peer keeps per view (head version, salt, commitment it last accepted…).
   *
   * @param viewId - The view.
   * @returns The state, or `undefined` when none was set.
   */
  getViewState(viewId: string): Promise<JsonValue | undefined>

  /**
   * Replaces the state of a view.
   *
   * NOTE: idempotent (last write wins). Update it in the same {@link StorageAdapter.transaction} as
   * the `promote` it describes, so both survive a crash together.
   *
   * @param viewId - The view.
   * @param state - Any JSON.
   */
  setViewState(viewId: string, state: unknown): Promise<void>

  /**
   * Lists the views that have a state.
   *
   * @returns The viewIds, sorted.
   */
  listViews(): Promise<string[]>

  /**
   * Reads an event cursor.
   *
   * @param name - The poller's name (e.g. the coordinator address and chain id).
   * @returns The cursor, or `undefined` when the poller never stored one.
   */
  getCursor(name: string): Promise<EventCursor | undefined>

  /**
   * Stores an event cursor (last write wins; it may move backwards, e.g. after a reorg).
   *
   * IMPORTANT: store the cursor after the handler's effects, in the same transaction, for
   * at-least-once handling that a crash cannot turn into at-most-once.
   *
   * @param name - The poller's name.
   * @param cursor - {@link EventCursor}.
   */
  setCursor(name: string, cursor: EventCursor): Promise<void>

  /**
   * Records that a chain log was handled.
   *
   * **Details**
   * The key is `(txHash, logIndex)`. Marking in the same transaction as the handler's effects makes
   * a replayed log (cursor stored per batch, restart, overlapping block ranges) detectable, so
   * effects apply exactly once. The set only grows (a few dozen bytes per log).
   *
   * NOTE: idempotent: marking an already marked log resolves with `false`.
   *
   * @param event - {@link EventKey}.
   * @returns `true` when the log was not marked before.
   */
  markProcessed(event: EventKey): Promise<boolean>

  /**
   * Tells whether a chain log was marked with {@link markProcessed}.
   *
   * @param event - {@link EventKey}.
   */
  isProcessed(event: EventKey): Promise<boolean>
}

/**
 * A peer's local storage: {@link StorageOperations}, transactions and `close`.
 *
 * **When to use**
 * Pass one to the peer engine. Pick `pgliteStorage()` by default, `postgresStorage()` for a shared
 * server, `memoryStorage()` for tests; implement it yourself for an existing EHR backend.
 *
 * **Details**
 * Implementing it for your backend:
 * - Versions: any string your backend already has (an integer as text, a FHIR `versionId`); write
 *   with `UPDATE … WHERE version = expected` or `If-Match`, and map a mismatch to `StorageError`
 *   `VersionConflict`. `expectedVersion: null` is a create (`INSERT … ON CONFLICT DO NOTHING`,
 *   `If-None-Exist`).
 * - Staged rounds: keep them in a table (or collection) keyed by `(viewId, round)` in the same
 *   database as the records, so `promote` can write both in one transaction. Keep a tombstone of
 *   finished rounds (`promoted`/`discarded`) for idempotence.
 * - Throw `StorageError` with a code for every failure; wrap driver errors (code `Driver`, `cause`).
 * - Run `shouldBehaveLikeStorageAdapter` (test/storage/) against it: it checks all of this,
 *   including a reopen after a crash between `stage` and `promote`.
 *
 * **Example** (promote a round and its view state together)
 * ```ts
 * import { pgliteStorage } from 'lensync/storage/pglite'
 *
 * declare const viewId: string, commitment: string // round 7 of viewId is staged
 * const storage = pgliteStorage({ dataDir: './peer-a' })
 * await storage.transaction(async (tx) => {
 *   await tx.promote(viewId, 7n)
 *   await tx.setViewState(viewId, { version: 7, commitment })
 * })
 * await storage.close()
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export interface StorageAdapter extends StorageOperations {
  /** Which backend this is (`'memory'`, `'pglite'`, `'postgres'`, or your own name). */
  readonly kind: string

  /**
   * Runs `fn` in a transaction over every operation: all its effects commit together when `fn`
   * resolves, and none when it throws (the error is rethrown as is).
   *
   * **Details**
   * - `fn` receives `tx`: use it, not the adapter, for every call inside `fn`. Calling the adapter
   *   inside `fn` throws `TransactionMisuse` (it would otherwise wait for the transaction it runs
   *   in). `tx` used after the transaction ended throws `TransactionMisuse` too.
   * - An operation that fails inside `fn` leaves the transaction usable (it had no effect); `fn` may
   *   catch the error and continue.
   * - Isolation: memory and PGlite run one transaction at a time. PostgreSQL runs each on one
   *   connection at `READ COMMITTED`: every write is a compare-and-swap, a keyed upsert or serialized
   *   per `(viewId, round)`, so concurrent writers cannot lose updates, but two reads in one
   *   transaction may see different committed data — decide with compare-and-swap, not with reads.
   *
   * IMPORTANT: this is how a peer stays crash-safe: promote a round, store the view state and
   * advance the event cursor in one transaction, and a crash at any point leaves either all of it
   * or none of it.
   *
   * @param fn - The work to run; receives the transactional operations.
   * @returns What `fn` returns.
   */
  transaction<result>(fn: (tx: StorageOperations) => Promise<result>): Promise<result>

  /**
   * Releases the backend (closes the PGlite database, ends the pool the adapter created).
   * Resources passed in by the caller (a PGlite instance, a `pg` pool) are left open.
   *
   * NOTE: idempotent. Every other call after `close()` throws `Closed`.
   */
  close(): Promise<void>
}
