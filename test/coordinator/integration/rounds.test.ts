import { createWalletClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  commitment,
  generateSalt,
  getView,
  MissingPermissionError,
  PeerError,
  ProposerBenchedError,
  proposeUpdate,
  RoundOpenError,
  settle,
  StaleBaseError,
  viewDigest,
} from 'lensync/coordinator'
import type { TransportError } from 'lensync/coordinator'
import { applyPatch } from 'lensync/lens'
import { cast, expectConsistent } from './_cast.js'
import { addObservation, type Bundle, clinicalLens, observation, patientRecord } from '../../_helpers/fixtures.js'
import { READ, READ_WRITE, startWorld, type World } from './_harness.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

// Refusals, races, expiry, a lying proposer and a read-only proposer, on a real anvil.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

describe('the rule of the system', () => {
  test('error: local writes over a record with a staged round are refused on every peer (RoundOpen)', async () => {
    const c = await cast(world)
    await c.doctor.peer.update(c.clinical, addObservation('o2', 120))
    // The proposer's own stage locks its record.
    const own = await expectLensyncErrorAsync(c.doctor.peer.update(c.clinical, addObservation('o3', 99)), PeerError, { code: 'RoundOpen' })
    expect(own.source).toBe('local')
    // The patient has not synced: the contract's open round refuses it.
    const onChain = await expectLensyncErrorAsync(c.patient.peer.update(c.clinical, addObservation('o4', 98)), PeerError, { code: 'RoundOpen' })
    expect(onChain.source).toBe('chain')
    expect(await c.patient.peer.storage.listStaged()).toEqual([])
    // Once it staged the round, every view over the record is locked, the research view too.
    await c.patient.peer.sync()
    expect(await c.patient.peer.storage.listStaged()).toHaveLength(1)
    await expectLensyncErrorAsync(c.patient.peer.updateRecord('record', [{ op: 'replace', path: '/entry/0/resource/gender', value: 'other' }]), PeerError, { code: 'RoundOpen' })
    await expectLensyncErrorAsync(c.patient.peer.update(c.research, (v) => v as never), PeerError, { code: 'RoundOpen' })
    await settle(c.all)
    await expectConsistent(world, c)
    // Unlocked again once the rounds completed.
    await c.patient.peer.updateRecord('record', [{ op: 'replace', path: '/entry/0/resource/gender', value: 'other' }])
    await settle(c.all)
    await expectConsistent(world, c)
  })

  test('error: an empty edit and an unbound view are refused with typed errors', async () => {
    const c = await cast(world)
    await expectLensyncErrorAsync(c.doctor.peer.update(c.clinical, []), PeerError, { code: 'InvalidArgument' })
    await expectLensyncErrorAsync(c.doctor.peer.update(c.research, [{ op: 'add', path: '/x', value: 1 }]), PeerError, { code: 'NotBound' })
    await expectLensyncErrorAsync(c.doctor.peer.joinView({ viewId: c.research, recordId: 'r' }), PeerError, { code: 'NotMember' })
  })
})

describe('two racing proposals', () => {
  test('behavior: one wins, the other gets a typed RoundOpen/StaleBase, rebases and succeeds', async () => {
    const c = await cast(world)
    const results = await Promise.allSettled([
      c.doctor.peer.update(c.clinical, addObservation('o2', 140)),
      c.patient.peer.update(c.clinical, addObservation('o3', 150)),
    ])
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    const error = lost[0]!.reason as PeerError
    expect(error).toBeInstanceOf(PeerError)
    expect(['RoundOpen', 'StaleBase']).toContain(error.code)
    expect(error.source).toBe('chain')
    expect(error.walk((e) => e instanceof RoundOpenError || e instanceof StaleBaseError)).not.toBeNull()
    const loser = results[0]!.status === 'rejected' ? c.doctor.peer : c.patient.peer
    const loserId = loser === c.doctor.peer ? 'o2' : 'o3'
    expect((await loser.storage.listStaged()).filter((s) => s.viewId === c.clinical && s.writes.length > 0 && (s.meta as { proposer: string }).proposer === loser.address)).toEqual([])
    // rebase: sync, redo the edit on the new view
    await settle(c.all)
    await loser.update(c.clinical, addObservation(loserId, loserId === 'o2' ? 140 : 150))
    await settle(c.all)
    await expectConsistent(world, c)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    expect(record.entry.map((e) => e.resource.id)).toEqual(expect.arrayContaining(['o2', 'o3']))
  })
})

describe('expiry', () => {
  test('behavior: a peer that never acks lets the round expire; every peer discards its staged version', async () => {
    world.freshHubs()
    const patient = world.peer(0)
    const doctor = world.peer(1, { ttl: 60 })
    const nurse = world.peer(3)
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({
      recordId: 'record',
      lens: clinicalLens,
      peers: [
        { address: doctor.account.address, permissions: READ_WRITE },
        { address: nurse.account.address, permissions: READ },
      ],
    })
    await doctor.peer.joinView({ viewId, recordId: 'clinical' })
    await nurse.peer.joinView({ viewId, recordId: 'clinical' })
    const before = await doctor.peer.view(viewId)
    await doctor.peer.update(viewId, addObservation('o2', 111))
    await settle([patient.peer, doctor.peer]) // the nurse is offline
    expect(await patient.peer.storage.listStaged()).toHaveLength(1)
    expect(await doctor.peer.storage.listStaged()).toHaveLength(1)
    expect((await getView(world.publicClient, { address: world.coordinator, viewId })).roundOpen).toBe(true)
    await world.testClient.increaseTime({ seconds: 61 })
    await world.testClient.mine({ blocks: 1 })
    await settle([patient.peer, doctor.peer, nurse.peer]) // the first peer that staged it expires it
    expect([patient.peer, doctor.peer, nurse.peer].flatMap((p) => p.log.filter((e) => e.kind === 'expired'))).toHaveLength(1)
    expect(patient.peer.log.some((e) => e.kind === 'expired')).toBe(true)
    const chain = await getView(world.publicClient, { address: world.coordinator, viewId })
    expect(chain.roundOpen).toBe(false)
    expect(chain.version).toBe(0n)
    for (const p of [patient.peer, doctor.peer, nurse.peer]) {
      expect(await p.storage.listStaged()).toEqual([])
      expect(await p.view(viewId)).toEqual(before)
      expect((await p.viewState(viewId))!.version).toBe(0n)
    }
    expect(patient.peer.log.filter((e) => e.kind === 'discarded')).toHaveLength(1)
    expect(doctor.peer.log.filter((e) => e.kind === 'discarded')).toHaveLength(1)
    const history = await nurse.peer.history(viewId)
    expect(history.rounds[0]).toMatchObject({ round: 1n, outcome: 'aborted', abortReason: 'expired' })
    // The failed proposer is benched for the view's grace window: its proposal is refused by the chain,
    // and withdrawn from its transport so that the round number can carry its next one.
    const benched = await expectLensyncErrorAsync(doctor.peer.update(viewId, addObservation('o3', 112)), PeerError, { code: 'ProposerBenched', source: 'chain' })
    expect(benched.walk((e) => e instanceof ProposerBenchedError)).toBeInstanceOf(ProposerBenchedError)
    expect(await doctor.peer.storage.listStaged()).toEqual([])
    // and the view works again, once the bench is over
    await world.testClient.increaseTime({ seconds: 3_601 })
    await world.testClient.mine({ blocks: 1 })
    await doctor.peer.update(viewId, addObservation('o3', 112))
    await settle([patient.peer, doctor.peer, nurse.peer])
    expect(await nurse.peer.view(viewId)).toEqual(await doctor.peer.view(viewId))
    expect((await nurse.peer.viewState(viewId))!.version).toBe(1n)
  })
})

/** patient (controller), doctor (WRITE) and nurse (READ) on one clinical view. */
async function threePeerView(doctorTtl?: number) {
  world.freshHubs()
  const patient = world.peer(0)
  const doctor = world.peer(1, { ttl: doctorTtl })
  const nurse = world.peer(3)
  await patient.peer.putRecord('record', patientRecord())
  const { viewId } = await patient.peer.shareView({
    recordId: 'record',
    lens: clinicalLens,
    peers: [
      { address: doctor.account.address, permissions: READ_WRITE },
      { address: nurse.account.address, permissions: READ },
    ],
  })
  await doctor.peer.joinView({ viewId, recordId: 'clinical' })
  await nurse.peer.joinView({ viewId, recordId: 'clinical' })
  return { viewId, patient, doctor, nurse, all: [patient.peer, doctor.peer, nurse.peer] }
}

describe('refusals of a malformed round', () => {
  test.each([
    ['PayloadMismatch', { version: 2n }],
    ['PatchRejected', { patch: [{ op: 'remove', path: '/entry/99' }] }],
  ] as const)('behavior: %s — the payload is refused, not acked, and the controller cancels the round', async (reason, change) => {
    const v = await threePeerView()
    const state = (await v.doctor.peer.viewState(v.viewId))!
    const patch = [{ op: 'add', path: '/entry/-', value: observation('o2', 100) }]
    const salt = generateSalt()
    const newCommitment = commitment({ chainId: foundry.id, coordinator: world.coordinator, viewId: v.viewId, version: 1, salt, digest: viewDigest(applyPatch(state.view, patch as never)) })
    await v.doctor.transport.publish({ viewId: v.viewId, round: 1n, baseVersion: 0n, version: 1n, patch: patch as never, salt, commitment: newCommitment, proposer: v.doctor.account.address, ...change } as never)
    const wallet = createWalletClient({ account: v.doctor.account, chain: foundry, transport: http(world.anvil.rpcUrl) })
    await proposeUpdate(wallet, { address: world.coordinator, viewId: v.viewId, baseVersion: 0n, baseCommitment: state.head, newCommitment, ttl: 3600 })
    await v.nurse.peer.sync() // a member that is not the controller refuses first
    await settle(v.all) // then the controller refuses and cancels
    expect(v.nurse.peer.log.some((e) => e.kind === 'cancelled')).toBe(false)
    expect(v.patient.peer.log.some((e) => e.kind === 'cancelled')).toBe(true)
    for (const p of [v.patient.peer, v.nurse.peer]) {
      expect(p.log.find((e) => e.kind === 'refused')?.reason).toBe(reason)
      expect(p.log.some((e) => e.kind === 'acked')).toBe(false)
      expect(await p.storage.listStaged()).toEqual([])
    }
    expect((await v.nurse.peer.history(v.viewId)).rounds[0]).toMatchObject({ outcome: 'aborted', abortReason: 'cancelled' })
  })
})

describe('late acks', () => {
  test('behavior: an ack after the deadline reverts (RoundExpired); the peer logs AckFailed and discards on expiry', async () => {
    const v = await threePeerView(60)
    await v.doctor.peer.update(v.viewId, addObservation('o2', 113))
    await world.testClient.increaseTime({ seconds: 61 })
    await world.testClient.mine({ blocks: 1 })
    await v.nurse.peer.sync() // stages, recomputes, acks: too late
    const failed = v.nurse.peer.log.find((e) => e.kind === 'refused')
    expect(failed?.reason).toBe('AckFailed')
    expect(failed?.message).toMatch(/RoundExpired|deadline/i)
    expect(await v.nurse.peer.storage.listStaged()).toHaveLength(1)
    await settle(v.all)
    expect(v.all.flatMap((p) => p.log.filter((e) => e.kind === 'expired'))).toHaveLength(1)
    for (const p of v.all) {
      expect(await p.storage.listStaged()).toEqual([])
      expect((await p.viewState(v.viewId))!.version).toBe(0n)
    }
  })
})

describe('a lying proposer', () => {
  test('behavior: a patch that does not match the proposed commitment is acked by no honest peer; the controller cancels it', async () => {
    const { viewId, patient, doctor, nurse } = await threePeerView()
    const state = (await doctor.peer.viewState(viewId))!
    // Commit to one change, publish another.
    const committed = applyPatch(state.view, [{ op: 'add', path: '/entry/-', value: observation('o2', 100) }] as never)
    const salt = generateSalt()
    const newCommitment = commitment({ chainId: foundry.id, coordinator: world.coordinator, viewId, version: 1, salt, digest: viewDigest(committed) })
    await doctor.transport.publish({
      viewId,
      round: 1n,
      baseVersion: 0n,
      version: 1n,
      patch: [{ op: 'add', path: '/entry/-', value: observation('o2', 999) }] as never,
      salt,
      commitment: newCommitment,
      proposer: doctor.account.address,
    })
    const wallet = createWalletClient({ account: doctor.account, chain: foundry, transport: http(world.anvil.rpcUrl) })
    await proposeUpdate(wallet, { address: world.coordinator, viewId, baseVersion: 0n, baseCommitment: state.head, newCommitment, ttl: 3600 })

    // An honest member that is not the controller: refuses, does not ack, stages nothing.
    await nurse.peer.sync()
    expect(nurse.peer.log.find((e) => e.kind === 'refused')?.reason).toBe('CommitmentMismatch')
    expect(await nurse.peer.storage.listStaged()).toEqual([])
    let chain = await getView(world.publicClient, { address: world.coordinator, viewId })
    expect(chain.roundOpen).toBe(true)
    expect(chain.ackMask).toBe(0b010n) // only the proposer (index 1)

    // The controller refuses too, and cancels the round instead of waiting for its deadline.
    await settle([patient.peer, nurse.peer])
    expect(patient.peer.log.find((e) => e.kind === 'refused')?.reason).toBe('CommitmentMismatch')
    expect(patient.peer.log.some((e) => e.kind === 'cancelled')).toBe(true)
    for (const p of [patient.peer, nurse.peer]) expect(p.log.some((e) => e.kind === 'acked')).toBe(false)
    chain = await getView(world.publicClient, { address: world.coordinator, viewId })
    expect(chain.roundOpen).toBe(false)
    expect(chain.version).toBe(0n)
    const history = await nurse.peer.history(viewId)
    expect(history.rounds[0]).toMatchObject({ outcome: 'aborted', abortReason: 'cancelled' })
    expect(history.rounds[0]!.acks.map((a) => a.via)).toEqual(['proposal'])
    expect(await patient.peer.view(viewId)).toEqual(clinicalLens.get(patientRecord()))
    expect(await nurse.peer.view(viewId)).toEqual(clinicalLens.get(patientRecord()))
  })
})

describe('two writers on two views over one record', () => {
  test('behavior: the second round, built on a view the record has since moved past, is cancelled; the writer rebases', async () => {
    world.freshHubs()
    const patient = world.peer(0)
    const doctorA = world.peer(1)
    const doctorB = world.peer(3)
    await patient.peer.putRecord('record', patientRecord())
    const a = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctorA.account.address, permissions: READ_WRITE }] })
    const b = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctorB.account.address, permissions: READ_WRITE }] })
    await doctorA.peer.joinView({ viewId: a.viewId, recordId: 'clinical' })
    await doctorB.peer.joinView({ viewId: b.viewId, recordId: 'clinical' })
    const all = [patient.peer, doctorA.peer, doctorB.peer]
    await doctorA.peer.update(a.viewId, addObservation('o2', 201))
    await doctorB.peer.update(b.viewId, addObservation('o3', 202))
    await settle(all)
    // One of the two rounds won the record; the other was refused and cancelled by the patient.
    const lost = [doctorA, doctorB].find((d) => d.peer.log.some((e) => e.kind === 'discarded'))!
    expect(lost).toBeDefined()
    expect(patient.peer.log.some((e) => e.kind === 'cancelled')).toBe(true)
    // first held back while the winner's write was staged over the record, then refused for good
    expect(patient.peer.log.filter((e) => e.kind === 'refused').map((e) => e.reason)).toEqual(['RecordLocked', 'CommitmentMismatch'])
    // Both views hold the winner's change (propagated to the other view); the loser rebases.
    const viewOfLoser = lost === doctorA ? a.viewId : b.viewId
    await lost.peer.update(viewOfLoser, addObservation(lost === doctorA ? 'o2' : 'o3', lost === doctorA ? 201 : 202))
    await settle(all)
    const record = (await patient.peer.record('record')) as unknown as Bundle
    expect(record.entry.map((e) => e.resource.id)).toEqual(expect.arrayContaining(['o2', 'o3']))
    for (const [peer, viewId] of [
      [patient.peer, a.viewId],
      [patient.peer, b.viewId],
      [doctorA.peer, a.viewId],
      [doctorB.peer, b.viewId],
    ] as const) {
      expect(await peer.view(viewId)).toEqual(clinicalLens.get(record))
      expect(await peer.storage.listStaged()).toEqual([])
    }
  })
})

describe('a read-only proposer', () => {
  test('error: refused before anything leaves the peer (MissingPermission, local) and nothing changes anywhere', async () => {
    const c = await cast(world)
    const before = await Promise.all([c.patient.peer.record('record'), c.researcher.peer.record('research')])
    const blockBefore = await world.publicClient.getBlockNumber({ cacheTime: 0 })
    const error = await expectLensyncErrorAsync(c.researcher.peer.update(c.research, [{ op: 'replace', path: '/entry/0/resource/gender', value: 'male' }]), PeerError, { code: 'MissingPermission' })
    expect(error.source).toBe('local')
    expect(error.walk((e) => e instanceof MissingPermissionError)).toBeNull()
    // A record edit that changes the view is refused the same way.
    const viaRecord = await expectLensyncErrorAsync(c.researcher.peer.updateRecord('research', [{ op: 'replace', path: '/entry/0/resource/gender', value: 'male' }]), PeerError, { code: 'MissingPermission' })
    expect(viaRecord.source).toBe('local')
    // Nothing was published: the patient (a member, so authorized) finds no payload at the researcher.
    const fetched = await c.patient.transport.fetch({ viewId: c.research, round: 1n, from: c.researcher.account.address }).then(
      () => 'served',
      (e: unknown) => (e as TransportError).code,
    )
    expect(fetched).toBe('NotFound')
    expect(await world.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore)
    await settle(c.all)
    expect(await Promise.all([c.patient.peer.record('record'), c.researcher.peer.record('research')])).toEqual(before)
    for (const p of c.all) expect(await p.storage.listStaged()).toEqual([])
    const chain = await getView(world.publicClient, { address: world.coordinator, viewId: c.research })
    expect(chain.version).toBe(0n)
    expect(chain.round).toBe(0n)
    await expectConsistent(world, c)
    expect(READ).toBe(1)
  })
})
