import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PeerError, RoundRefusedError, settle } from 'lensync/coordinator'
import { id, LensError, makeLens, type Lens } from 'lensync'
import { cast } from './_cast.js'
import { addObservation, type Bundle, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { READ_WRITE, startWorld, type World } from './_harness.js'
import { expectLensyncError, expectLensyncErrorAsync } from '../../_helpers/expectError.js'

// The outcome of a round as a peer's waitForRound / viewHandle(…).update(…).settled() reports it, on a
// real anvil: completed, refused (with the refusing lens's error on the refusing peer), expired, and
// the timeout and close of a wait.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

const lower = (viewId: Hex): Hex => viewId.toLowerCase() as Hex

/** The patient's record as is, except that the Patient's gender cannot be changed through it. */
const genderLocked: Lens<Bundle, Bundle> = makeLens<Bundle, Bundle>({
  step: 'genderLocked',
  get: (s) => s,
  put: (s, v) => {
    const i = v.entry.findIndex((e) => e.resource.resourceType === 'Patient')
    const before = s.entry.find((e) => e.resource.resourceType === 'Patient')
    if (i >= 0 && v.entry[i]!.resource.gender !== before?.resource.gender)
      throw new LensError({ code: 'HiddenFieldEdited', pointer: `/entry/${i}/resource/gender`, step: 'genderLocked', message: 'the gender is kept by the registry.' })
    return v
  },
  create: (v) => v,
})

describe('waitForRound', () => {
  test('default: a completed round resolves completed for the proposer and the other members, after the promotion', async () => {
    const c = await cast(world)
    const proposed = await c.doctor.peer.update(c.clinical, addObservation('o2', 120))
    const forDoctor = c.doctor.peer.waitForRound(c.clinical, proposed.round, { timeoutMs: 60_000 })
    const forPatient = c.patient.peer.waitForRound(c.clinical, proposed.round, { timeoutMs: 60_000 })
    await settle(c.all)
    const expected = { status: 'completed', viewId: lower(c.clinical), round: proposed.round, version: proposed.version, commitment: proposed.commitment }
    expect(await forDoctor).toEqual(expected)
    expect(await forPatient).toEqual(expected)
    expect((await c.patient.peer.viewState(c.clinical))!.version).toBe(proposed.version)
    // A wait that starts after the round closed is answered from the chain.
    expect(await c.doctor.peer.waitForRound(c.clinical, proposed.round)).toEqual(expected)
  })

  test('behavior: an edit the controller\'s lens rejects resolves refused: Cancelled by the controller for the proposer, PatchRejected with the LensError on the controller', async () => {
    world.freshHubs()
    const patient = world.peer(0)
    const doctor = world.peer(1)
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: genderLocked, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
    await doctor.peer.joinView({ viewId, recordId: 'copy' })
    // The doctor holds the view as its record (identity), so its own lens accepts the edit.
    const chart = doctor.peer.viewHandle(viewId, id<Bundle>())
    const proposed = await chart.update((v) => ({ ...v, entry: v.entry.map((e) => (e.resource.resourceType === 'Patient' ? { ...e, resource: { ...e.resource, gender: 'other' } } : e)) }))
    const forPatient = patient.peer.waitForRound(viewId, proposed.round, { timeoutMs: 60_000 })
    const settled = proposed.settled({ timeoutMs: 60_000 })
    await settle([patient.peer, doctor.peer])

    const outcome = await settled
    expect(outcome).toMatchObject({ status: 'refused', viewId: lower(viewId), round: proposed.round, by: patient.account.address })
    if (outcome.status !== 'refused') throw new Error('unreachable')
    expect(outcome.error).toBeInstanceOf(RoundRefusedError)
    expect(outcome.error).toMatchObject({ code: 'Cancelled', by: patient.account.address, round: proposed.round })

    const own = await forPatient
    if (own.status !== 'refused') throw new Error(`expected refused, got ${own.status}`)
    expect(own.error).toMatchObject({ code: 'PatchRejected', pointer: expect.stringMatching(/\/resource\/gender$/), by: patient.account.address })
    expect(own.error.walk((e) => e instanceof LensError)).toBeInstanceOf(LensError)
    // Nothing changed anywhere.
    expect(((await chart.view()).entry[0]!.resource).gender).toBe(patientRecord().entry[0]!.resource.gender)
    expect(await doctor.peer.storage.listStaged()).toEqual([])
  })

  test('behavior: a round nobody acks before its deadline resolves expired', async () => {
    const c = await cast(world, { ttl: 60 })
    const proposed = await c.doctor.peer.update(c.clinical, addObservation('o2', 121))
    const waiting = c.doctor.peer.waitForRound(c.clinical, proposed.round, { timeoutMs: 60_000 })
    await world.testClient.increaseTime({ seconds: 61 })
    await world.testClient.mine({ blocks: 1 })
    await settle(c.all) // the patient's ack is too late; as controller it expires the round
    expect(await waiting).toEqual({ status: 'expired', viewId: lower(c.clinical), round: proposed.round })
    expect((await c.doctor.peer.viewState(c.clinical))!.version).toBe(0n)
  })

  test('error: a wait with no outcome within timeoutMs rejects with PeerError Timeout; the round goes on', async () => {
    const c = await cast(world)
    const handle = c.doctor.peer.viewHandle(c.clinical, id<Bundle>())
    const proposed = await handle.update(addObservation('o2', 122))
    await expectLensyncErrorAsync(proposed.settled({ timeoutMs: 1.5 }), PeerError, { code: 'InvalidArgument', pointer: '/timeoutMs' })
    await expectLensyncErrorAsync(proposed.settled({ timeoutMs: 2 ** 31 }), PeerError, { code: 'InvalidArgument', pointer: '/timeoutMs' })
    const error = await expectLensyncErrorAsync(proposed.settled({ timeoutMs: 50 }), PeerError, { code: 'Timeout', pointer: '/timeoutMs' })
    expect(error.round).toBe(proposed.round)
    await settle(c.all)
    expect(await proposed.settled()).toMatchObject({ status: 'completed', version: 1n })
    expect((await handle.view()).entry.map((e) => e.resource.id)).toContain('o2')
  })

  test('error: close() rejects pending waits with PeerError Closed, and every later wait', async () => {
    const c = await cast(world)
    const proposed = await c.doctor.peer.update(c.clinical, addObservation('o2', 123))
    const pending = expectLensyncErrorAsync(c.doctor.peer.waitForRound(c.clinical, proposed.round), PeerError, { code: 'Closed' })
    await c.doctor.peer.close()
    await pending
    await expectLensyncErrorAsync(c.doctor.peer.waitForRound(c.clinical, proposed.round), PeerError, { code: 'Closed' })
  })

  test('error: viewHandle refuses a lens other than the bound one (InvalidArgument at /lens) and an unbound view (NotBound)', async () => {
    const c = await cast(world)
    expectLensyncError(() => c.patient.peer.viewHandle(c.clinical, id<Bundle>()), PeerError, { code: 'InvalidArgument', pointer: '/lens' })
    expectLensyncError(() => c.researcher.peer.viewHandle(c.clinical, clinicalLens), PeerError, { code: 'NotBound' })
    expect(c.patient.peer.viewHandle(c.clinical, clinicalLens).viewId).toBe(c.clinical)
  })
})
