/**
 * # pgliteStorage
 *
 * The default {@link StorageAdapter}: PostgreSQL compiled to WebAssembly (PGlite), embedded in the
 * process, in memory or in a directory.
 *
 * ## Mental model
 * - One PGlite database, the adapter's tables in their own schema (`lensync` by default), created
 *   idempotently on first use. The SQL is the same as `postgresStorage()`'s (JSONB values).
 * - With `dataDir`, everything committed survives a crash: a new adapter on the same directory sees
 *   every stage whole and never a half-promoted round.
 *
 * ## Gotchas
 * - PGlite (`@electric-sql/pglite`) is an optional peer dependency: `npm install @electric-sql/pglite`.
 *   It is loaded on the first call, so importing this module never needs it; without it the first
 *   call fails with `StorageError` `MissingDependency`.
 * - Opening takes a moment (≈ 2 s to create a database, ≈ 0.2 s to reopen one): it happens on the
 *   first call, not in `pgliteStorage()`.
 * - One process per `dataDir`: PGlite does not lock the directory against a second process.
 * - PGlite runs one transaction at a time: inside `transaction(fn)` of one adapter, a call on another
 *   adapter sharing the same `client` waits for that transaction — a deadlock. Use `tx`.
 *
 * @since 0.1.0
 */
import { importPeer, lazy } from './_internal/optionalPeer.js'
import { checkSchema, createSqlStorage, type SqlDriver, type SqlExecutor, type SqlRow } from './_internal/sql.js'
import { StorageError } from './errors.js'
import type { StorageAdapter } from './StorageAdapter.js'

export { StorageError, isStorageError } from './errors.js'
export type { StorageErrorCode, StorageErrorContext, StorageErrorType } from './errors.js'
export type * from './StorageAdapter.js'

/**
 * What {@link pgliteStorage} runs queries on: a PGlite transaction, or the database itself.
 *
 * @category models
 * @since 0.2.0
 */
export interface PgliteQueryable {
  query<row>(text: string, params?: unknown[]): Promise<{ readonly rows: row[] }>
}

/**
 * The part of a PGlite database that {@link pgliteStorage} uses. A `PGlite` instance of
 * `@electric-sql/pglite` is one; declared here so that the types of `lensync/storage/pglite` need
 * none of PGlite's.
 *
 * @category models
 * @since 0.2.0
 */
export interface PgliteClient extends PgliteQueryable {
  transaction<result>(fn: (tx: PgliteQueryable) => Promise<result>): Promise<result>
}

/**
 * Options of {@link pgliteStorage}.
 *
 * @category models
 * @since 0.1.0
 */
export interface PgliteStorageConfig {
  /**
   * Directory of the database files; created when missing. Ignored when `client` is given.
   *
   * @defaultValue in memory (lost when the adapter closes)
   */
  readonly dataDir?: string | undefined
  /**
   * An existing PGlite database to use instead of opening one; `close()` leaves it open.
   *
   * @defaultValue a database the adapter opens (and closes)
   */
  readonly client?: PgliteClient | undefined
  /**
   * Schema holding the adapter's tables, so several adapters (peers) can share one database.
   *
   * @defaultValue `'lensync'`
   */
  readonly schema?: string | undefined
}

/**
 * A PGlite storage: a {@link StorageAdapter} with `kind: 'pglite'`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PgliteStorage extends StorageAdapter {
  readonly kind: 'pglite'
  /** The schema holding the tables. */
  readonly schema: string
}

/**
 * Everything {@link pgliteStorage} and its adapter can throw.
 *
 * @category errors
 * @since 0.1.0
 */
export type PgliteStorageErrorType = StorageError

function executor(db: PgliteQueryable): SqlExecutor {
  return {
    async query(text, params = []) {
      const result = await db.query<SqlRow>(text, [...params])
      return result.rows
    },
  }
}

/**
 * Creates a storage adapter on an embedded PGlite database.
 *
 * **When to use**
 * The default for a peer: no server to run, durable with `dataDir`. Use `postgresStorage()` to share
 * a PostgreSQL server, `memoryStorage()` for tests that need no durability.
 *
 * **Details**
 * - Keeps every promise of {@link StorageAdapter}; `promote`, `stage` and `discard` run in one
 *   PostgreSQL transaction (a savepoint inside `transaction(fn)`).
 * - PGlite runs one query at a time, so transactions are serial.
 * - PGlite errors become `StorageError` with code `Driver` (SQLSTATE in the message) and `cause`.
 * - PGlite is imported on the first call (not at all with `client`); when `@electric-sql/pglite` is
 *   not installed, that call throws `StorageError` `MissingDependency`.
 *
 * **Example** (a durable peer database)
 * ```ts
 * import { pgliteStorage } from 'lensync/storage/pglite'
 * const storage = pgliteStorage({ dataDir: './data/doctor' })
 * await storage.putRecord('Patient/1', { resourceType: 'Patient' }, { expectedVersion: null })
 * console.log((await storage.getRecord('Patient/1'))?.version)
 * // Output: '1'
 * await storage.close()
 * ```
 *
 * @param config - {@link PgliteStorageConfig}.
 * @returns A {@link PgliteStorage}.
 * @category adapters
 * @since 0.1.0
 */
export function pgliteStorage(config: PgliteStorageConfig = {}): PgliteStorage {
  const schema = checkSchema(config.schema ?? 'lensync', 'pgliteStorage')
  if (config.dataDir !== undefined && (typeof config.dataDir !== 'string' || config.dataDir.length === 0))
    throw new StorageError({ code: 'InvalidArgument', operation: 'pgliteStorage', message: 'dataDir must be a non-empty path.' })

  const owned = lazy(async () => {
    const { PGlite } = await importPeer('@electric-sql/pglite', 'pgliteStorage', () => import('@electric-sql/pglite'))
    return new PGlite(config.dataDir)
  })
  const open = async (): Promise<PgliteClient> => config.client ?? (await owned())

  const driver: SqlDriver = {
    query: async (text, params) => executor(await open()).query(text, params),
    transaction: async (fn) => (await open()).transaction((tx) => fn(executor(tx))),
    async close() {
      const db = await owned.current?.catch(() => undefined)
      if (db && !db.closed) await db.close()
    },
  }
  const adapter = createSqlStorage({ kind: 'pglite', driver, schema })
  return Object.assign(adapter, { kind: 'pglite' as const, schema })
}
