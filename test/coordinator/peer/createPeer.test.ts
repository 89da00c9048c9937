import { createWalletClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { HDAccount, PrivateKeyAccount } from 'viem/accounts'
import {
  commitment,
  computeViewId,
  createPeer,
  createView,
  generateSalt,
  newViewId,
  PeerError,
  setPeer,
  settle,
  TransportError,
  viewDigest,
} from 'lensync/coordinator'
import type { Peer } from 'lensync/coordinator'
import { memoryStorage } from 'lensync/storage/memory'
import { cast, expectConsistent } from '../integration/_cast.js'
import { addObservation, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { READ, READ_WRITE, startWorld, type World } from '../integration/_harness.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

// createPeer: argument checks, reads, local refusals, joining, membership of the transport and the
// background loop — each against a real anvil and the deployed contract.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

const walletOf = (account: PrivateKeyAccount | HDAccount) => createWalletClient({ account, chain: foundry, transport: http(world.anvil.rpcUrl) })

describe('createPeer', () => {
  test('error: relay mode without an ack channel, and a ttl out of range, are refused at creation', () => {
    const handle = world.peer(4)
    const base = {
      account: handle.account,
      publicClient: world.publicClient,
      walletClient: createWalletClient({ account: handle.account, chain: foundry, transport: http(world.anvil.rpcUrl) }),
      coordinator: world.coordinator,
      storage: memoryStorage(),
      transport: handle.transport,
    }
    expect(() => createPeer({ ...base, ackMode: 'relay' })).toThrow(expect.objectContaining({ code: 'InvalidArgument', pointer: '/ackChannel' }))
    expect(() => createPeer({ ...base, ttl: 0 })).toThrow(expect.objectContaining({ code: 'InvalidArgument', pointer: '/ttl' }))
    expect(() => createPeer({ ...base, ttl: 2 ** 32 })).toThrow(expect.objectContaining({ code: 'InvalidArgument', pointer: '/ttl' }))
    void handle.close()
  })

  test('behavior: a peer made from rpcUrl and chain works like one given clients; neither is InvalidArgument', async () => {
    world.freshHubs()
    const patient = world.peer(0)
    const handle = world.peer(1)
    const doctor = createPeer({ account: handle.account, rpcUrl: world.anvil.rpcUrl, chain: foundry, pollingInterval: 50, coordinator: world.coordinator, storage: memoryStorage(), transport: handle.transport, fromBlock: world.deployBlock })
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: handle.account.address, permissions: READ_WRITE }] })
    await doctor.joinView({ viewId, recordId: 'clinical' })
    await doctor.update(viewId, addObservation('o2', 5))
    await settle([patient.peer, doctor])
    expect(await doctor.view(viewId)).toEqual(await patient.peer.view(viewId))
    expect((await doctor.viewState(viewId))!.version).toBe(1n)
    expect(() => createPeer({ account: handle.account, coordinator: world.coordinator, storage: memoryStorage(), transport: handle.transport })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', pointer: '/rpcUrl' }),
    )
  })

  test('behavior: reads — view() through the lens, record(), viewState(); NotBound for an unknown view', async () => {
    const c = await cast(world)
    const record = patientRecord()
    expect(await c.patient.peer.record('record')).toEqual(record)
    expect(await c.patient.peer.record('nope')).toBeUndefined()
    expect(await c.patient.peer.view(c.clinical)).toEqual(clinicalLens.get(record))
    const state = (await c.doctor.peer.viewState(c.clinical))!
    expect(state).toMatchObject({ recordId: 'clinical', version: 0n, controller: c.patient.account.address })
    expect(state.digest).toBe(viewDigest(clinicalLens.get(record)))
    expect(await c.doctor.peer.viewState(c.research)).toBeUndefined()
    await expectLensyncErrorAsync(c.doctor.peer.view(c.research), PeerError, { code: 'NotBound' })
  })

  test('error: putRecord over a bound record, shareView of a missing record, update of a view never joined', async () => {
    const c = await cast(world)
    await expectLensyncErrorAsync(c.patient.peer.putRecord('record', patientRecord()), PeerError, { code: 'InvalidArgument' })
    await expectLensyncErrorAsync(c.patient.peer.shareView({ recordId: 'missing', lens: clinicalLens, peers: [] }), PeerError, { code: 'RecordNotFound' })
    const viewId = newViewId()
    c.doctor.peer.bind(viewId, 'clinical', clinicalLens)
    await expectLensyncErrorAsync(c.doctor.peer.update(viewId, [{ op: 'add', path: '/x', value: 1 }]), PeerError, { code: 'NotJoined' })
  })

  test('behavior: updateRecord of a record no view is bound to writes it locally, with no round', async () => {
    const c = await cast(world)
    await c.patient.peer.putRecord('notes', { text: 'a' })
    expect(await c.patient.peer.updateRecord('notes', [{ op: 'replace', path: '/text', value: 'b' }])).toBeUndefined()
    expect(await c.patient.peer.record('notes')).toEqual({ text: 'b' })
    await expectLensyncErrorAsync(c.patient.peer.updateRecord('missing', []), PeerError, { code: 'RecordNotFound' })
  })

  test('behavior: a peer added later joins at the current version (a snapshot from the controller)', async () => {
    const c = await cast(world)
    for (const [id, value] of [['o2', 1], ['o3', 2]] as const) {
      await c.doctor.peer.update(c.clinical, addObservation(id, value))
      await settle(c.all)
    }
    const late = world.peer(4)
    await expectLensyncErrorAsync(late.peer.joinView({ viewId: c.clinical, recordId: 'late' }), PeerError, { code: 'NotMember' })
    await setPeer(walletOf(c.patient.account), { address: world.coordinator, viewId: c.clinical, peer: late.account.address, permissions: READ })
    await late.peer.joinView({ viewId: c.clinical, recordId: 'late' })
    expect(await late.peer.view(c.clinical)).toEqual(await c.doctor.peer.view(c.clinical))
    expect((await late.peer.viewState(c.clinical))!).toMatchObject({ version: 2n, head: (await c.doctor.peer.viewState(c.clinical))!.head })
    // and it takes part in the next round
    await c.doctor.peer.update(c.clinical, addObservation('o4', 3))
    await settle([...c.all, late.peer])
    expect(await late.peer.view(c.clinical)).toEqual(await c.doctor.peer.view(c.clinical))
    expect((await late.peer.viewState(c.clinical))!.version).toBe(3n)
    await late.close()
  })

  test('error: joinView is JoinUnavailable when the member asked for the snapshot is unreachable; CommitmentMismatch for a lying snapshot', async () => {
    const c = await cast(world)
    for (let i = 0; i < 5; i++) {
      await c.doctor.peer.update(c.clinical, addObservation(`r${i}`, i))
      await settle(c.all)
    }
    await c.doctor.close() // the member asked for the snapshot goes offline
    const late = world.peer(4)
    await setPeer(walletOf(c.patient.account), { address: world.coordinator, viewId: c.clinical, peer: late.account.address, permissions: READ })
    const error = await late.peer.joinView({ viewId: c.clinical, recordId: 'late', from: c.doctor.account.address }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'JoinUnavailable', shortMessage: expect.stringContaining('snapshot (round 0)') })
    expect((error as PeerError).shortMessage).toContain('`from`')
    expect(await late.peer.record('late')).toBeUndefined()
    expect(await late.peer.viewState(c.clinical)).toBeUndefined()

    // A controller whose round-0 payload does not match the commitment it put on chain.
    const liar = world.peer(3)
    const viewSalt = generateSalt()
    const viewId = computeViewId({ creator: liar.account.address, salt: viewSalt })
    const salt = generateSalt()
    const head = commitment({ chainId: foundry.id, coordinator: world.coordinator, viewId, version: 0, salt, digest: viewDigest({ a: 1 }) })
    await createView(walletOf(liar.account), {
      address: world.coordinator,
      salt: viewSalt,
      initialCommitment: head,
      controller: liar.account.address,
      peers: [
        { address: liar.account.address, permissions: READ_WRITE },
        { address: late.account.address, permissions: READ },
      ],
    })
    await liar.transport.publish({ viewId, round: 0n, baseVersion: 0n, version: 0n, patch: [{ op: 'add', path: '', value: { a: 2 } }], salt, commitment: head, proposer: liar.account.address })
    await expectLensyncErrorAsync(late.peer.joinView({ viewId, recordId: 'late' }), PeerError, { code: 'CommitmentMismatch' })
    expect(await late.peer.record('late')).toBeUndefined()
    expect(await late.peer.viewState(viewId)).toBeUndefined()
  })

  test('behavior: a non-member never receives a view’s data (authorizeMembers on the serving side)', async () => {
    const c = await cast(world)
    const outsider = world.peer(4)
    const error = await outsider.transport.fetch({ viewId: c.clinical, round: 0n, from: c.patient.account.address }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('Unauthorized')
    await expectLensyncErrorAsync(outsider.peer.joinView({ viewId: c.clinical, recordId: 'x' }), PeerError, { code: 'NotMember' })
  })

  test('behavior: start() keeps peers in sync in the background; stop() ends the loop', async () => {
    const c = await cast(world)
    const errors: unknown[] = []
    for (const p of c.all) p.start({ interval: 20, onError: (e) => errors.push(e) })
    c.all[0]!.start() // a second start is a no-op
    await c.doctor.peer.update(c.clinical, addObservation('bg', 3))
    const deadline = Date.now() + 10_000
    const synced = async (p: Peer, viewId: `0x${string}`) => ((await p.viewState(viewId))?.version ?? 0) >= 1 && (await p.storage.listStaged()).length === 0
    const converged = async () =>
      (await synced(c.researcher.peer, c.research)) &&
      (await synced(c.patient.peer, c.research)) &&
      (await synced(c.patient.peer, c.clinical)) &&
      (await synced(c.doctor.peer, c.clinical))
    while (!(await converged())) {
      if (Date.now() > deadline) throw new Error('background sync did not converge')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await Promise.all(c.all.map((p) => p.stop()))
    await Promise.all(c.all.map((p) => p.stop()))
    expect(errors).toEqual([])
    await expectConsistent(world, c)
  })
})

describe('settle', () => {
  test('error: peers still busy after maxPasses', async () => {
    const busy = { sync: async () => ({ events: 1, actions: 0 }) } as unknown as Peer
    await expect(settle([busy], { maxPasses: 3 })).rejects.toMatchObject({ name: 'PeerError', code: 'NotSettled', shortMessage: expect.stringContaining('still busy after 3 passes') })
    let passes = 0
    const calm = { sync: async () => ({ events: passes++ < 2 ? 1 : 0, actions: 0 }) } as unknown as Peer
    let between = 0
    expect(await settle([calm], { betweenPasses: async () => void between++ })).toBe(3)
    expect(between).toBe(2)
  })
})
