/**
 * # fhirStorage
 *
 * A {@link StorageAdapter} whose records live in a FHIR R4 server reached over REST — the EHR's own
 * record store — while the protocol's state (staged rounds, view state, event cursor, processed
 * events, compartment layouts) lives in a side store (PGlite by default, any adapter accepted).
 *
 * ## Mental model
 * - A record is `Type/id` (one resource: its data is the resource, its version the resource's
 *   `meta.versionId`) or `Patient/<id>/$everything` (the Patient and its compartment, presented to
 *   lenses as a `Bundle` of `type: 'collection'`; its version is a digest of every member's
 *   `versionId` and of the layout). Versions are opaque strings, as the interface wants them.
 * - Reads are FHIR `read` and `search` (`_id=…` per resource type of the compartment).
 * - Writes are per resource: `PUT` with `If-Match: W/"<versionId>"` for an update, a conditional
 *   create (`POST` with `If-None-Exist: _id=<id>`) for a new resource, `DELETE` for a removed one.
 *   A translated patch on `/entry/6/resource/...` thus becomes writes of the resources it changed;
 *   unchanged resources are not written.
 * - Inside `transaction(fn)`, record writes are collected and sent when `fn` resolves, before the
 *   side store commits; reads inside `fn` see them.
 *
 * ## Why per-resource writes and not one `transaction` Bundle
 * A `transaction` Bundle is all-or-nothing only if the server runs it in a database transaction.
 * The tests check it: Medplum's router over its in-memory repository applies the entries before a
 * failing one (a stale `If-Match` on the second entry leaves the first written), so a Bundle would
 * promise an atomicity the server does not give. Per-resource conditional writes give what REST can
 * guarantee everywhere: no write ever overwrites a version it did not read (412 → `VersionConflict`),
 * every write is checked before any is sent, and a promotion is idempotent — replayed after a crash
 * between the FHIR writes and the side store's commit, it finds its resources already written (same
 * content) and only marks the round done.
 *
 * ## Gotchas
 * - Not atomic across resources: a writer that changes a resource between the check and the write
 *   of a multi-resource promotion makes it fail half-way (`VersionConflict`); the round stays staged,
 *   and promoting it again after a rebase completes it.
 * - Server-managed `meta` fields (`versionId`, `lastUpdated`, and Medplum's `author`, `project`,
 *   `compartment`, `accounts`, `onBehalfOf`) are not part of a record's data.
 * - The server down: requests are retried (`retries`, exponential backoff from `retryDelayMs`), then
 *   the call fails with `StorageError` `Driver` whose `cause` is a {@link FhirServerError}
 *   `Unavailable`; staged rounds are in the side store, so nothing is lost.
 *
 * @since 0.2.0
 */
import { createAdapter, type Engine } from './_internal/adapter.js'
import { StorageError } from './errors.js'
import { createClient } from './fhir/_internal/client.js'
import { type Context, fhirOperations, toStorageError, wrapped } from './fhir/_internal/operations.js'
import { defaultCompartmentTypes } from './fhir/_internal/records.js'
import { pgliteStorage } from './pglite.js'
import type { StorageAdapter } from './StorageAdapter.js'

export { StorageError, isStorageError } from './errors.js'
export type { StorageErrorCode, StorageErrorContext, StorageErrorType } from './errors.js'
export type * from './StorageAdapter.js'
export { FhirServerError } from './fhir/FhirServerError.js'
export type { FhirServerErrorCode, FhirServerErrorParameters, FhirServerErrorType } from './fhir/FhirServerError.js'

/**
 * Options of {@link fhirStorage}.
 *
 * @category models
 * @since 0.2.0
 */
export interface FhirStorageConfig {
  /** The server's base URL (e.g. `https://ehr.example/fhir/R4`). */
  readonly baseUrl: string
  /**
   * Where the protocol's own state lives. Closed by `close()` only when the adapter created it.
   *
   * @defaultValue `pgliteStorage()` in memory
   */
  readonly side?: StorageAdapter | undefined
  /**
   * Headers sent with every request (e.g. `authorization`).
   *
   * @defaultValue `{}`
   */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * How many times a request is repeated when the server does not answer or answers 429/502/503/504.
   *
   * @defaultValue `3`
   */
  readonly retries?: number | undefined
  /**
   * The first retry's delay in milliseconds; doubled at each retry.
   *
   * @defaultValue `100`
   */
  readonly retryDelayMs?: number | undefined
  /**
   * Resource types searched (`?patient=Patient/<id>`) for a compartment record lensync never wrote.
   *
   * @defaultValue AllergyIntolerance, CarePlan, Condition, DiagnosticReport, Encounter, Immunization, MedicationRequest, MedicationStatement, Observation, Procedure
   */
  readonly compartmentTypes?: readonly string[] | undefined
  /**
   * How often (milliseconds) a read of a compartment record also searches the compartment for
   * resources created outside lensync (the layout lists only the resources lensync wrote). Between
   * searches, reads fetch the known resources by `_id`: one request per resource type. Changes and
   * deletions of known resources are seen by every read.
   *
   * @defaultValue `5000`
   */
  readonly discoverEveryMs?: number | undefined
  /**
   * The `fetch` to use (a proxy, a client with mutual TLS…).
   *
   * @defaultValue `globalThis.fetch`
   */
  readonly fetch?: typeof globalThis.fetch | undefined
}

/**
 * A change made to a record's resource outside lensync — by the EHR itself, a clinician in its own
 * UI — as {@link FhirStorage.outsideWrites} reports it.
 *
 * @category models
 * @since 0.2.0
 */
export interface OutsideWrite {
  /** The resource, `Type/id`. */
  readonly ref: string
  /** Its `versionId` after the outside write (the last known one when `deleted`). */
  readonly versionId: string
  /** Its `meta.lastUpdated`. */
  readonly lastUpdated?: string | undefined
  /** Who wrote it: the server's `meta.author` (a reference or display), when the server records it. */
  readonly author?: string | undefined
  /** Its `meta.source`, when the writer set one. */
  readonly source?: string | undefined
  /** `true` when the resource was deleted. */
  readonly deleted?: boolean | undefined
}

/**
 * A FHIR store: a {@link StorageAdapter} with `kind: 'fhir'`.
 *
 * @category models
 * @since 0.2.0
 */
export interface FhirStorage extends StorageAdapter {
  readonly kind: 'fhir'
  /** The server's base URL. */
  readonly baseUrl: string
  /** The side store holding staged rounds, view state, cursors, processed events and layouts. */
  readonly side: StorageAdapter
  /**
   * The writes made to a record's resources outside lensync since lensync first wrote it: those a
   * later lensync write absorbed (kept with their authors), then those not yet absorbed. Each
   * becomes a round on the views over the record at the peer's next `sync()` (the engine sees the
   * record differ from the views it holds); this is where their authors are recorded.
   *
   * @param recordId - The record.
   * @returns The outside writes, oldest first.
   */
  outsideWrites(recordId: string): Promise<OutsideWrite[]>
}

/**
 * Everything {@link fhirStorage} and its adapter can throw: `StorageError` (with a
 * `FhirServerError` as `cause` when the server failed).
 *
 * @category errors
 * @since 0.2.0
 */
export type FhirStorageErrorType = StorageError

/**
 * Creates a storage adapter whose records live in a FHIR R4 server.
 *
 * **When to use**
 * lensync embedded in an EHR whose records already live in a FHIR server that other software writes
 * to. For a peer without a FHIR server use `pgliteStorage()`.
 *
 * **Details**
 * - Keeps the promises of {@link StorageAdapter} as far as REST allows (see the module notes:
 *   per-resource conditional writes, promotions idempotent after a crash).
 * - Versions are the server's `versionId` (one resource) or a digest of them (a compartment).
 * - `putRecord` inside `transaction(fn)` returns a provisional version (`pending:…`); the server
 *   assigns the real one when the transaction commits.
 * - A resource deleted outside lensync leaves the record (a new version without its entry). A staged
 *   round that writes it fails to promote with `VersionConflict` caused by a `FhirServerError`
 *   `Deleted`; the deletion wins: the next write that still holds the resource (the peer's rejoin of
 *   that round) does not re-create it, and the peer's next `sync()` carries the deletion to the views
 *   as a round. A later write may add the resource again.
 *
 * **Example** (a patient's compartment as one record)
 * ```ts
 * import { fhirStorage } from 'lensync/storage/fhir'
 * import { memoryStorage } from 'lensync/storage/memory'
 *
 * const storage = fhirStorage({ baseUrl: 'http://127.0.0.1:8103/fhir/R4', side: memoryStorage() })
 * const record = await storage.getRecord('Patient/p1/$everything')
 * console.log(record?.data)
 * // Output: { resourceType: 'Bundle', type: 'collection', entry: [ … ] }
 * ```
 *
 * @param config - {@link FhirStorageConfig}.
 * @returns A {@link FhirStorage}.
 * @category adapters
 * @since 0.2.0
 */
export function fhirStorage(config: FhirStorageConfig): FhirStorage {
  const invalid = (message: string) => new StorageError({ code: 'InvalidArgument', operation: 'fhirStorage', message })
  if (config === null || typeof config !== 'object' || typeof config.baseUrl !== 'string' || !/^https?:\/\/./.test(config.baseUrl))
    throw invalid('config.baseUrl must be the http(s) URL of a FHIR server.')
  const retries = config.retries ?? 3
  const retryDelayMs = config.retryDelayMs ?? 100
  if (!Number.isSafeInteger(retries) || retries < 0 || retries > 10) throw invalid('config.retries must be an integer in [0, 10].')
  if (typeof retryDelayMs !== 'number' || !(retryDelayMs >= 0)) throw invalid('config.retryDelayMs must be a non-negative number.')
  const owned = config.side === undefined
  const side = config.side ?? pgliteStorage()
  const client = createClient({ baseUrl: config.baseUrl, fetch: config.fetch ?? globalThis.fetch, headers: config.headers ?? {}, retries, retryDelayMs })
  const discoverEveryMs = config.discoverEveryMs ?? 5000
  if (typeof discoverEveryMs !== 'number' || !(discoverEveryMs >= 0)) throw invalid('config.discoverEveryMs must be a non-negative number.')
  const { operations, flush, outsideWrites } = fhirOperations({ client, compartmentTypes: config.compartmentTypes ?? defaultCompartmentTypes, discoverEveryMs })

  const inSideTransaction = <result>(immediate: boolean, fn: (context: Context) => Promise<result>) =>
    side.transaction(async (tx) => {
      const context: Context = { side: tx, pending: new Map(), immediate }
      const result = await fn(context)
      try {
        await flush(context)
      } catch (error) {
        throw toStorageError(error, 'transaction')
      }
      return result
    })

  const engine: Engine<Context> = {
    run(access, fn) {
      if (access === 'read') return fn({ side, pending: new Map(), immediate: true })
      return inSideTransaction(true, fn)
    },
    transaction: (fn) => inSideTransaction(false, fn),
    async nested(context, fn) {
      const child: Context = { side: context.side, pending: new Map(context.pending), immediate: context.immediate }
      const result = await fn(child)
      context.pending.clear()
      for (const [key, value] of child.pending) context.pending.set(key, value)
      return result
    },
    async close() {
      if (owned) await side.close()
    },
  }

  const adapter = createAdapter({ kind: 'fhir', engine, operations: (context) => wrapped(operations(context)) })
  return Object.assign(adapter, {
    kind: 'fhir' as const,
    baseUrl: config.baseUrl,
    side,
    async outsideWrites(recordId: string): Promise<OutsideWrite[]> {
      try {
        return (await outsideWrites(side, recordId)) as OutsideWrite[]
      } catch (error) {
        throw toStorageError(error, 'outsideWrites')
      }
    },
  })
}
