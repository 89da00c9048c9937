import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PeerError, settle, type Peer } from 'lensync/coordinator'
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import { StorageError } from 'lensync/storage/errors'
import { memoryStorage } from 'lensync/storage/memory'
import { cast, expectConsistent } from './_cast.js'
import { addObservation, type Bundle, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { READ_WRITE, startWorld, type World } from './_harness.js'

// A view that cannot be handled stops no other view; a record written through another path between
// stage and promote is rebased or rejoins the round's verified view; on a real anvil.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

/** `inner`, whose `promote` of the views in `failing` fails like a broken disk (also inside transactions). */
function failingPromote(inner: StorageAdapter, failing: Set<string>): StorageAdapter {
  const wrap = <T extends object>(ops: T): T =>
    new Proxy(ops, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown
        if (prop === 'promote')
          return async (viewId: string, round: bigint) => {
            if (failing.has(viewId)) throw new StorageError({ code: 'Driver', operation: 'promote', message: 'the disk is unavailable.' })
            return (value as StorageAdapter['promote']).call(target, viewId, round)
          }
        if (prop === 'transaction')
          return (fn: (tx: StorageAdapter) => Promise<unknown>) => (value as StorageAdapter['transaction']).call(target, (tx) => fn(wrap(tx as StorageAdapter)))
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
      },
    })
  return wrap(inner)
}

/** The patient's record with the Patient's `key` replaced (through storage: another path than the engine). */
async function writeBehindTheEngine(storage: StorageAdapter, recordId: string, key: string, value: unknown): Promise<void> {
  const stored = (await storage.getRecord(recordId))!
  const data = structuredClone(stored.data) as unknown as Bundle
  data.entry[0]!.resource[key] = value as never
  await storage.putRecord(recordId, data, { expectedVersion: stored.version })
}

/** One sync of `peer` with automine off: it stages the open round and sends its ack, which is not mined yet. */
async function stageWithAckPending(peer: Peer): Promise<void> {
  await world.testClient.setAutomine(false)
  try {
    await peer.sync()
  } finally {
    await world.testClient.setAutomine(true)
  }
}

/** Mines the pending ack: the round completes. */
const mineAck = () => world.testClient.mine({ blocks: 1 })

describe('one failing view', () => {
  test('behavior: a view whose promote fails is reported (ViewFailed naming it, in sync() and once in the log), the other view keeps completing rounds, and the failed one catches up from its event once the fault is gone', async () => {
    world.freshHubs()
    const failing = new Set<string>()
    const patient = world.peer(0, { storage: failingPromote(memoryStorage(), failing) })
    const doctor = world.peer(1)
    await patient.peer.putRecord('a', patientRecord())
    await patient.peer.putRecord('b', patientRecord())
    const peers = [{ address: doctor.account.address, permissions: READ_WRITE }]
    const { viewId: a } = await patient.peer.shareView({ recordId: 'a', lens: clinicalLens, peers })
    const { viewId: b } = await patient.peer.shareView({ recordId: 'b', lens: clinicalLens, peers })
    await doctor.peer.joinView({ viewId: a, recordId: 'ca' })
    await doctor.peer.joinView({ viewId: b, recordId: 'cb' })
    const all = [patient.peer, doctor.peer]
    failing.add(a)

    await doctor.peer.update(a, addObservation('o2', 101))
    await doctor.peer.update(b, addObservation('o3', 102))
    await settle(all)
    const result = await patient.peer.sync()
    expect(result.failures).toHaveLength(1)
    const failure = result.failures[0]!
    expect(failure).toBeInstanceOf(PeerError)
    expect(failure).toMatchObject({ code: 'ViewFailed', viewId: a, round: 1n })
    expect(failure.cause).toBeInstanceOf(StorageError)
    expect((await patient.peer.viewState(a))!.version).toBe(0n)
    expect((await patient.peer.viewState(a))!.heldFrom).toBeTypeOf('bigint')
    expect((await patient.peer.viewState(b))!.version).toBe(1n)

    // The healthy view goes on while the other is still failing.
    await doctor.peer.update(b, addObservation('o4', 103))
    await settle(all)
    expect((await patient.peer.viewState(b))!.version).toBe(2n)
    expect((await patient.peer.sync()).failures.map((f) => f.viewId)).toEqual([a])
    expect(patient.peer.log.filter((e) => e.kind === 'failed')).toEqual([expect.objectContaining({ viewId: a, reason: 'ViewFailed' })])

    // The fault goes away: the held view reads its events again from where it failed.
    failing.clear()
    await settle(all)
    expect((await patient.peer.sync()).failures).toEqual([])
    const state = (await patient.peer.viewState(a))!
    expect(state.version).toBe(1n)
    expect(state.heldFrom).toBeUndefined()
    expect(await patient.storage.listStaged()).toEqual([])
    expect(await patient.peer.view(a)).toEqual(await doctor.peer.view(a))
    expect(await patient.peer.view(b)).toEqual(await doctor.peer.view(b))
  })
})

describe('a record written through another path between stage and promote', () => {
  test('behavior: a change hidden from the view — the round is rebased onto it through the lens; both changes are kept and nothing stays locked', async () => {
    const c = await cast(world)
    await c.doctor.peer.update(c.clinical, addObservation('o2', 120))
    await stageWithAckPending(c.patient.peer)
    expect(await c.patient.storage.listStaged()).toHaveLength(1)
    const telecom = [{ system: 'phone', value: '+31 20 555 0199', use: 'home' }]
    await writeBehindTheEngine(c.patient.storage, 'record', 'telecom', telecom)
    await mineAck()
    await settle(c.all)
    expect(c.patient.peer.log.map((e) => e.kind)).toEqual(expect.arrayContaining(['rebased', 'promoted']))
    expect(c.patient.peer.log.some((e) => e.kind === 'failed')).toBe(false)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    expect(record.entry.map((e) => e.resource.id)).toContain('o2')
    expect(record.entry[0]!.resource.telecom).toEqual(telecom)
    await expectConsistent(world, c)
    // Unlocked: the next round goes through.
    await c.doctor.peer.update(c.clinical, addObservation('o3', 121))
    await settle(c.all)
    await expectConsistent(world, c)
  })

  test('behavior: a change to what the view shows — the record rejoins the round\'s verified view (hidden parts kept), the research view follows, every holder agrees', async () => {
    const c = await cast(world)
    await c.doctor.peer.update(c.clinical, addObservation('o2', 130))
    await stageWithAckPending(c.patient.peer)
    const address = [{ line: ['2 Other Lane'], city: 'Elsewhere', postalCode: '0001 AB' }]
    await writeBehindTheEngine(c.patient.storage, 'record', 'address', address)
    await writeBehindTheEngine(c.patient.storage, 'record', 'gender', 'other')
    await mineAck()
    await settle(c.all)
    const rejoined = c.patient.peer.log.find((e) => e.kind === 'rejoined')
    expect(rejoined).toMatchObject({ viewId: c.clinical, round: 1n })
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    expect(record.entry.map((e) => e.resource.id)).toContain('o2')
    expect(record.entry[0]!.resource.gender).toBe('female') // the committed view
    expect(record.entry[0]!.resource.address).toEqual(address) // hidden from the view: kept
    expect((await c.patient.peer.viewState(c.clinical as Hex))!.version).toBe(1n)
    await expectConsistent(world, c)
  })
})
