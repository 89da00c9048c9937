/**
 * What the SQL backends (PGlite, PostgreSQL) share beyond the adapter contract: JSONB tables in
 * their own schema, idempotent and concurrent-safe migrations, and driver errors as StorageError.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { StorageError } from 'lensync/storage/errors'
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import { crashRound, crashView, observationV1, setUpStagedRound } from '../../src/testing/_internal/crashScenarios.js'

export interface SqlHarness {
  /** An adapter on `schema` (created on first use). */
  open(schema: string): StorageAdapter
  /** Runs SQL directly on the same database. */
  raw(sql: string): Promise<Record<string, unknown>[]>
}

export function newSchema(): string {
  return `lensync_test_${randomBytes(6).toString('hex')}`
}

export function shouldBehaveLikeSqlStorage(harness: SqlHarness): void {
  const withSchema = (name: string, fn: (schema: string) => Promise<void>) =>
    test(name, async () => {
      const schema = newSchema()
      try {
        await fn(schema)
      } finally {
        await harness.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      }
    })

  describe('SQL', () => {
    withSchema('default: values are JSONB rows in the adapter’s own schema', async (schema) => {
      const storage = harness.open(schema)
      await setUpStagedRound(storage)
      const rows = await harness.raw(
        `SELECT id, version::text AS version, jsonb_typeof(data) AS type, data->'valueQuantity'->>'value' AS value FROM "${schema}".records ORDER BY id`,
      )
      expect(rows).toEqual([
        { id: 'Observation/o1', version: '1', type: 'object', value: String(observationV1.valueQuantity.value) },
        { id: 'Patient/p1', version: '1', type: 'object', value: null },
      ])
      const [stage] = await harness.raw(`SELECT jsonb_typeof(writes) AS w, jsonb_typeof(meta) AS m, round::text AS round FROM "${schema}".staged_rounds`)
      expect(stage).toEqual({ w: 'array', m: 'object', round: `${crashRound}` })
      await storage.close()
    })

    withSchema('behavior: two schemas in one database are isolated', async (schema) => {
      const other = newSchema()
      try {
        const a = harness.open(schema)
        const b = harness.open(other)
        await setUpStagedRound(a)
        expect(await b.listStaged()).toEqual([])
        expect(await b.getRecord('Patient/p1')).toBeUndefined()
        await b.putRecord('Patient/p1', { resourceType: 'Patient' }, { expectedVersion: null })
        expect((await a.getRecord('Patient/p1'))?.data).toMatchObject({ name: expect.any(Array) })
        await Promise.all([a.close(), b.close()])
      } finally {
        await harness.raw(`DROP SCHEMA IF EXISTS "${other}" CASCADE`)
      }
    })

    withSchema('behavior: migrations are idempotent, also when adapters open one schema concurrently', async (schema) => {
      const adapters = [harness.open(schema), harness.open(schema), harness.open(schema)]
      const results = await Promise.all(adapters.map((s, i) => s.putRecord(`r${i}`, { i }, { expectedVersion: null })))
      expect(results.map((r) => r.version)).toEqual(['1', '1', '1'])
      const reopened = harness.open(schema)
      expect(await reopened.getRecord('r2')).toEqual({ id: 'r2', version: '1', data: { i: 2 } })
      expect(await harness.raw(`SELECT value::text AS value FROM "${schema}".meta WHERE key = 'schemaVersion'`)).toEqual([{ value: '1' }])
      await Promise.all([...adapters, reopened].map((s) => s.close()))
    })

    withSchema('error: a schema laid out by a newer lensync is a Migration error', async (schema) => {
      const first = harness.open(schema)
      await first.listStaged()
      await harness.raw(`UPDATE "${schema}".meta SET value = '2' WHERE key = 'schemaVersion'`)
      const error = await harness
        .open(schema)
        .listStaged()
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StorageError)
      expect(error).toMatchObject({ code: 'Migration' })
      expect((error as StorageError).shortMessage).toContain('layout version 2')
      await first.close()
    })

    withSchema('error: a database failure becomes StorageError Driver with the SQLSTATE and the cause', async (schema) => {
      const storage = harness.open(schema)
      await setUpStagedRound(storage)
      await harness.raw(`DROP TABLE "${schema}".finished_rounds`)
      const error = (await storage.promote(crashView, crashRound).catch((e: unknown) => e)) as StorageError
      expect(error).toBeInstanceOf(StorageError)
      expect(error).toMatchObject({ code: 'Driver', operation: 'promote', metaMessages: ['SQLSTATE: 42P01'] })
      expect((error.cause as Error).message).toContain('finished_rounds')
      // Nothing was half-applied.
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: '1' })
      expect(await storage.listStaged()).toHaveLength(1)
      await storage.close()
    })

    test('error: a schema name that is not a plain identifier is InvalidArgument', () => {
      for (const schema of ['', 'Public', 'a-b', 'x"; DROP SCHEMA public; --', 'a'.repeat(64)]) {
        expect(() => harness.open(schema)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
      }
    })
  })
}
