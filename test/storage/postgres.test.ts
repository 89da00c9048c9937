/**
 * PostgreSQL tests against a real server: `DATABASE_URL` when set, else
 * postgres://postgres@127.0.0.1:5432/test (trust auth). Each run creates its own schemas (random
 * names) and drops them. Without a reachable server the tests are skipped with the reason in the
 * output — except under `CI=true`, where a missing server fails the run.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { StorageError } from 'lensync/storage/errors'
import { postgresStorage } from 'lensync/storage/postgres'
import { crashRound, crashView, setUpStagedRound } from '../../src/testing/_internal/crashScenarios.js'
import { newSchema, shouldBehaveLikeSqlStorage } from './shouldBehaveLikeSqlStorage.js'
import { shouldBehaveLikeStorageAdapter } from 'lensync/testing'
import { connectionString, postgresUnreachable, shownConnection } from '../_helpers/postgres.js'

const ci = process.env.CI === 'true'

const reason = await postgresUnreachable()
if (reason && !ci) console.warn(`[postgres.test.ts] PostgreSQL tests skipped: ${reason}`)

// Every schema this run creates starts with the run's prefix, so afterAll can drop leftovers.
const runPrefix = `lensync_test_${randomBytes(3).toString('hex')}_`
const schemaName = () => `${runPrefix}${randomBytes(4).toString('hex')}`
let admin: pg.Pool | undefined
const pool = () => {
  if (!admin) {
    admin = new pg.Pool({ connectionString, max: 4 })
    admin.on('error', () => undefined)
  }
  return admin
}
const drop = (schema: string) => pool().query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)

afterAll(async () => {
  if (!admin) return
  const { rows } = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [runPrefix])
  for (const { nspname } of rows) await drop(nspname)
  await admin.end()
})

if (reason !== undefined && ci)
  describe('postgresStorage (CI=true)', () => {
    test(`error: PostgreSQL is required under CI=true: ${reason}`, () => {
      throw new Error(`PostgreSQL tests cannot run under CI=true: ${reason}`)
    })
  })

describe.skipIf(reason !== undefined)(`postgresStorage${reason ? ` — skipped: ${reason}` : ` (${shownConnection})`}`, () => {
  shouldBehaveLikeStorageAdapter({
    async open() {
      const schema = schemaName()
      return {
        storage: postgresStorage({ connectionString, schema }),
        reopen: async () => postgresStorage({ connectionString, schema }),
        dispose: async () => {
          await drop(schema)
        },
      }
    },
    crash: {
      async open() {
        const schema = schemaName()
        return {
          target: { backend: 'postgres', connectionString, schema },
          open: async () => postgresStorage({ connectionString, schema }),
          dispose: async () => {
            await drop(schema)
          },
        }
      },
    },
  })

  shouldBehaveLikeSqlStorage({
    open: (schema) => postgresStorage({ pool: pool(), schema }),
    raw: async (sql) => (await pool().query(sql)).rows,
  })

  describe('postgres specifics', () => {
    test('default: kind and schema; close() leaves a pool passed in open', async () => {
      const schema = newSchema()
      const storage = postgresStorage({ pool: pool(), schema })
      expect(storage).toMatchObject({ kind: 'postgres', schema })
      await setUpStagedRound(storage)
      await storage.close()
      expect((await pool().query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }])
      await drop(schema)
    })

    test('behavior: two peers on one schema: concurrent promote of one round applies it once', async () => {
      const schema = schemaName()
      const a = postgresStorage({ connectionString, schema })
      const b = postgresStorage({ connectionString, schema })
      await setUpStagedRound(a)
      const results = await Promise.all([a.promote(crashView, crashRound), b.promote(crashView, crashRound)])
      expect(results.map((r) => r.changed).sort()).toEqual([false, true])
      expect(await b.getRecord('Patient/p1')).toMatchObject({ version: '2' })
      await Promise.all([a.close(), b.close()])
    })

    test('error: an unreachable server is StorageError Driver with the pg error as cause, retried on the next call', async () => {
      const storage = postgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema: 'unused' })
      for (let attempt = 0; attempt < 2; attempt++) {
        const error = (await storage.getRecord('x').catch((e: unknown) => e)) as StorageError
        expect(error).toBeInstanceOf(StorageError)
        expect(error.code).toBe('Driver')
        expect(error.cause).toBeInstanceOf(Error)
        expect(String((error.cause as NodeJS.ErrnoException).code)).toBe('ECONNREFUSED')
      }
      await storage.close()
    })

    test('error: neither connectionString nor pool is InvalidArgument', () => {
      expect(() => postgresStorage({} as never)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    })
  })
})
