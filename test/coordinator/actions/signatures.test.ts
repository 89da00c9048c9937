import { concat, numberToHex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ack,
  ackDigest,
  ackDomain,
  ackTypes,
  ackWithSignatures,
  CoordinatorParameterError,
  getView,
  packAckSignatures,
  proposeUpdate,
  signAck,
} from 'lensync/coordinator'
import { hashTypedData } from 'viem'
import { type Fixture, label, setupCoordinator } from './_fixture.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

let f: Fixture
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await f?.anvil.stop()
})

async function openRound(n: number) {
  const { viewId } = await f.freshView(n, 1)
  const p = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
  const round = { address: f.address, chainId: f.anvil.chainId, viewId, round: p.round, version: p.version, commitment: label('c1'), deadline: p.deadline }
  return { viewId, round, proposal: p }
}

describe('packAckSignatures', () => {
  test('default: peerIndex (1 byte) | length (2 bytes) | signature', () => {
    const sig = `0x${'ab'.repeat(65)}` as const
    expect(packAckSignatures([{ peerIndex: 2, signature: sig }, { peerIndex: 63, signature: '0x0102' }])).toBe(
      concat(['0x02', '0x0041', sig, '0x3f', '0x0002', '0x0102']),
    )
    expect(packAckSignatures([])).toBe('0x')
  })
  test('error: bad index or signature names the entry', () => {
    const e1 = (() => { try { packAckSignatures([{ peerIndex: 0, signature: '0x00' }, { peerIndex: 256, signature: '0x00' }]) } catch (e) { return e } })()
    expect(e1).toBeInstanceOf(CoordinatorParameterError)
    expect((e1 as CoordinatorParameterError).pointer).toBe('/1/peerIndex')
    const e2 = (() => { try { packAckSignatures([{ peerIndex: 0, signature: '0xzz' as `0x${string}` }]) } catch (e) { return e } })()
    expect((e2 as CoordinatorParameterError).pointer).toBe('/0/signature')
  })
})

describe('signAck', () => {
  test('default: a LocalAccount signs the digest the contract computes (ackDigest)', async () => {
    const { round } = await openRound(3)
    const signature = await signAck(f.accounts[1]!, round)
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/)
    const digest = await ackDigest(f.publicClient, { ...round })
    expect(hashTypedData({ domain: ackDomain(round), types: ackTypes, primaryType: 'Ack', message: { ...round, deadline: Number(round.deadline) } })).toBe(digest)
  })
  test('behavior: a wallet client signs the same bytes as its local account', async () => {
    const { round } = await openRound(3)
    const { chainId: _, ...noChain } = round
    expect(await signAck(f.wallet(2), noChain)).toBe(await signAck(f.accounts[2]!, round))
  })
})

describe('ackWithSignatures', () => {
  test('default: one relayed batch completes the round; the proposer entry is skipped', async () => {
    const { viewId, round } = await openRound(4)
    const signatures = await Promise.all([0, 1, 2, 3].map(async (i) => ({ peerIndex: i, signature: await signAck(f.accounts[i]!, round) })))
    const result = await ackWithSignatures(f.wallet(4), { address: f.address, viewId, round: round.round, commitment: round.commitment, signatures })
    expect(result).toMatchObject({ signers: 0b1110n, completed: true })
    expect(result.events.map((e) => e.eventName)).toEqual(['AcksRecorded', 'RoundCompleted'])
    expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ version: 1n, head: label('c1'), roundOpen: false })
  })
  test('behavior: already-acked signers are skipped (signers 0n, no event)', async () => {
    const { viewId, round } = await openRound(3)
    await ack(f.wallet(1), { address: f.address, viewId, round: round.round, commitment: round.commitment })
    const result = await ackWithSignatures(f.wallet(4), {
      address: f.address, viewId, round: round.round, commitment: round.commitment,
      signatures: [{ peerIndex: 1, signature: await signAck(f.accounts[1]!, round) }],
    })
    expect(result).toMatchObject({ signers: 0n, completed: false, events: [] })
  })
  test('behavior: a bad entry is skipped with AckSignatureRejected and the rest of the batch counts: wrong signer, wrong round data, no such peer', async () => {
    const { viewId, round } = await openRound(3)
    const good = await signAck(f.accounts[1]!, round)
    const wrongSigner = await signAck(f.accounts[4]!, round)
    const wrongData = await signAck(f.accounts[2]!, { ...round, version: 7n })
    const base = { address: f.address, viewId, round: round.round, commitment: round.commitment }
    for (const [signatures, index] of [
      [[{ peerIndex: 1, signature: good }, { peerIndex: 2, signature: wrongSigner }], 1n],
      [[{ peerIndex: 2, signature: wrongData }], 0n],
      [[{ peerIndex: 1, signature: good }, { peerIndex: 9, signature: good }], 1n],
    ] as const) {
      const result = await ackWithSignatures(f.wallet(4), { ...base, signatures })
      expect(result.receipt.status).toBe('success')
      expect(result.rejected.map((r) => BigInt(r.index))).toEqual([index])
    }
    expect((await getView(f.publicClient, { address: f.address, viewId })).ackMask).toBe(0b011n)
  })
  test('behavior: a malformed signature is rejected for the peer it names', async () => {
    const { viewId, round } = await openRound(2)
    const result = await ackWithSignatures(f.wallet(4), { address: f.address, viewId, round: round.round, commitment: round.commitment, signatures: [{ peerIndex: 1, signature: numberToHex(1, { size: 10 }) }] })
    expect(result).toMatchObject({ signers: 0n, completed: false, rejected: [{ index: 0, signer: f.accounts[1]!.address }] })
  })
})
