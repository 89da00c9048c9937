import { describe, expect, test } from 'vitest'
import { memoryStorage } from 'lensync/storage/memory'
import { StorageError } from 'lensync/storage/errors'
import { crashRound, crashView, setUpStagedRound } from '../../src/testing/_internal/crashScenarios.js'
import { shouldBehaveLikeStorageAdapter } from 'lensync/testing'

describe('memoryStorage', () => {
  shouldBehaveLikeStorageAdapter({
    async open() {
      const storage = memoryStorage()
      return {
        storage,
        // In-process "restart": a new adapter on the same committed store.
        reopen: async () => memoryStorage({ store: storage.store }),
        dispose: async () => undefined,
      }
    },
    crash: 'memory storage lives in the process and is lost with it; use pgliteStorage({ dataDir }) for crash safety',
  })

  describe('memory specifics', () => {
    test('default: kind and store', () => {
      const storage = memoryStorage()
      expect(storage.kind).toBe('memory')
      expect(storage.store).toMatchObject({ _tag: 'MemoryStore' })
    })

    test('behavior: two adapters on one store see each other’s commits; a transaction in progress is invisible', async () => {
      const a = memoryStorage()
      const b = memoryStorage({ store: a.store })
      await setUpStagedRound(a)
      expect(await b.getStaged(crashView, crashRound)).toBeDefined()
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const running = a.transaction(async (tx) => {
        await tx.promote(crashView, crashRound)
        await gate
      })
      await new Promise((resolve) => setTimeout(resolve, 10))
      // Reads do not wait for the writer and see only committed data.
      expect((await b.getRecord('Patient/p1'))?.version).toBe('1')
      // Writers wait for the transaction: b's write is applied after it, on the promoted version.
      const write = b.putRecord('Patient/p1', { resourceType: 'Patient' }, { expectedVersion: '2' })
      release()
      await running
      expect(await write).toMatchObject({ version: '3' })
    })

    test('error: a store that is not one is InvalidArgument', () => {
      expect(() => memoryStorage({ store: { _tag: 'MemoryStore' } })).toThrow(StorageError)
    })
  })
})
