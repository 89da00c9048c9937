import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, describe, expect, test } from 'vitest'
import { pgliteStorage } from 'lensync/storage/pglite'
import { crashMeta, crashRound, crashView, setUpStagedRound } from '../../src/testing/_internal/crashScenarios.js'
import { newSchema, shouldBehaveLikeSqlStorage } from './shouldBehaveLikeSqlStorage.js'
import { shouldBehaveLikeStorageAdapter } from 'lensync/testing'

// One in-memory database for the file; every test gets its own schema (creating a PGlite database
// takes ≈ 2 s, a schema a few milliseconds). Directory-backed databases are used where durability
// is the point: the crash tests and the dataDir tests below.
let shared: PGlite | undefined
const client = () => (shared ??= new PGlite())
// Creating a database directory runs initdb (≈ 2 s of CPU); tests that need a fresh directory copy a
// template made once by pgliteStorage itself (which also checks that a new dataDir is created).
let template: Promise<string> | undefined
const freshDataDir = async () => {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lensync-pglite-template-'))
    const storage = pgliteStorage({ dataDir: dir })
    await storage.listViews()
    await storage.close()
    return dir
  })()
  const dataDir = await mkdtemp(join(tmpdir(), 'lensync-pglite-'))
  await cp(await template, dataDir, { recursive: true })
  return dataDir
}
afterAll(async () => {
  await shared?.close()
  if (template) await rm(await template, { recursive: true, force: true })
})

describe('pgliteStorage', () => {
  shouldBehaveLikeStorageAdapter({
    async open() {
      const schema = newSchema()
      return {
        storage: pgliteStorage({ client: client(), schema }),
        reopen: async () => pgliteStorage({ client: client(), schema }),
        dispose: async () => {
          await client().exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
        },
      }
    },
    crash: {
      async open() {
        const dataDir = await freshDataDir()
        return {
          target: { backend: 'pglite', dataDir },
          open: async () => pgliteStorage({ dataDir }),
          dispose: () => rm(dataDir, { recursive: true, force: true }),
        }
      },
    },
  })

  shouldBehaveLikeSqlStorage({
    open: (schema) => pgliteStorage({ client: client(), schema }),
    raw: async (sql) => (await client().query<Record<string, unknown>>(sql)).rows,
  })

  describe('pglite specifics', () => {
    test('default: kind, schema, and an in-memory database by default', async () => {
      const storage = pgliteStorage()
      expect(storage).toMatchObject({ kind: 'pglite', schema: 'lensync' })
      await storage.putRecord('Patient/p1', { resourceType: 'Patient' }, { expectedVersion: null })
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: '1' })
      await storage.close()
    })

    test('behavior: with dataDir, a staged round survives closing and reopening the database', async () => {
      const dataDir = await freshDataDir()
      try {
        const first = pgliteStorage({ dataDir })
        const { writes: crashWrites } = await setUpStagedRound(first)
        await first.close()
        const second = pgliteStorage({ dataDir })
        expect(await second.listStaged()).toEqual([{ viewId: crashView, round: crashRound, writes: crashWrites, meta: crashMeta }])
        expect(await second.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: true })
        await second.close()
        const third = pgliteStorage({ dataDir })
        expect(await third.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: false })
        expect(await third.getRecord('Condition/c1')).toMatchObject({ version: '1' })
        await third.close()
      } finally {
        await rm(dataDir, { recursive: true, force: true })
      }
    })

    test('behavior: close() leaves a client passed in open', async () => {
      const schema = newSchema()
      const storage = pgliteStorage({ client: client(), schema })
      await storage.listViews()
      await storage.close()
      expect(client().closed).toBe(false)
      await client().exec(`DROP SCHEMA "${schema}" CASCADE`)
    })

    test('error: an empty dataDir is InvalidArgument', () => {
      expect(() => pgliteStorage({ dataDir: '' })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }))
    })
  })
})
