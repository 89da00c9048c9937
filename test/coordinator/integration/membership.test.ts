import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getView, PeerError, permissionsOf, settle } from 'lensync/coordinator'
import { memoryStorage, type MemoryStorage } from 'lensync/storage/memory'
import { cast, expectConsistent } from './_cast.js'
import { addObservation, type Bundle, researchLens } from '../../_helpers/fixtures.js'
import { READ, READ_WRITE, startWorld, type World } from './_harness.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

// Membership through the peer: the controller adds, changes and removes peers (typed refusals, local
// and from the contract); a removed peer marks the view revoked and stops; a downgraded peer's edit
// never leaves it. On a real anvil with the deployed contract.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

const blockNumber = () => world.publicClient.getBlockNumber({ cacheTime: 0 })
const permissions = (viewId: `0x${string}`, account: `0x${string}`) => permissionsOf(world.publicClient, { address: world.coordinator, viewId, account })

describe('setMember / removeMember', () => {
  test('error: a peer that does not control the view is refused locally (NotController), no transaction sent', async () => {
    const c = await cast(world)
    const before = await blockNumber()
    const set = await expectLensyncErrorAsync(c.doctor.peer.setMember(c.clinical, { address: world.accounts[3]!.address, permissions: READ }), PeerError, { code: 'NotController' })
    expect(set.source).toBe('local')
    const remove = await expectLensyncErrorAsync(c.doctor.peer.removeMember(c.clinical, c.patient.account.address), PeerError, { code: 'NotController' })
    expect(remove.source).toBe('local')
    // The researcher holds no state for the clinical view: the controller is read from the chain.
    await expectLensyncErrorAsync(c.researcher.peer.removeMember(c.clinical, c.doctor.account.address), PeerError, { code: 'NotController' })
    expect(await blockNumber()).toBe(before)
    expect(await permissions(c.clinical, world.accounts[3]!.address)).toBe(0)
  })

  test('error: permissions other than 1, 2 or 3 are InvalidArgument at /permissions; removing a non-member is NotMember', async () => {
    const c = await cast(world)
    for (const p of [0, 4, 1.5]) {
      const error = await expectLensyncErrorAsync(c.patient.peer.setMember(c.clinical, { address: world.accounts[3]!.address, permissions: p }), PeerError, { code: 'InvalidArgument' })
      expect(error.pointer).toBe('/permissions')
    }
    const error = await expectLensyncErrorAsync(c.patient.peer.removeMember(c.clinical, world.accounts[3]!.address), PeerError, { code: 'NotMember' })
    expect(error.source).toBe('chain')
  })

  test('behavior: a membership change while a round is open aborts it in the same transaction (membershipChanged); every peer discards it', async () => {
    const c = await cast(world)
    const { round } = await c.doctor.peer.update(c.clinical, addObservation('o2', 120))
    const added = await c.patient.peer.setMember(c.clinical, { address: world.accounts[3]!.address, permissions: READ })
    expect(added).toMatchObject({ address: world.accounts[3]!.address, permissions: READ })
    expect(await permissions(c.clinical, world.accounts[3]!.address)).toBe(READ)
    await settle(c.all)
    expect((await c.patient.peer.history(c.clinical)).rounds.find((r) => r.round === round)).toMatchObject({ outcome: 'aborted', abortReason: 'membershipChanged' })
    expect(await c.doctor.storage.listStaged()).toEqual([])
    await expectConsistent(world, c)
  })

  test('behavior: a peer downgraded to READ is refused locally (MissingPermission) before publishing; upgraded again, it writes', async () => {
    const c = await cast(world)
    await c.patient.peer.setMember(c.clinical, { address: c.doctor.account.address, permissions: READ })
    const before = await blockNumber()
    const error = await expectLensyncErrorAsync(c.doctor.peer.update(c.clinical, addObservation('o2', 120)), PeerError, { code: 'MissingPermission' })
    expect(error.source).toBe('local')
    expect(await blockNumber()).toBe(before)
    expect(await c.doctor.storage.listStaged()).toEqual([])
    await c.patient.peer.setMember(c.clinical, { address: c.doctor.account.address, permissions: READ_WRITE })
    await c.doctor.peer.update(c.clinical, addObservation('o2', 120))
    await settle(c.all)
    await expectConsistent(world, c)
  })

  test('behavior: a removed peer marks the view revoked, logs it once, stops processing it, and update throws NotMember (also after a restart)', async () => {
    const c = await cast(world)
    const removed = await c.patient.peer.removeMember(c.research, c.researcher.account.address)
    expect(removed.permissions).toBe(0)
    await settle(c.all)
    const revoked = c.researcher.peer.log.filter((e) => e.kind === 'revoked')
    expect(revoked).toHaveLength(1)
    expect(revoked[0]!.viewId).toBe(c.research)
    const frozen = await c.researcher.peer.view(c.research)
    expect((await c.researcher.peer.viewState(c.research))?.revoked).toBe(true)

    // The research view moves on without the researcher: the patient's rounds complete alone.
    await c.doctor.peer.update(c.clinical, addObservation('o2', 120))
    await settle(c.all)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    expect(await c.patient.peer.view(c.research)).toEqual(researchLens.get(record))
    expect((await getView(world.publicClient, { address: world.coordinator, viewId: c.research })).version).toBe(1n)
    expect(await c.researcher.peer.view(c.research)).toEqual(frozen)
    expect((await c.researcher.peer.viewState(c.research))?.version).toBe(0n)
    expect(c.researcher.peer.log.filter((e) => e.kind !== 'revoked')).toEqual([]) // no fetch attempts, no refusals
    expect(await c.researcher.storage.listStaged()).toEqual([])

    const error = await expectLensyncErrorAsync(c.researcher.peer.update(c.research, (v) => ({ ...(v as object), type: 'collection' }) as never), PeerError, { code: 'NotMember' })
    expect(error.source).toBe('local')
    await expectLensyncErrorAsync(c.researcher.peer.updateRecord('research', [{ op: 'replace', path: '/type', value: 'collection' }]), PeerError, { code: 'NotMember' })

    // A restarted researcher (same storage) still knows: nothing to do, and still NotMember.
    await c.researcher.close()
    const researcher = world.peer(2, { storage: memoryStorage({ store: (c.researcher.storage as MemoryStorage).store }) })
    researcher.peer.bind(c.research, 'research', researchLens)
    expect(await researcher.peer.sync()).toEqual({ events: expect.any(Number), actions: 0, failures: [] })
    expect(researcher.peer.log).toEqual([])
    await expectLensyncErrorAsync(researcher.peer.update(c.research, (v) => ({ ...(v as object), type: 'collection' }) as never), PeerError, { code: 'NotMember' })
  })

  test('behavior: a removal read after the peer was added back is not a revocation', async () => {
    const c = await cast(world)
    await c.patient.peer.removeMember(c.research, c.researcher.account.address)
    await c.patient.peer.setMember(c.research, { address: c.researcher.account.address, permissions: READ })
    await settle(c.all) // the researcher reads both events only now
    expect(c.researcher.peer.log.filter((e) => e.kind === 'revoked')).toEqual([])
    expect((await c.researcher.peer.viewState(c.research))?.revoked).toBeUndefined()
    await c.doctor.peer.update(c.clinical, addObservation('o3', 99))
    await settle(c.all)
    await expectConsistent(world, c)
  })
})
