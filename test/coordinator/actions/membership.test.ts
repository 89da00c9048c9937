import { zeroAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ackDigest,
  computeViewId,
  createView,
  deployCoordinator,
  DuplicatePeerError,
  EmptyViewError,
  getView,
  InvalidAccountError,
  InvalidPermissionsError,
  NotControllerError,
  NotPeerError,
  peersOf,
  permissionsOf,
  proposeUpdate,
  removePeer,
  setPeer,
  UnknownViewError,
  viewCoordinatorAbi,
  ViewExistsError,
} from 'lensync/coordinator'
import { type Fixture, READ, RW, WRITE, label, setupCoordinator } from './_fixture.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

let f: Fixture
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await f?.anvil.stop()
})

describe('deployCoordinator', () => {
  test('default: deploys code at the returned address', async () => {
    const { address, receipt } = await deployCoordinator(f.wallet(1))
    expect(receipt.contractAddress).toBe(address)
    expect(await f.publicClient.getCode({ address })).toMatch(/^0x[0-9a-f]{100,}/)
  })
})

describe('READ and WRITE', () => {
  test('default: equal the permission bits of the deployed contract', async () => {
    const read = await f.publicClient.readContract({ address: f.address, abi: viewCoordinatorAbi, functionName: 'READ' })
    const write = await f.publicClient.readContract({ address: f.address, abi: viewCoordinatorAbi, functionName: 'WRITE' })
    expect({ read, write }).toEqual({ read: READ, write: WRITE })
  })
})

describe('createView', () => {
  test('default: version 0, head, controller, peers in order', async () => {
    const { viewId, receipt } = await f.freshView(3, 1)
    expect((await getView(f.publicClient, { address: f.address, viewId })).version).toBe(0n)
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({
      controller: f.accounts[0]!.address, head: label('c0'), round: 0n, roundOpen: false, peerCount: 3, ackMask: 0n, deadline: 0n,
    })
    expect(await peersOf(f.publicClient, { address: f.address, viewId })).toEqual([
      { address: f.accounts[0]!.address, permissions: RW, index: 0 },
      { address: f.accounts[1]!.address, permissions: READ, index: 1 },
      { address: f.accounts[2]!.address, permissions: READ, index: 2 },
    ])
    expect(await permissionsOf(f.publicClient, { address: f.address, viewId, account: f.accounts[4]!.address })).toBe(0)
  })
  test('error: ViewExists, DuplicatePeer, InvalidPermissions, InvalidAccount, EmptyView', async () => {
    const a = f.accounts.map((x) => x.address)
    const base = { address: f.address, initialCommitment: label('c0'), controller: a[0]! }
    const salt = label('used salt')
    const { viewId } = await createView(f.wallet(0), { ...base, salt, peers: [{ address: a[0]!, permissions: RW }] })
    const exists = await expectLensyncErrorAsync(createView(f.wallet(0), { ...base, salt, peers: [{ address: a[0]!, permissions: RW }] }), ViewExistsError)
    expect((exists as ViewExistsError).args).toEqual({ viewId })
    const fresh = label('fresh')
    const v = computeViewId({ creator: a[0]!, salt: fresh })
    const dup = await expectLensyncErrorAsync(createView(f.wallet(0), { ...base, salt: fresh, peers: [{ address: a[1]!, permissions: RW }, { address: a[1]!, permissions: READ }] }), DuplicatePeerError)
    expect(dup.args).toEqual({ viewId: v, peer: a[1] })
    const perm = await expectLensyncErrorAsync(createView(f.wallet(0), { ...base, salt: fresh, peers: [{ address: a[1]!, permissions: 4 }] }), InvalidPermissionsError)
    expect((perm as InvalidPermissionsError).args).toEqual({ viewId: v, peer: a[1], permissions: 4 })
    const zero = await expectLensyncErrorAsync(createView(f.wallet(0), { ...base, salt: fresh, peers: [{ address: zeroAddress, permissions: 1 }] }), InvalidAccountError)
    await expectLensyncErrorAsync(createView(f.wallet(0), { ...base, salt: fresh, peers: [] }), EmptyViewError)
  })
})

describe('setPeer / removePeer', () => {
  test('default: add, change, remove moves the last peer into the freed index', async () => {
    const { viewId } = await f.freshView(3, 1)
    const add = await setPeer(f.wallet(0), { address: f.address, viewId, peer: f.accounts[3]!.address, permissions: WRITE })
    expect(add.events.map((e) => [e.eventName, e.args])).toEqual([['PeerPermissionsChanged', { viewId, peer: f.accounts[3]!.address, index: 3, permissions: WRITE }]])
    await setPeer(f.wallet(0), { address: f.address, viewId, peer: f.accounts[1]!.address, permissions: RW })
    expect(await permissionsOf(f.publicClient, { address: f.address, viewId, account: f.accounts[1]!.address })).toBe(RW)
    const removed = await removePeer(f.wallet(0), { address: f.address, viewId, peer: f.accounts[1]!.address })
    expect(removed.events.map((e) => e.args)).toEqual([
      { viewId, peer: f.accounts[1]!.address, index: 1, permissions: 0 },
      { viewId, peer: f.accounts[3]!.address, index: 1, permissions: WRITE },
    ])
    expect((await peersOf(f.publicClient, { address: f.address, viewId })).map((p) => p.address)).toEqual([0, 3, 2].map((i) => f.accounts[i]!.address))
  })
  test('error: NotController, NotPeer, EmptyView', async () => {
    const { viewId } = await f.freshView(2, 2)
    const nc = await expectLensyncErrorAsync(setPeer(f.wallet(1), { address: f.address, viewId, peer: f.accounts[3]!.address, permissions: READ }), NotControllerError)
    expect((nc as NotControllerError).args).toEqual({ viewId, account: f.accounts[1]!.address })
    const np = await expectLensyncErrorAsync(removePeer(f.wallet(0), { address: f.address, viewId, peer: f.accounts[4]!.address }), NotPeerError)
    const { viewId: solo } = await f.freshView(1, 1)
    await expectLensyncErrorAsync(removePeer(f.wallet(0), { address: f.address, viewId: solo, peer: f.accounts[0]!.address }), EmptyViewError)
  })
  test('behavior: a membership change aborts the open round in the same transaction (MembershipChanged)', async () => {
    const { viewId } = await f.freshView(2, 2)
    await proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    const { events } = await setPeer(f.wallet(0), { address: f.address, viewId, peer: f.accounts[3]!.address, permissions: READ })
    expect(events.map((e) => e.eventName)).toEqual(['RoundAborted', 'PeerPermissionsChanged'])
    expect(events[0]).toMatchObject({ args: { round: 1n, reason: 2 } })
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ roundOpen: false, version: 0n })
  })
})

describe('reads', () => {
  test('error: getView, peersOf and permissionsOf of an unknown view throw UnknownViewError', async () => {
    const viewId = label('missing')
    // Thunks: each call starts only when awaited, so no rejection is left unhandled meanwhile.
    for (const call of [
      () => getView(f.publicClient, { address: f.address, viewId }),
      () => peersOf(f.publicClient, { address: f.address, viewId }),
      () => permissionsOf(f.publicClient, { address: f.address, viewId, account: f.accounts[0]!.address }),
    ]) {
      const error = await expectLensyncErrorAsync(call(), UnknownViewError)
      expect((error as UnknownViewError).viewId).toBe(viewId)
    }
  })
  test('behavior: reads at an earlier blockNumber see the earlier state', async () => {
    const { viewId, receipt } = await f.freshView(2, 2)
    await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    expect((await getView(f.publicClient, { address: f.address, viewId, blockNumber: receipt.blockNumber })).roundOpen).toBe(false)
    expect((await getView(f.publicClient, { address: f.address, viewId })).roundOpen).toBe(true)
  })
  test('default: ackDigest works for any values', async () => {
    const digest = await ackDigest(f.publicClient, { address: f.address, viewId: label('x'), round: 9n, version: 3n, commitment: label('y'), deadline: 1n })
    expect(digest).toMatch(/^0x[0-9a-f]{64}$/)
  })
})
