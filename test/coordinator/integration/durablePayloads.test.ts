import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chainRoster, getView, inProcessTransport, PeerError, settle, TransportError } from 'lensync/coordinator'
import type { Transport } from 'lensync/coordinator'
import { id } from 'lensync/lens'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'
import { memoryStorage, type MemoryStorage } from 'lensync/storage/memory'
import { addObservation, type Bundle, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { type PeerHandle, READ, READ_WRITE, startWorld, type World } from './_harness.js'

// Durable payloads: a proposer keeps the payloads of the last rounds it proposed that completed in its
// storage and serves them again once the transport's in-memory retention is exceeded, and after a
// restart; every peer serves a snapshot of its current version (round 0) from its storage, so a late
// joiner starts at the current version.

let world: World
beforeAll(async () => {
  world = await startWorld(6)
})
afterAll(async () => {
  await world?.stop()
})

const RETAIN = 2
const ROUNDS = 5

/** A new Peer on the same memory storage, the clinical view bound again (the old transport closed first). */
async function restart(handle: PeerHandle, i: number, recordId: string, viewId: `0x${string}`, makeTransport?: () => Transport): Promise<PeerHandle> {
  await handle.close()
  const transport = makeTransport?.()
  const storage = memoryStorage({ store: (handle.storage as MemoryStorage).store })
  const next = world.peer(i, { storage, retainRounds: RETAIN, transport })
  if (recordId === 'record') next.peer.bind(viewId, recordId, clinicalLens)
  else next.peer.bind(viewId, recordId, id())
  return next
}

describe('durable payloads', () => {
  test(`behavior: a joiner arriving after ${ROUNDS} rounds (retainRounds ${RETAIN}) joins at the current version, across a restart of both proposers, whose storage still serves their rounds`, async () => {
    world.freshHubs()
    let patient = world.peer(0, { retainRounds: RETAIN })
    let doctor = world.peer(1, { retainRounds: RETAIN })
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
    await doctor.peer.joinView({ viewId, recordId: 'clinical' })
    // Rounds 1, 3, 5 proposed by the doctor, 2 and 4 by the patient: each transport retains only 2.
    for (let r = 1; r <= ROUNDS; r++) {
      await (r % 2 === 1 ? doctor : patient).peer.update(viewId, addObservation(`o${r}`, 100 + r))
      await settle([patient.peer, doctor.peer])
    }
    expect((await getView(world.publicClient, { address: world.coordinator, viewId })).version).toBe(BigInt(ROUNDS))
    expect((await doctor.peer.viewState(viewId))?.published?.map((p) => p.round)).toEqual([1n, 3n, 5n])
    expect((await patient.peer.viewState(viewId))?.published?.map((p) => p.round)).toEqual([2n, 4n])

    // Before any restart: round 1 left the doctor's memory (retainRounds 2); the joiner needs none of
    // the old rounds (the controller's snapshot is of version 5).
    await patient.peer.setMember(viewId, { address: world.accounts[2]!.address, permissions: READ })
    const early = world.peer(2)
    await early.peer.joinView({ viewId, recordId: 'clinical' })
    expect((await early.peer.viewState(viewId))?.version).toBe(BigInt(ROUNDS))

    // Both proposers restart: their transports start empty; their storage serves what they proposed.
    patient = await restart(patient, 0, 'record', viewId)
    doctor = await restart(doctor, 1, 'clinical', viewId)
    // … to the members of each round (sealed for them), not to a member added since.
    for (const [round, proposer, member] of [[1n, doctor, patient], [4n, patient, doctor], [5n, doctor, patient]] as const) {
      expect(await member.transport.fetch({ viewId, round, from: proposer.account.address })).toMatchObject({ round, version: round })
      await expectLensyncErrorAsync(early.transport.fetch({ viewId, round, from: proposer.account.address }), TransportError, { code: 'Unauthorized' })
    }
    await patient.peer.setMember(viewId, { address: world.accounts[3]!.address, permissions: READ })
    const late = world.peer(3)
    await late.peer.joinView({ viewId, recordId: 'clinical' })
    const record = (await patient.peer.record('record')) as unknown as Bundle
    expect(await late.peer.view(viewId)).toEqual(clinicalLens.get(record))
    expect((await late.peer.viewState(viewId))?.version).toBe(BigInt(ROUNDS))
    expect((await late.peer.view(viewId)) as unknown as Bundle).toMatchObject({ entry: expect.arrayContaining([expect.objectContaining({ resource: expect.objectContaining({ id: 'o1' }) })]) })

    // The restarted peers and both joiners go on together.
    const all = [patient.peer, doctor.peer, early.peer, late.peer]
    await doctor.peer.update(viewId, addObservation('o6', 106))
    await settle(all)
    const after = clinicalLens.get((await patient.peer.record('record')) as unknown as Bundle)
    for (const p of all) expect(await p.view(viewId)).toEqual(after)
    expect((await doctor.peer.viewState(viewId))?.published?.map((p) => p.round)).toEqual([1n, 3n, 5n, 6n])
  })

  test('error: a member restarted with a transport that offers no archive serves no snapshot (JoinUnavailable naming round 0 and `from`); the controller\'s snapshot lets the joiner in', async () => {
    world.freshHubs()
    const patient = world.peer(0, { retainRounds: RETAIN })
    let doctor = world.peer(1, { retainRounds: RETAIN })
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
    await doctor.peer.joinView({ viewId, recordId: 'clinical' })
    await doctor.peer.update(viewId, addObservation('o1', 101))
    await settle([patient.peer, doctor.peer])
    const bare = (): Transport => {
      const { setArchive: _dropped, ...rest } = inProcessTransport(world.hub, {
        account: world.accounts[1]!,
        chainId: foundry.id,
        coordinator: world.coordinator,
        roster: world.roster,
      })
      return rest
    }
    doctor = await restart(doctor, 1, 'clinical', viewId, bare)
    await patient.peer.setMember(viewId, { address: world.accounts[4]!.address, permissions: READ })
    const joiner = world.peer(4)
    const error = await joiner.peer.joinView({ viewId, recordId: 'clinical', from: doctor.account.address }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PeerError)
    expect((error as PeerError).code).toBe('JoinUnavailable')
    expect((error as PeerError).message).toContain('round 0')
    expect((error as PeerError).message).toContain('`from`')
    expect(await joiner.peer.viewState(viewId)).toBeUndefined()
    // The controller serves its current version: round 1 (unavailable at the doctor) is not needed.
    await joiner.peer.joinView({ viewId, recordId: 'clinical' })
    expect(await joiner.peer.view(viewId)).toEqual(await doctor.peer.view(viewId))
    expect((await joiner.peer.viewState(viewId))?.version).toBe(1n)
  })
})
