/**
 * # memoryStorage
 *
 * A {@link StorageAdapter} that keeps everything in the process's memory.
 *
 * ## Mental model
 * - A {@link MemoryStore} holds the committed tables; a `memoryStorage()` adapter reads and writes
 *   one. Values are kept as JSON text, so what you read is always a fresh copy.
 * - Transactions and multi-step operations write into a copy-on-write overlay of the store and
 *   commit it in one synchronous step, or drop it when they throw (snapshot rollback).
 *
 * ## Gotchas
 * - Nothing survives the process: a crash loses every record, stage and cursor. The crash-safety
 *   promise of `stage`/`promote` holds only within the process — a new adapter opened on the same
 *   store (`memoryStorage({ store: previous.store })`) after the first one was closed or abandoned
 *   sees every committed stage whole. Use `pgliteStorage()` for a peer that must survive restarts.
 * - Writers on one store run one at a time: inside `transaction(fn)`, a write through another
 *   adapter on the same store waits for that transaction — a deadlock. Use `tx`.
 *
 * @since 0.1.0
 */
import { deepEqual } from '../json/equal.js'
import { createAdapter, type Engine } from './_internal/adapter.js'
import { checkCursor, checkEventKey, checkId, checkRound, checkExpectedVersion, checkStage, fromJsonText, toJsonText } from './_internal/json.js'
import { BaseTable, Overlay, type Table } from './_internal/overlay.js'
import { StorageError } from './errors.js'
import { roundFinished, stageConflict, stageNotFound, versionConflict } from './_internal/refusals.js'
import type {
  EventCursor,
  FinishRoundResult,
  StagedRound,
  StageParameters,
  StorageAdapter,
  StorageOperations,
  StoredRecord,
} from './StorageAdapter.js'

export { StorageError, isStorageError } from './errors.js'
export type { StorageErrorCode, StorageErrorContext, StorageErrorType } from './errors.js'
export type * from './StorageAdapter.js'

interface StoredStage {
  readonly viewId: string
  readonly round: bigint
  readonly writesText: string
  readonly metaText: string
}

interface Tables {
  readonly records: Table<{ readonly version: string; readonly text: string }>
  readonly staged: Table<StoredStage>
  readonly finished: Table<'promoted' | 'discarded'>
  readonly views: Table<string>
  readonly cursors: Table<EventCursor>
  readonly processed: Table<true>
}

/**
 * The committed data of memory storages: pass it to a new `memoryStorage({ store })` to reopen the
 * same data in-process. Opaque.
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryStore {
  /** @internal */
  readonly _tag: 'MemoryStore'
}

interface StoreInternals extends MemoryStore {
  readonly tables: Tables
  /** Serializes writers: one transaction or write at a time. */
  lock: Promise<unknown>
}

/**
 * Options of {@link memoryStorage}.
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryStorageConfig {
  /**
   * The store to open: `previous.store` reopens another adapter's data (what a restart would do if
   * memory survived it). Its tables are shared, so writes through either adapter are seen by both.
   *
   * @defaultValue a new, empty store
   */
  readonly store?: MemoryStore | undefined
}

/**
 * A memory storage: a {@link StorageAdapter} with `kind: 'memory'` and its {@link MemoryStore}.
 *
 * @category models
 * @since 0.1.0
 */
export interface MemoryStorage extends StorageAdapter {
  readonly kind: 'memory'
  /** The data this adapter reads and writes. */
  readonly store: MemoryStore
}

/**
 * Everything {@link memoryStorage} and its adapter can throw.
 *
 * @category errors
 * @since 0.1.0
 */
export type MemoryStorageErrorType = StorageError

function roundKey(viewId: string, round: bigint): string {
  return `${viewId}\u0000${round}`
}

function toStagedRound(stage: StoredStage): StagedRound {
  return { viewId: stage.viewId, round: stage.round, writes: fromJsonText(stage.writesText) as never, meta: fromJsonText(stage.metaText) }
}

function byViewAndRound(a: StagedRound, b: StagedRound): number {
  return a.viewId < b.viewId ? -1 : a.viewId > b.viewId ? 1 : a.round < b.round ? -1 : a.round > b.round ? 1 : 0
}

function operationsOn(t: Tables): StorageOperations {
  const currentVersion = (id: string) => t.records.get(id)?.version ?? null
  // Versions are a counter per record, as text; a record is never deleted, so a version never repeats.
  const nextVersion = (version: string | null) => String(version === null ? 1 : Number(version) + 1)

  const getStaged = async (viewId: string, round?: bigint): Promise<never> => {
    checkId(viewId, 'getStaged', 'viewId')
    if (round !== undefined) {
      const stage = t.staged.get(roundKey(viewId, checkRound(round, 'getStaged')))
      return (stage ? toStagedRound(stage) : undefined) as never
    }
    const rounds: StagedRound[] = []
    for (const [, stage] of t.staged.entries()) if (stage.viewId === viewId) rounds.push(toStagedRound(stage))
    return rounds.sort(byViewAndRound) as never
  }

  return {
    async getRecord(id) {
      checkId(id, 'getRecord', 'id')
      const record = t.records.get(id)
      return record ? { id, version: record.version, data: fromJsonText(record.text) } : undefined
    },

    async putRecord(id, data, options) {
      checkId(id, 'putRecord', 'id')
      const expectedVersion = checkExpectedVersion(options, 'putRecord')
      const text = toJsonText(data, 'putRecord', 'data')
      const actualVersion = currentVersion(id)
      if (actualVersion !== expectedVersion) throw versionConflict('putRecord', id, expectedVersion, actualVersion)
      const version = nextVersion(expectedVersion)
      t.records.set(id, { version, text })
      return { id, version, data: fromJsonText(text) } satisfies StoredRecord
    },

    async stage(viewId, round, parameters: StageParameters) {
      checkId(viewId, 'stage', 'viewId')
      checkRound(round, 'stage')
      const { writes, writesText, metaText } = checkStage(parameters?.writes, parameters?.meta, 'stage')
      const key = roundKey(viewId, round)
      const outcome = t.finished.get(key)
      if (outcome) throw roundFinished('stage', viewId, round, outcome)
      const existing = t.staged.get(key)
      if (existing) {
        const same = deepEqual(fromJsonText(existing.writesText), fromJsonText(writesText)) && deepEqual(fromJsonText(existing.metaText), fromJsonText(metaText))
        if (same) return { changed: false }
        throw stageConflict(viewId, round)
      }
      for (const write of writes) {
        const actualVersion = currentVersion(write.recordId)
        if (actualVersion !== write.baseVersion)
          throw versionConflict('stage', write.recordId, write.baseVersion, actualVersion, { viewId, round })
      }
      t.staged.set(key, { viewId, round, writesText, metaText })
      return { changed: true }
    },

    getStaged: getStaged as StorageOperations['getStaged'],

    async listStaged() {
      const rounds: StagedRound[] = []
      for (const [, stage] of t.staged.entries()) rounds.push(toStagedRound(stage))
      return rounds.sort(byViewAndRound)
    },

    async promote(viewId, round): Promise<FinishRoundResult> {
      checkId(viewId, 'promote', 'viewId')
      checkRound(round, 'promote')
      const key = roundKey(viewId, round)
      const outcome = t.finished.get(key)
      if (outcome === 'promoted') return { outcome, changed: false }
      if (outcome === 'discarded') throw roundFinished('promote', viewId, round, outcome)
      const stage = t.staged.get(key)
      if (!stage) throw stageNotFound(viewId, round)
      const writes = fromJsonText(stage.writesText) as { recordId: string; baseVersion: string | null; data: unknown }[]
      for (const write of writes) {
        const actualVersion = currentVersion(write.recordId)
        if (actualVersion !== write.baseVersion)
          throw versionConflict('promote', write.recordId, write.baseVersion, actualVersion, { viewId, round })
        t.records.set(write.recordId, { version: nextVersion(write.baseVersion), text: JSON.stringify(write.data) })
      }
      t.staged.delete(key)
      t.finished.set(key, 'promoted')
      return { outcome: 'promoted', changed: true }
    },

    async discard(viewId, round): Promise<FinishRoundResult> {
      checkId(viewId, 'discard', 'viewId')
      checkRound(round, 'discard')
      const key = roundKey(viewId, round)
      const outcome = t.finished.get(key)
      if (outcome === 'discarded') return { outcome, changed: false }
      if (outcome === 'promoted') throw roundFinished('discard', viewId, round, outcome)
      const changed = t.staged.has(key)
      t.staged.delete(key)
      t.finished.set(key, 'discarded')
      return { outcome: 'discarded', changed }
    },

    async getViewState(viewId) {
      checkId(viewId, 'getViewState', 'viewId')
      const text = t.views.get(viewId)
      return text === undefined ? undefined : fromJsonText(text)
    },

    async setViewState(viewId, state) {
      checkId(viewId, 'setViewState', 'viewId')
      t.views.set(viewId, toJsonText(state, 'setViewState', 'state'))
    },

    async listViews() {
      return [...t.views.entries()].map(([viewId]) => viewId).sort()
    },

    async getCursor(name) {
      checkId(name, 'getCursor', 'name')
      const cursor = t.cursors.get(name)
      return cursor ? { ...cursor } : undefined
    },

    async setCursor(name, cursor) {
      checkId(name, 'setCursor', 'name')
      t.cursors.set(name, checkCursor(cursor, 'setCursor'))
    },

    async markProcessed(event) {
      const { txHash, logIndex } = checkEventKey(event, 'markProcessed')
      const key = `${txHash}\u0000${logIndex}`
      if (t.processed.has(key)) return false
      t.processed.set(key, true)
      return true
    },

    async isProcessed(event) {
      const { txHash, logIndex } = checkEventKey(event, 'isProcessed')
      return t.processed.has(`${txHash}\u0000${logIndex}`)
    },
  }
}

function overlay(t: Tables): Tables & { commit(): void } {
  const o = {
    records: new Overlay(t.records),
    staged: new Overlay(t.staged),
    finished: new Overlay(t.finished),
    views: new Overlay(t.views),
    cursors: new Overlay(t.cursors),
    processed: new Overlay(t.processed),
  }
  return {
    ...o,
    commit() {
      for (const table of Object.values(o)) table.commit()
    },
  }
}

function createStore(): StoreInternals {
  return {
    _tag: 'MemoryStore',
    tables: {
      records: new BaseTable(),
      staged: new BaseTable(),
      finished: new BaseTable(),
      views: new BaseTable(),
      cursors: new BaseTable(),
      processed: new BaseTable(),
    },
    lock: Promise.resolve(),
  }
}

function exclusive<result>(store: StoreInternals, fn: () => Promise<result>): Promise<result> {
  const result = store.lock.then(fn)
  store.lock = result.catch(() => undefined)
  return result
}

/**
 * Creates a storage adapter that keeps everything in memory.
 *
 * **When to use**
 * Tests, examples and throw-away peers. For a peer that must survive a restart use `pgliteStorage()`
 * (the default backend) or `postgresStorage()`.
 *
 * **Details**
 * - Implements every promise of {@link StorageAdapter} within the process: compare-and-swap
 *   versions, atomic `promote`, idempotent stage/promote/discard, transactions with copy-on-write
 *   rollback (a throwing `fn` leaves the store exactly as before).
 * - Writers run one at a time (a transaction holds the store until it ends); reads never wait and
 *   see only committed data.
 * - Data is lost when the process ends: it cannot survive a crash. `memoryStorage({ store })`
 *   reopens the committed data of another adapter in the same process, which is what the shared
 *   behaviour suite uses to check that a stage is kept whole across a "reopen".
 * - Values are validated and stored as JSON text; reads return fresh copies.
 *
 * **Example** (stage a round, then promote it)
 * ```ts
 * import { memoryStorage } from 'lensync/storage/memory'
 * const storage = memoryStorage()
 * const { version } = await storage.putRecord('Patient/1', { resourceType: 'Patient', gender: 'male' }, { expectedVersion: null })
 * await storage.stage('0x01', 1n, {
 *   writes: [{ recordId: 'Patient/1', baseVersion: version, data: { resourceType: 'Patient', gender: 'female' } }],
 *   meta: { salt: '0xabc' },
 * })
 * console.log(await storage.promote('0x01', 1n))
 * // Output: { outcome: 'promoted', changed: true }
 * console.log((await storage.getRecord('Patient/1'))?.version)
 * // Output: '2'
 * ```
 *
 * @param config - {@link MemoryStorageConfig}.
 * @returns A {@link MemoryStorage}.
 * @category adapters
 * @since 0.1.0
 */
export function memoryStorage(config: MemoryStorageConfig = {}): MemoryStorage {
  const store = (config.store ?? createStore()) as StoreInternals
  if (store._tag !== 'MemoryStore' || !('tables' in store))
    throw new StorageError({ code: 'InvalidArgument', operation: 'memoryStorage', message: 'config.store must be the store of another memoryStorage().' })

  const engine: Engine<Tables> = {
    run(access, fn) {
      if (access === 'read') return fn(store.tables)
      return exclusive(store, async () => {
        const o = overlay(store.tables)
        const result = await fn(o)
        o.commit()
        return result
      })
    },
    transaction(fn) {
      return exclusive(store, async () => {
        const o = overlay(store.tables)
        const result = await fn(o)
        o.commit()
        return result
      })
    },
    async nested(context, fn) {
      const o = overlay(context)
      const result = await fn(o)
      o.commit()
      return result
    },
    async close() {},
  }

  const adapter = createAdapter({ kind: 'memory', engine, operations: operationsOn })
  return Object.assign(adapter, { kind: 'memory' as const, store: store as MemoryStore })
}
