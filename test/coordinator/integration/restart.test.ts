import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getView, settle } from 'lensync/coordinator'
import { memoryStorage, type MemoryStorage } from 'lensync/storage/memory'
import { cast, expectConsistent } from './_cast.js'
import { addObservation, type Bundle, clinicalLens, patientRecord, researchLens } from '../../_helpers/fixtures.js'
import { READ_WRITE, startWorld, type World } from './_harness.js'

// A peer restarted mid-round (a new Peer on the same storage) reconciles its staged rounds with the
// chain, catches up from its stored cursor, and nothing is lost.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

/** Closes a patient's handles and starts a new patient Peer on the same memory store, views rebound. */
async function restartPatient(c: Awaited<ReturnType<typeof cast>>) {
  await c.patient.close()
  const storage = memoryStorage({ store: (c.patient.storage as MemoryStorage).store })
  const patient = world.peer(0, { storage })
  patient.peer.bind(c.clinical, 'record', clinicalLens)
  patient.peer.bind(c.research, 'record', researchLens)
  return { ...c, patient, all: [patient.peer, c.doctor.peer, c.researcher.peer] }
}

describe('restart', () => {
  test('behavior: a receiver down during the proposal catches up from its cursor and the round completes', async () => {
    const c0 = await cast(world)
    await c0.patient.peer.sync() // cursor stored past the setup events
    const cursorBefore = (await c0.patient.storage.listViews()).length
    expect(cursorBefore).toBe(2)
    await c0.doctor.peer.update(c0.clinical, addObservation('o2', 120))
    const c = await restartPatient(c0)
    const first = await c.patient.peer.sync()
    expect(first.events).toBe(1) // only the UpdateProposed after the stored cursor
    await settle(c.all)
    expect(c.patient.peer.log.filter((e) => e.kind === 'acked')).toHaveLength(1)
    expect(c.patient.peer.log.filter((e) => e.kind === 'propagated')).toHaveLength(1)
    await expectConsistent(world, c)
    expect(((await c.patient.peer.record('record')) as unknown as Bundle).entry.map((e) => e.resource.id)).toContain('o2')
  })

  test('behavior: a receiver that staged and acked, then crashed, promotes from its cursor after restart', async () => {
    const c0 = await cast(world)
    await c0.doctor.peer.update(c0.clinical, addObservation('o2', 121))
    await c0.patient.peer.sync() // stages and acks: the round completes on chain
    expect(await c0.patient.peer.storage.listStaged()).toHaveLength(1)
    expect((await getView(world.publicClient, { address: world.coordinator, viewId: c0.clinical })).version).toBe(1n)
    const c = await restartPatient(c0)
    expect(await c.patient.peer.storage.listStaged()).toHaveLength(1) // nothing lost
    await settle(c.all)
    expect(c.patient.peer.log.some((e) => e.kind === 'acked')).toBe(false) // not handled twice
    expect(c.patient.peer.log.some((e) => e.kind === 'promoted')).toBe(true)
    await expectConsistent(world, c)
  })

  test('behavior: a proposer restarted mid-round republishes its payload from storage and the round completes', async () => {
    const c = await cast(world, { retry: { initialDelay: 0 } }) // the unreachable proposer is retried at every sync
    await c.doctor.peer.update(c.clinical, addObservation('o2', 122))
    await c.doctor.close() // its published payload is gone with the process
    await c.patient.peer.sync()
    expect(c.patient.peer.log.find((e) => e.kind === 'refused')?.reason).toBe('PayloadUnavailable')
    const storage = memoryStorage({ store: (c.doctor.storage as MemoryStorage).store })
    const doctor = world.peer(1, { storage })
    doctor.peer.bind(c.clinical, 'clinical', clinicalLens)
    const all = [c.patient.peer, doctor.peer, c.researcher.peer]
    await settle(all)
    expect(c.patient.peer.log.some((e) => e.kind === 'acked')).toBe(true)
    await expectConsistent(world, { ...c, doctor, all })
    expect(((await doctor.peer.record('clinical')) as unknown as Bundle).entry.map((e) => e.resource.id)).toContain('o2')
  })

  test('behavior: a controller restarted before anyone joined serves version 0 from its storage at once (no sync needed)', async () => {
    world.freshHubs()
    const patient0 = world.peer(0)
    const doctor = world.peer(1)
    await patient0.peer.putRecord('record', patientRecord())
    const { viewId } = await patient0.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
    await patient0.close()
    const patient = world.peer(0, { storage: memoryStorage({ store: (patient0.storage as MemoryStorage).store }) })
    patient.peer.bind(viewId, 'record', clinicalLens)
    // Nothing was republished yet (the new transport is empty): the payload archive serves it.
    await doctor.peer.joinView({ viewId, recordId: 'clinical' })
    expect(await doctor.peer.view(viewId)).toEqual(clinicalLens.get(patientRecord()))
  })
})
