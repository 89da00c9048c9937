/**
 * The storage backends the campaign runs on: memory, PGlite (one database, a schema per peer) and
 * PostgreSQL (one pool, a schema per peer, `DATABASE_URL`). Each `open` makes a peer's store;
 * `reopen` gives a new adapter over the same data, as a restarted process would get.
 */
import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { memoryStorage, type MemoryStorage } from 'lensync/storage/memory'
import { pgliteStorage } from 'lensync/storage/pglite'
import { postgresStorage } from 'lensync/storage/postgres'
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import { connectionString } from '../../_helpers/postgres.js'

/** One peer's store. */
export interface Store {
  readonly storage: StorageAdapter
  /** A new adapter over the same data (the old one is left as a crash leaves it). */
  reopen(): Store
}

/** A storage backend of the campaign. */
export interface StorageKind {
  readonly name: 'memory' | 'pglite' | 'postgres'
  open(): Store
  close(): Promise<void>
}

const schemaName = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`

export function memoryKind(): StorageKind {
  const store = (storage: MemoryStorage): Store => ({ storage, reopen: () => store(memoryStorage({ store: storage.store })) })
  return { name: 'memory', open: () => store(memoryStorage()), close: async () => undefined }
}

export function pgliteKind(): StorageKind {
  const client = new PGlite()
  const store = (schema: string): Store => ({ storage: pgliteStorage({ client, schema }), reopen: () => store(schema) })
  return { name: 'pglite', open: () => store(schemaName('campaign_')), close: () => client.close() }
}

export function postgresKind(): StorageKind {
  const pool = new pg.Pool({ connectionString, max: 6 })
  pool.on('error', () => undefined)
  const prefix = `lensync_campaign_${randomBytes(3).toString('hex')}_`
  const store = (schema: string): Store => ({ storage: postgresStorage({ pool, schema }), reopen: () => store(schema) })
  return {
    name: 'postgres',
    open: () => store(schemaName(prefix)),
    async close() {
      const { rows } = await pool.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix])
      for (const { nspname } of rows) await pool.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`)
      await pool.end()
    },
  }
}
