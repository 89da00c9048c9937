/**
 * The campaign's invariants can fail: broken engines (a promotion that records a head other than the
 * chain's, a restart that loses staged rounds) and diverged holders are caught by the checker, and a
 * campaign over a broken engine fails with its seed and sequence.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StorageAdapter, StorageOperations } from 'lensync/storage/StorageAdapter'
import { addObservation } from '../../_helpers/fixtures.js'
import { startWorld, type World } from '../integration/_harness.js'
import { checkSafety, checkSettled } from './_invariants.js'
import { runCampaign } from './_runner.js'
import { System } from './_system.js'
import { type Store, memoryKind } from './_storageKinds.js'

let world: World
beforeAll(async () => {
  world = await startWorld(3)
})
afterAll(async () => {
  await world?.stop()
})

/** `ops` whose promotions record a head other than the one promoted (a broken engine). */
function corruptingOps(ops: StorageOperations): StorageOperations {
  return new Proxy(ops, {
    get(target, key, receiver) {
      if (key !== 'setViewState') return Reflect.get(target, key, receiver) as unknown
      return (viewId: string, state: { version: string; head: string }) =>
        target.setViewState(viewId, state.version === '0' ? state : { ...state, head: `0x${'ab'.repeat(32)}` })
    },
  })
}

/** A store whose promotions record a wrong head. */
function corruptingStore(store: Store): Store {
  const storage = new Proxy(store.storage, {
    get(target, key, receiver) {
      if (key === 'transaction') return <r>(fn: (tx: StorageOperations) => Promise<r>) => target.transaction((tx) => fn(corruptingOps(tx)))
      return Reflect.get(target, key, receiver) as unknown
    },
  }) as StorageAdapter
  return { storage: corruptingOps(storage) as StorageAdapter, reopen: () => corruptingStore(store.reopen()) }
}

/** A store whose reopening discards every staged round (a backend that is not crash safe). */
function forgetfulStore(store: Store): Store {
  return {
    storage: store.storage,
    reopen() {
      const next = store.reopen()
      const storage = new Proxy(next.storage, {
        get(target, key, receiver) {
          if (key === 'listStaged') return async () => []
          return Reflect.get(target, key, receiver) as unknown
        },
      })
      return { storage, reopen: next.reopen }
    },
  }
}

describe('invariants', () => {
  test('behavior: an honest round keeps every invariant', async () => {
    const system = await System.create(world, memoryKind(), { ackMode: 'direct' })
    await system.run('doctor', (peer) => peer.update(system.clinical, addObservation('x1', 90)))
    expect(await checkSafety(system)).toEqual([])
    await system.settleFully()
    expect(await checkSettled(system)).toEqual([])
    await system.close()
  })

  test("error: a promotion that records a head other than the chain's is caught after the command", async () => {
    const system = await System.create(world, memoryKind(), { ackMode: 'direct', wrapStorage: (who, store) => (who === 'doctor' ? corruptingStore(store) : store) })
    await system.run('patient', (peer) => peer.update(system.clinical, addObservation('x2', 91)))
    await system.settle()
    const violations = await checkSafety(system)
    expect(violations.some((v) => v.startsWith('doctor promoted head 0xabab'))).toBe(true)
    await system.close()
  })

  test('error: a restart that loses staged rounds is caught', async () => {
    const system = await System.create(world, memoryKind(), { ackMode: 'direct', wrapStorage: (who, store) => (who === 'doctor' ? forgetfulStore(store) : store) })
    await system.run('doctor', (peer) => peer.update(system.clinical, addObservation('x3', 92)))
    await system.restart('doctor')
    expect(await checkSafety(system)).toContain('doctor: staged rounds lost across a restart (1 before, 0 after)')
    await system.close()
  })

  test('error: a holder whose data diverged, and a round left open, are caught once settled', async () => {
    const system = await System.create(world, memoryKind(), { ackMode: 'direct' })
    const stored = (await system.stores.researcher.storage.getRecord('research'))!
    await system.stores.researcher.storage.putRecord('research', { ...(stored.data as object), type: 'searchset' }, { expectedVersion: stored.version })
    await system.run('doctor', (peer) => peer.update(system.clinical, addObservation('x4', 93)))
    const violations = await checkSettled(system)
    expect(violations.some((v) => v.startsWith("researcher's view"))).toBe(true)
    expect(violations.some((v) => v.includes('still open after settling'))).toBe(true)
    await system.close()
  })

  test('error: a campaign over a broken engine fails and prints how to replay it', async () => {
    const kind = memoryKind()
    await expect(runCampaign(world, kind, { runs: 40, seed: 42, wrapStorage: (who, store) => (who === 'doctor' ? corruptingStore(store) : store) })).rejects.toThrow(
      /campaign failed on memory storage — replay with LENSYNC_CAMPAIGN_SEED=42 LENSYNC_CAMPAIGN_PATH=\d+\ncounterexample: \["(direct|relay)",.*\]\ninvariant broken after/,
    )
  }, 120_000)
})
