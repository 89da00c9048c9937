import { BaseError } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ack,
  CommitmentMismatchError,
  CoordinatorError,
  getView,
  InvalidTtlError,
  MissingPermissionError,
  NoOpenRoundError,
  NotPeerError,
  proposeUpdate,
  RoundExpiredError,
  RoundOpenError,
  StaleBaseError,
  UnknownViewError,
  WrongRoundError,
} from 'lensync/coordinator'
import { type Fixture, label, setupCoordinator } from './_fixture.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'
import { LensyncError } from 'lensync'

let f: Fixture
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await f?.anvil.stop()
})

describe('proposeUpdate', () => {
  test('default: opens round 1 at version 1 with the deadline from the log', async () => {
    const { viewId } = await f.freshView(3, 2)
    const result = await proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    const block = await f.publicClient.getBlock({ blockNumber: result.receipt.blockNumber })
    expect(result).toMatchObject({ round: 1n, version: 1n, deadline: block.timestamp + 600n, completed: false })
    expect(result.receipt.status).toBe('success')
    expect(result.events.map((e) => e.eventName)).toEqual(['UpdateProposed'])
    const state = await getView(f.publicClient, { address: f.address, viewId })
    expect(state).toMatchObject({ roundOpen: true, round: 1n, pending: label('c1'), ackMask: 2n, proposer: f.accounts[1]!.address, deadline: result.deadline })
  })

  test('behavior: a single-peer view completes in the proposal', async () => {
    const { viewId } = await f.freshView(1, 1)
    const result = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60 })
    expect(result.completed).toBe(true)
    expect(result.events.map((e) => e.eventName)).toEqual(['UpdateProposed', 'RoundCompleted'])
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ version: 1n, head: label('c1'), roundOpen: false })
  })

  test('behavior: wait: false returns only the hash', async () => {
    const { viewId } = await f.freshView(2, 1)
    const result = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60, wait: false })
    expect(Object.keys(result)).toEqual(['hash'])
    const receipt = await f.publicClient.waitForTransactionReceipt({ hash: result.hash })
    expect(receipt.status).toBe('success')
  })

  test('error: MissingPermission for a READ-only peer, with args', async () => {
    const { viewId } = await f.freshView(3, 1)
    const error = await expectLensyncErrorAsync(proposeUpdate(f.wallet(2), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60 }), MissingPermissionError)
    expect(error).toBeInstanceOf(CoordinatorError)
    const e = error as MissingPermissionError
    expect(e.name).toBe('MissingPermissionError')
    expect(e.code).toBe('MissingPermission')
    expect(e.errorName).toBe('MissingPermission')
    expect(e.args).toEqual({ viewId, account: f.accounts[2]!.address, required: 2 })
    expect(e.viewId).toBe(viewId)
    expect(e.functionName).toBe('proposeUpdate')
    expect(e.pointer).toBe('/account')
    expect(e.cause).toBeInstanceOf(BaseError)
    expect(e.shortMessage).toContain('lacks the WRITE permission')
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ roundOpen: false, round: 0n })
  })

  test('error: NotPeer, UnknownView, InvalidTtl', async () => {
    const { viewId } = await f.freshView(2, 2)
    const base = { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60 }
    const notPeer = await expectLensyncErrorAsync(proposeUpdate(f.wallet(4), base), NotPeerError)
    expect((notPeer as NotPeerError).args).toEqual({ viewId, account: f.accounts[4]!.address })
    const unknown = await expectLensyncErrorAsync(proposeUpdate(f.wallet(0), { ...base, viewId: label('nope') }), UnknownViewError)
    expect((unknown as UnknownViewError).args).toEqual({ viewId: label('nope') })
    const ttl = await expectLensyncErrorAsync(proposeUpdate(f.wallet(0), { ...base, ttl: 0 }), InvalidTtlError)
    expect((ttl as InvalidTtlError).args).toEqual({ viewId, ttl: 0, maxTtl: 86_400 })
  })

  test('error: RoundOpen for a second proposal, StaleBase and CommitmentMismatch for a wrong base', async () => {
    const { viewId } = await f.freshView(2, 2)
    const first = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    const open = await expectLensyncErrorAsync(proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('x'), ttl: 600 }), RoundOpenError)
    expect((open as RoundOpenError).args).toEqual({ viewId, round: 1n, deadline: Number(first.deadline) })
    await ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    const stale = await expectLensyncErrorAsync(proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('x'), ttl: 600 }), StaleBaseError)
    expect((stale as StaleBaseError).args).toEqual({ viewId, baseVersion: 0n, currentVersion: 1n })
    expect((stale as StaleBaseError).pointer).toBe('/baseVersion')
    const mismatch = await expectLensyncErrorAsync(proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 1n, baseCommitment: label('c0'), newCommitment: label('x'), ttl: 600 }), CommitmentMismatchError)
    expect((mismatch as CommitmentMismatchError).args).toEqual({ viewId, expected: label('c1'), provided: label('c0') })
  })

  test('error: a proposal racing a pending one (automine off) gets RoundOpen', async () => {
    const { viewId } = await f.freshView(2, 2)
    await f.testClient.setAutomine(false)
    try {
      const base = { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), ttl: 600 }
      const winner = await proposeUpdate(f.wallet(0), { ...base, newCommitment: label('a'), wait: false })
      const loser = expectLensyncErrorAsync(proposeUpdate(f.wallet(1), { ...base, newCommitment: label('b') }), LensyncError)
      await new Promise((resolve) => setTimeout(resolve, 300))
      await f.testClient.mine({ blocks: 1 })
      const error = await loser
      expect(error).toBeInstanceOf(RoundOpenError)
      const receipt = await f.publicClient.getTransactionReceipt({ hash: winner.hash })
      expect(receipt.status).toBe('success')
    } finally {
      await f.testClient.setAutomine(true)
    }
  })
})

describe('ack', () => {
  test('default: records the ack; the last one completes the round', async () => {
    const { viewId } = await f.freshView(3, 1)
    await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    const first = await ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    expect(first).toMatchObject({ acknowledged: true, completed: false })
    expect(first.events.map((e) => e.eventName)).toEqual(['Acknowledged'])
    const last = await ack(f.wallet(2), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    expect(last).toMatchObject({ acknowledged: true, completed: true })
    expect(last.events.map((e) => e.eventName)).toEqual(['Acknowledged', 'RoundCompleted'])
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ version: 1n, head: label('c1'), roundOpen: false })
  })

  test('behavior: acking twice is a no-op (no event, no revert)', async () => {
    const { viewId } = await f.freshView(3, 1)
    await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    await ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    const again = await ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    expect(again).toMatchObject({ acknowledged: false, completed: false, events: [] })
    expect((await getView(f.publicClient, { address: f.address, viewId })).ackMask).toBe(3n)
  })

  test('behavior: wait: false + automine off + mine lands several acks in one block', async () => {
    const { viewId } = await f.freshView(5, 1)
    await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    await f.testClient.setAutomine(false)
    let hashes: `0x${string}`[]
    try {
      const sent = await Promise.all([1, 2, 3, 4].map((i) => ack(f.wallet(i), { address: f.address, viewId, round: 1n, commitment: label('c1'), wait: false })))
      hashes = sent.map((s) => s.hash)
      for (const s of sent) expect(Object.keys(s)).toEqual(['hash'])
      await f.testClient.mine({ blocks: 1 })
    } finally {
      await f.testClient.setAutomine(true)
    }
    const receipts = await Promise.all(hashes.map((hash) => f.publicClient.waitForTransactionReceipt({ hash })))
    expect(new Set(receipts.map((r) => r.blockNumber)).size).toBe(1)
    expect(receipts.every((r) => r.status === 'success')).toBe(true)
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ version: 1n, roundOpen: false, head: label('c1') })
  })

  test('error: WrongRound, CommitmentMismatch, NotPeer, NoOpenRound, RoundExpired, with args', async () => {
    const { viewId } = await f.freshView(3, 1)
    const { deadline } = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60 })
    const wrong = await expectLensyncErrorAsync(ack(f.wallet(1), { address: f.address, viewId, round: 2n, commitment: label('c1') }), WrongRoundError)
    expect((wrong as WrongRoundError).args).toEqual({ viewId, expected: 1n, provided: 2n })
    const mismatch = await expectLensyncErrorAsync(ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c9') }), CommitmentMismatchError)
    expect((mismatch as CommitmentMismatchError).args).toEqual({ viewId, expected: label('c1'), provided: label('c9') })
    const notPeer = await expectLensyncErrorAsync(ack(f.wallet(4), { address: f.address, viewId, round: 1n, commitment: label('c1') }), NotPeerError)
    await f.testClient.increaseTime({ seconds: 120 })
    await f.testClient.mine({ blocks: 1 })
    const expired = await expectLensyncErrorAsync(ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c1') }), RoundExpiredError)
    expect((expired as RoundExpiredError).args).toEqual({ viewId, round: 1n, deadline: Number(deadline) })
    const { viewId: idle } = await f.freshView(2, 1)
    const none = await expectLensyncErrorAsync(ack(f.wallet(1), { address: f.address, viewId: idle, round: 1n, commitment: label('c1') }), NoOpenRoundError)
    expect((none as NoOpenRoundError).args).toEqual({ viewId: idle })
  })
})
