/**
 * Each hostile peer of the threat model, played through the TypeScript client against the real contract on
 * anvil: every attack must end refused (or harmless) for the honest peers.
 */
import { type Hex, getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { acceptControl, ackWithSignatures, computeViewId, createView, getView, InvalidTtlError, NotControllerError, NotPeerError, NotPendingControllerError, proposeUpdate, removePeer, setPeer, signAck, transferControl, viewIdOf } from 'lensync/coordinator'
import { type Fixture, READ, RW, label, setupCoordinator } from './_fixture.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

let f: Fixture
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await f?.anvil.stop()
})

const base = { baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('junk') }

describe('locking a view', () => {
  test('attack: a writer proposing with a ttl near 2^32 is refused (InvalidTtl names the view maxTtl)', async () => {
    const { viewId } = await f.freshView(3, 2)
    const error = await expectLensyncErrorAsync(proposeUpdate(f.wallet(1), { address: f.address, viewId, ...base, ttl: 2 ** 32 - 1 }), InvalidTtlError)
    expect((error as InvalidTtlError).args).toEqual({ viewId, ttl: 2 ** 32 - 1, maxTtl: 86_400 })
    expect((await getView(f.publicClient, { address: f.address, viewId })).roundOpen).toBe(false)
  })

  test('attack: the controller removes a hostile writer holding the view; its round is aborted in the same transaction and the honest writer proposes in the next block', async () => {
    // peers: 0 controller (RW), 1 hostile writer (RW), 2 honest writer (RW)
    const { viewId } = await f.freshView(3, 3)
    const hostile = f.accounts[1]!.address
    await proposeUpdate(f.wallet(1), { address: f.address, viewId, ...base, ttl: 86_400 })
    const removed = await removePeer(f.wallet(0), { address: f.address, viewId, peer: hostile })
    expect(removed.events[0]).toMatchObject({ eventName: 'RoundAborted', args: { round: 1n, reason: 2 } })
    const again = await expectLensyncErrorAsync(proposeUpdate(f.wallet(1), { address: f.address, viewId, ...base, ttl: 60 }), NotPeerError)
    const honest = await proposeUpdate(f.wallet(2), { address: f.address, viewId, ...base, newCommitment: label('honest'), ttl: 60 })
    expect(honest.receipt.blockNumber).toBe(removed.receipt.blockNumber + 1n)
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ roundOpen: true, round: 2n, proposer: f.accounts[2]!.address })
  })
})

describe('griefing batch acks', () => {
  test('attack: a peer wallet whose isValidSignature burns all gas does not revert the relayed batch nor burn the relayer’s gas', async () => {
    // Runtime `JUMPDEST PUSH1 0 JUMP`: every call loops until it runs out of gas.
    const init: Hex = '0x6004600c60003960046000f35b600056'
    const hash = await f.wallet(0).sendTransaction({ data: init })
    const burner = getAddress((await f.publicClient.waitForTransactionReceipt({ hash })).contractAddress!)
    const { viewId } = await f.freshView(3, 1)
    await setPeer(f.wallet(0), { address: f.address, viewId, peer: burner, permissions: READ })
    const p = await proposeUpdate(f.wallet(0), { address: f.address, viewId, ...base, ttl: 600 })
    const round = { address: f.address, chainId: f.anvil.chainId, viewId, round: p.round, version: p.version, commitment: base.newCommitment, deadline: p.deadline }
    const signatures = [
      { peerIndex: 1, signature: await signAck(f.accounts[1]!, round) },
      { peerIndex: 3, signature: `0x${'11'.repeat(70)}` as Hex },
      { peerIndex: 2, signature: await signAck(f.accounts[2]!, round) },
    ]
    const result = await ackWithSignatures(f.wallet(4), { address: f.address, viewId, round: p.round, commitment: base.newCommitment, signatures, gas: 5_000_000n })
    expect(result.receipt.status).toBe('success')
    expect(result).toMatchObject({ signers: 0b0110n, completed: false, rejected: [{ index: 1, signer: burner }] })
    expect(result.receipt.gasUsed).toBeLessThan(250_000n)
  })
})

describe('squatting a view id', () => {
  test('attack: copying a pending createView (same salt) from another account creates another view; the victim still gets its id', async () => {
    const [victim, squatter] = [f.accounts[0]!.address, f.accounts[4]!.address]
    const salt = label(`salt ${Math.random()}`)
    const args = { address: f.address, salt, initialCommitment: label('c0'), peers: [{ address: victim, permissions: RW }] }
    const intended = computeViewId({ creator: victim, salt })
    expect(await viewIdOf(f.publicClient, { address: f.address, creator: victim, salt })).toBe(intended)
    const copy = await createView(f.wallet(4), { ...args, controller: squatter, peers: [{ address: squatter, permissions: RW }] })
    expect(copy.viewId).not.toBe(intended)
    const created = await createView(f.wallet(0), { ...args, controller: victim })
    expect(created.viewId).toBe(intended)
    expect((await getView(f.publicClient, { address: f.address, viewId: intended })).controller).toBe(victim)
  })
})

describe('losing the controller', () => {
  test('attack: control moves only in two steps: a stranger cannot accept, the named account takes over, the old controller loses its rights', async () => {
    const { viewId } = await f.freshView(2, 1)
    const [next, stranger] = [f.accounts[3]!.address, f.accounts[4]!.address]
    const started = await transferControl(f.wallet(0), { address: f.address, viewId, newController: next })
    expect(started.events[0]).toMatchObject({ eventName: 'ControlTransferStarted', args: { newController: next } })
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ controller: f.accounts[0]!.address, pendingController: next })
    const refused = await expectLensyncErrorAsync(acceptControl(f.wallet(4), { address: f.address, viewId }), NotPendingControllerError)
    expect((refused as NotPendingControllerError).args).toEqual({ viewId, account: stranger })
    await acceptControl(f.wallet(3), { address: f.address, viewId })
    expect((await getView(f.publicClient, { address: f.address, viewId })).controller).toBe(next)
    await expectLensyncErrorAsync(setPeer(f.wallet(0), { address: f.address, viewId, peer: stranger, permissions: READ }), NotControllerError)
    await setPeer(f.wallet(3), { address: f.address, viewId, peer: stranger, permissions: READ })
  })
})
