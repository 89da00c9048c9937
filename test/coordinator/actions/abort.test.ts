import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ack,
  AcksMissingError,
  cancelRound,
  evictAndCommit,
  expireRound,
  getView,
  ControllerGracePeriodError,
  NoOpenRoundError,
  NotControllerError,
  NotProposerOrControllerError,
  PeerAcknowledgedError,
  peersOf,
  proposeUpdate,
  RoundNotExpiredError,
} from 'lensync/coordinator'
import { type Fixture, label, setupCoordinator } from './_fixture.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

let f: Fixture
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await f?.anvil.stop()
})

async function openRound(n: number, ttl = 60) {
  const { viewId } = await f.freshView(n, 2)
  const p = await proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl })
  return { viewId, deadline: p.deadline }
}
async function passDeadline(seconds = 120) {
  await f.testClient.increaseTime({ seconds })
  await f.testClient.mine({ blocks: 1 })
}

describe('cancelRound', () => {
  test('default: the proposer cancels; head and version are unchanged', async () => {
    const { viewId } = await openRound(3)
    const result = await cancelRound(f.wallet(1), { address: f.address, viewId })
    expect(result).toMatchObject({ round: 1n, missingMask: 0b101n })
    expect(result.events[0]!.args).toMatchObject({ reason: 0 })
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ roundOpen: false, version: 0n, head: label('c0'), round: 1n })
  })
  test('behavior: the controller may cancel too', async () => {
    const { viewId } = await openRound(3)
    expect((await cancelRound(f.wallet(0), { address: f.address, viewId })).round).toBe(1n)
  })
  test('error: NotProposerOrController, NoOpenRound', async () => {
    const { viewId } = await openRound(3)
    const e = await expectLensyncErrorAsync(cancelRound(f.wallet(2), { address: f.address, viewId }), NotProposerOrControllerError)
    expect((e as NotProposerOrControllerError).args).toEqual({ viewId, account: f.accounts[2]!.address })
    await cancelRound(f.wallet(1), { address: f.address, viewId })
    await expectLensyncErrorAsync(cancelRound(f.wallet(1), { address: f.address, viewId }), NoOpenRoundError)
  })
})

describe('expireRound', () => {
  test('default: the controller expires right after the deadline', async () => {
    const { viewId } = await openRound(3)
    await passDeadline()
    const result = await expireRound(f.wallet(0), { address: f.address, viewId })
    expect(result).toMatchObject({ round: 1n, missingMask: 0b101n })
    expect(result.events[0]!.args).toMatchObject({ reason: 1 })
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ roundOpen: false, version: 0n })
  })
  test('attack: a stranger cannot expire the round during the controller grace window, only after it', async () => {
    const { viewId, deadline } = await openRound(3)
    const { grace } = await getView(f.publicClient, { address: f.address, viewId })
    await passDeadline()
    const early = await expectLensyncErrorAsync(expireRound(f.wallet(4), { address: f.address, viewId }), ControllerGracePeriodError)
    expect((early as ControllerGracePeriodError).args).toEqual({ viewId, round: 1n, graceEnd: Number(deadline) + grace })
    expect((await getView(f.publicClient, { address: f.address, viewId })).roundOpen).toBe(true)
    await passDeadline(grace)
    expect(await expireRound(f.wallet(4), { address: f.address, viewId })).toMatchObject({ round: 1n })
  })
  test('error: RoundNotExpired before the deadline, with args', async () => {
    const { viewId, deadline } = await openRound(3, 3600)
    const e = await expectLensyncErrorAsync(expireRound(f.wallet(4), { address: f.address, viewId }), RoundNotExpiredError)
    expect((e as RoundNotExpiredError).args).toEqual({ viewId, round: 1n, deadline: Number(deadline) })
  })
})

describe('evictAndCommit', () => {
  test('default: evicts the silent peers and completes', async () => {
    const { viewId } = await openRound(4)
    await ack(f.wallet(0), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    await passDeadline()
    const result = await evictAndCommit(f.wallet(0), { address: f.address, viewId, silentPeers: [f.accounts[2]!.address, f.accounts[3]!.address] })
    expect(result).toMatchObject({ round: 1n, evictedMask: 0b1100n, version: 1n })
    expect(result.events.map((e) => e.eventName).at(-1)).toBe('RoundCompleted')
    expect((await peersOf(f.publicClient, { address: f.address, viewId })).map((p) => p.address)).toEqual([f.accounts[0]!.address, f.accounts[1]!.address])
  })
  test('error: NotController, RoundNotExpired, PeerAcknowledged, AcksMissing', async () => {
    const { viewId } = await openRound(4)
    const silent = [f.accounts[0]!.address, f.accounts[2]!.address, f.accounts[3]!.address]
    await expectLensyncErrorAsync(evictAndCommit(f.wallet(0), { address: f.address, viewId, silentPeers: silent }), RoundNotExpiredError)
    await passDeadline()
    const nc = await expectLensyncErrorAsync(evictAndCommit(f.wallet(1), { address: f.address, viewId, silentPeers: silent }), NotControllerError)
    const acked = await expectLensyncErrorAsync(evictAndCommit(f.wallet(0), { address: f.address, viewId, silentPeers: [f.accounts[1]!.address] }), PeerAcknowledgedError)
    expect((acked as PeerAcknowledgedError).args).toEqual({ viewId, peer: f.accounts[1]!.address })
    const missing = await expectLensyncErrorAsync(evictAndCommit(f.wallet(0), { address: f.address, viewId, silentPeers: [f.accounts[2]!.address] }), AcksMissingError)
    expect((missing as AcksMissingError).args).toEqual({ viewId, missingMask: 0b1001n })
  })
})
