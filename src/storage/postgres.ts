/**
 * # postgresStorage
 *
 * A {@link StorageAdapter} on a PostgreSQL server, through `pg` (an optional peer dependency:
 * `npm install pg`, loaded on the first call). Same SQL as `pgliteStorage()`: JSONB values, tables in
 * their own schema, created idempotently on first use.
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
 * The result of a query on a {@link PgPool}: its rows.
 *
 * @category models
 * @since 0.2.0
 */
export interface PgQueryResult {
  readonly rows: unknown[]
}

/**
 * A connection checked out of a {@link PgPool} (a `pg.PoolClient`).
 *
 * @category models
 * @since 0.2.0
 */
export interface PgPoolClient {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>
  /** Returns the connection to the pool; with an error, destroys it instead. */
  release(error?: Error | boolean): void
}

/**
 * The part of a `pg.Pool` that {@link postgresStorage} uses. A `pg.Pool` is one; declared here so
 * that the types of `lensync/storage/postgres` need none of `pg`'s.
 *
 * @category models
 * @since 0.2.0
 */
export interface PgPool {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>
  connect(): Promise<PgPoolClient>
}

/**
 * Options of {@link postgresStorage}: a connection string or a pool, and a schema.
 *
 * @category models
 * @since 0.1.0
 */
export type PostgresStorageConfig = {
  /**
   * Schema holding the adapter's tables; one per peer when peers share a database.
   *
   * @defaultValue `'lensync'`
   */
  readonly schema?: string | undefined
} & (
  | {
      /** `postgres://user:password@host:5432/database`; the adapter creates a pool and ends it on `close()`. */
      readonly connectionString: string
      readonly pool?: undefined
    }
  | {
      /** An existing `pg.Pool`; `close()` leaves it open. */
      readonly pool: PgPool
      readonly connectionString?: undefined
    }
)

/**
 * A PostgreSQL storage: a {@link StorageAdapter} with `kind: 'postgres'`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PostgresStorage extends StorageAdapter {
  readonly kind: 'postgres'
  /** The schema holding the tables. */
  readonly schema: string
}

/**
 * Everything {@link postgresStorage} and its adapter can throw.
 *
 * @category errors
 * @since 0.1.0
 */
export type PostgresStorageErrorType = StorageError

function executor(client: PgPool | PgPoolClient): SqlExecutor {
  return {
    async query(text, params = []) {
      const result = await client.query(text, [...params])
      return result.rows as SqlRow[] // every column is selected as text
    },
  }
}

/**
 * Creates a storage adapter on a PostgreSQL server.
 *
 * **When to use**
 * When a peer's data must live in an existing PostgreSQL server (backups, replication, shared
 * operations). For an embedded database use `pgliteStorage()`.
 *
 * **Details**
 * - Keeps every promise of {@link StorageAdapter}. Single-statement operations use any pool
 *   connection; `stage`, `promote`, `discard` and `transaction(fn)` hold one connection between
 *   `BEGIN` and `COMMIT`. Staging, promoting and discarding one `(viewId, round)` is serialized
 *   across processes with a transaction-scoped advisory lock; records are compare-and-swapped.
 * - Connection and server errors become `StorageError` with code `Driver` (SQLSTATE in the message)
 *   and the `pg` error as `cause`. A failed first connection is retried on the next call.
 * - `pg` is imported on the first call (not at all with `pool`); when it is not installed, that call
 *   throws `StorageError` `MissingDependency`.
 * - The role needs `CREATE` on the database the first time (to create the schema), then only
 *   `USAGE` and table privileges on it.
 *
 * **Example** (one schema per peer)
 * ```ts
 * import { postgresStorage } from 'lensync/storage/postgres'
 * const storage = postgresStorage({ connectionString: process.env.DATABASE_URL!, schema: 'peer_doctor' })
 * console.log(await storage.getCursor('coordinator'))
 * // Output: undefined
 * await storage.close()
 * ```
 *
 * @param config - {@link PostgresStorageConfig}.
 * @returns A {@link PostgresStorage}.
 * @category adapters
 * @since 0.1.0
 */
export function postgresStorage(config: PostgresStorageConfig): PostgresStorage {
  const schema = checkSchema(config?.schema ?? 'lensync', 'postgresStorage')
  if (config.pool === undefined && (typeof config.connectionString !== 'string' || config.connectionString.length === 0))
    throw new StorageError({
      code: 'InvalidArgument',
      operation: 'postgresStorage',
      message: 'pass either connectionString (postgres://…) or pool (a pg.Pool).',
    })
  const owned = lazy(async () => {
    const { default: pg } = await importPeer('pg', 'postgresStorage', () => import('pg'))
    const pool = new pg.Pool({ connectionString: config.connectionString })
    // An idle pooled connection that dies emits 'error' on the pool; without a listener Node would
    // crash. The next query reports the failure instead.
    pool.on('error', () => undefined)
    return pool
  })
  const open = async (): Promise<PgPool> => config.pool ?? (await owned())

  const driver: SqlDriver = {
    query: async (text, params) => executor(await open()).query(text, params),
    async transaction(fn) {
      const client = await (await open()).connect()
      let broken: Error | undefined
      try {
        await client.query('BEGIN')
        const result = await fn(executor(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError // the connection is unusable: do not return it to the pool
        })
        throw error
      } finally {
        client.release(broken)
      }
    },
    async close() {
      const pool = await owned.current?.catch(() => undefined)
      if (pool && !pool.ended) await pool.end()
    },
  }
  const adapter = createSqlStorage({ kind: 'postgres', driver, schema })
  return Object.assign(adapter, { kind: 'postgres' as const, schema })
}
