import { zeroHash } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  ack,
  ackWithSignatures,
  coordinatorActions,
  expireRound,
  getHistory,
  proposeUpdate,
  removePeer,
  setPeer,
  signAck,
} from 'lensync/coordinator'
import { type Fixture, READ, RW, label, setupCoordinator } from './actions/_fixture.js'

let f: Fixture
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await f?.anvil.stop()
})

describe('getHistory', () => {
  test('default: reproduces a scripted sequence exactly', async () => {
    const a = f.accounts.map((x) => x.address)
    const { viewId, receipt: created } = await f.freshView(4, 2)
    const pos = async (receipt: { blockNumber: bigint; transactionHash: `0x${string}` }, logIndex: number) => ({
      block: receipt.blockNumber, tx: receipt.transactionHash, logIndex,
      timestamp: (await f.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp,
    })
    // Round 1: proposed by peer 1, acked by peer 0 directly, by 2 and 3 through relayed signatures.
    const p1 = await proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    const a0 = await ack(f.wallet(0), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    const round = { address: f.address, chainId: f.anvil.chainId, viewId, round: 1n, version: 1n, commitment: label('c1'), deadline: p1.deadline }
    const batch = await ackWithSignatures(f.wallet(4), {
      address: f.address, viewId, round: 1n, commitment: label('c1'),
      signatures: [{ peerIndex: 2, signature: await signAck(f.accounts[2]!, round) }, { peerIndex: 3, signature: await signAck(f.accounts[3]!, round) }],
    })
    // Round 2: proposed by peer 0, acked by 2, aborted by expiry.
    const p2 = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 1n, baseCommitment: label('c1'), newCommitment: label('c2'), ttl: 60 })
    const a2 = await ack(f.wallet(2), { address: f.address, viewId, round: 2n, commitment: label('c2') })
    await f.testClient.increaseTime({ seconds: 120 })
    await f.testClient.mine({ blocks: 1 })
    const expired = await expireRound(f.wallet(0), { address: f.address, viewId })
    // Membership: peer 1 removed (peer 3 moves to index 1), peer 4 added READ.
    const removed = await removePeer(f.wallet(0), { address: f.address, viewId, peer: a[1]! })
    const added = await setPeer(f.wallet(0), { address: f.address, viewId, peer: a[4]!, permissions: READ })

    const history = await getHistory(f.publicClient, { address: f.address, viewId, batchSize: 2n })
    expect(history.viewId).toBe(viewId)
    expect(history.controller).toBe(a[0])
    expect(history.version).toBe(1n)
    expect(history.head).toBe(label('c1'))
    expect(history.peers).toEqual([
      { address: a[0], permissions: RW, index: 0 },
      { address: a[3], permissions: READ, index: 1 },
      { address: a[2], permissions: READ, index: 2 },
      { address: a[4], permissions: READ, index: 3 },
    ])
    expect(history.rounds).toEqual([
      {
        round: 1n, proposer: a[1], version: 1n, commitment: label('c1'), deadline: p1.deadline,
        proposedAt: await pos(p1.receipt, 0),
        acks: [
          { peer: a[1], index: 1, via: 'proposal', ...(await pos(p1.receipt, 0)) },
          { peer: a[0], index: 0, via: 'ack', ...(await pos(a0.receipt, 0)) },
          { peer: a[2], index: 2, via: 'signatures', ...(await pos(batch.receipt, 0)) },
          { peer: a[3], index: 3, via: 'signatures', ...(await pos(batch.receipt, 0)) },
        ],
        outcome: 'completed',
        closedAt: await pos(batch.receipt, 1),
      },
      {
        round: 2n, proposer: a[0], version: 2n, commitment: label('c2'), deadline: p2.deadline,
        proposedAt: await pos(p2.receipt, 0),
        acks: [
          { peer: a[0], index: 0, via: 'proposal', ...(await pos(p2.receipt, 0)) },
          { peer: a[2], index: 2, via: 'ack', ...(await pos(a2.receipt, 0)) },
        ],
        outcome: 'aborted', abortReason: 'expired', missingMask: 0b1010n,
        closedAt: await pos(expired.receipt, 0),
      },
    ])
    expect(history.membership).toEqual([
      { type: 'ViewCreated', controller: a[0], initialCommitment: label('c0'), definitionHash: zeroHash, ...(await pos(created, 0)) },
      { type: 'PeerPermissionsChanged', peer: a[0], index: 0, permissions: RW, ...(await pos(created, 2)) },
      { type: 'PeerPermissionsChanged', peer: a[1], index: 1, permissions: RW, ...(await pos(created, 3)) },
      { type: 'PeerPermissionsChanged', peer: a[2], index: 2, permissions: READ, ...(await pos(created, 4)) },
      { type: 'PeerPermissionsChanged', peer: a[3], index: 3, permissions: READ, ...(await pos(created, 5)) },
      { type: 'PeerPermissionsChanged', peer: a[1], index: 1, permissions: 0, ...(await pos(removed.receipt, 0)) },
      { type: 'PeerPermissionsChanged', peer: a[3], index: 1, permissions: READ, ...(await pos(removed.receipt, 1)) },
      { type: 'PeerPermissionsChanged', peer: a[4], index: 3, permissions: READ, ...(await pos(added.receipt, 0)) },
    ])
  })

  test('behavior: evictions resolve indexes before the removal; through the decorator', async () => {
    const a = f.accounts.map((x) => x.address)
    const client = f.wallet(0).extend(coordinatorActions({ address: f.address }))
    const { viewId } = await f.freshView(3, 1)
    await client.proposeUpdate({ viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60 })
    await ack(f.wallet(2), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    await f.testClient.increaseTime({ seconds: 120 })
    await f.testClient.mine({ blocks: 1 })
    const evicted = await client.evictAndCommit({ viewId, silentPeers: [a[1]!] })
    expect(evicted.evictedMask).toBe(0b10n)
    const history = await client.getHistory({ viewId })
    expect(history.rounds[0]).toMatchObject({ outcome: 'completed', evicted: [a[1]] })
    expect(history.membership.find((m) => m.type === 'PeersEvicted')).toMatchObject({ round: 1n, evictedMask: 0b10n, peers: [a[1]] })
    expect(history.peers.map((p) => p.address)).toEqual([a[0], a[2]])
    expect(await client.peersOf({ viewId })).toEqual(history.peers)
  })
})
