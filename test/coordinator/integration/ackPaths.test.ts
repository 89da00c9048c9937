import type { Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { settle } from 'lensync/coordinator'
import type { Peer } from 'lensync/coordinator'
import { memoryStorage, type MemoryStorage } from 'lensync/storage/memory'
import { cast, expectConsistent } from './_cast.js'
import { addObservation, type Bundle, clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { type PeerHandle, READ, READ_WRITE, startWorld, type World } from './_harness.js'

// Both ack paths (direct `ack`, relayed EIP-712 signatures), acks landing in one block, and the round
// latency and gas figures for a 3-peer view.

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

async function gasOf(hashes: readonly (Hex | undefined)[]): Promise<bigint[]> {
  return Promise.all(hashes.map(async (hash) => (await world.publicClient.getTransactionReceipt({ hash: hash! })).gasUsed))
}

/** patient (record), doctor (WRITE) and nurse (READ) on one clinical view: a 3-peer view. */
async function threePeerView(ackMode: 'direct' | 'relay'): Promise<{ viewId: Hex; patient: PeerHandle; doctor: PeerHandle; nurse: PeerHandle; all: Peer[] }> {
  world.freshHubs()
  const patient = world.peer(0, { ackMode })
  const doctor = world.peer(1, { ackMode })
  const nurse = world.peer(3, { ackMode })
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

async function expectSameView(viewId: Hex, peers: readonly Peer[]): Promise<void> {
  const views = await Promise.all(peers.map((p) => p.view(viewId)))
  for (const v of views) expect(v).toEqual(views[0])
  for (const p of peers) {
    expect(await p.storage.listStaged()).toEqual([])
    expect((await p.viewState(viewId))!.version).toBeGreaterThan(0)
  }
}

describe('ack paths', () => {
  test('behavior: relay mode — peers sign, the proposer relays all signatures in one ackWithSignatures', async () => {
    const c = await cast(world, { ackMode: 'relay' })
    await c.doctor.peer.update(c.clinical, addObservation('o2', 130))
    await settle(c.all)
    await expectConsistent(world, c)
    for (const p of c.all) expect(p.log.some((e) => e.kind === 'acked')).toBe(false)
    expect(c.patient.peer.log.filter((e) => e.kind === 'signed')).toHaveLength(1) // clinical round
    expect(c.researcher.peer.log.filter((e) => e.kind === 'signed')).toHaveLength(1) // propagated research round
    expect(c.doctor.peer.log.filter((e) => e.kind === 'relayed')).toHaveLength(1)
    expect(c.patient.peer.log.filter((e) => e.kind === 'relayed')).toHaveLength(1)
  })

  test('behavior: acks of two peers land in one block (automine off)', async () => {
    const v = await threePeerView('direct')
    await world.testClient.setAutomine(false)
    try {
      let done = false
      const proposing = v.doctor.peer.update(v.viewId, addObservation('o2', 131)).finally(() => {
        done = true
      })
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 25))
        await world.testClient.mine({ blocks: 1 })
      }
      await proposing
      await v.patient.peer.sync()
      await v.nurse.peer.sync()
      await world.testClient.mine({ blocks: 1 })
    } finally {
      await world.testClient.setAutomine(true)
    }
    const ackHashes = [v.patient.peer, v.nurse.peer].map((p) => p.log.find((e) => e.kind === 'acked')!.hash!)
    const receipts = await Promise.all(ackHashes.map((hash) => world.publicClient.getTransactionReceipt({ hash })))
    expect(receipts.map((r) => r.status)).toEqual(['success', 'success'])
    expect(receipts[0]!.blockNumber).toBe(receipts[1]!.blockNumber)
    await settle(v.all)
    await expectSameView(v.viewId, v.all)
  })

  test('behavior: five rounds in a row on each ack path, each acked by one transaction per peer (direct) or one batch (relay)', async () => {
    for (const mode of ['direct', 'relay'] as const) {
      const v = await threePeerView(mode)
      for (let i = 0; i < 5; i++) {
        const proposed = await v.doctor.peer.update(v.viewId, addObservation(`x${i}`, 100 + i))
        await settle(v.all)
        const kind = mode === 'direct' ? 'acked' : 'relayed'
        const ackHashes = v.all.flatMap((p) => p.log.filter((e) => e.kind === kind && e.round === proposed.round).map((e) => e.hash))
        expect(await gasOf(ackHashes)).toHaveLength(mode === 'direct' ? 2 : 1)
      }
      await expectSameView(v.viewId, v.all)
    }
  })
})

describe('relay mode and restarts', () => {
  test('behavior: a relayer restarted mid-round (inbox lost) gets the signatures again and completes the round', async () => {
    const v = await threePeerView('relay')
    await v.doctor.peer.update(v.viewId, addObservation('o2', 132))
    await v.patient.peer.sync()
    await v.nurse.peer.sync()
    expect(v.doctor.ackChannel.received(v.viewId, 1n)).toHaveLength(2)
    await v.doctor.close() // payloads and received signatures are gone
    const storage = memoryStorage({ store: (v.doctor.storage as MemoryStorage).store })
    const doctor = world.peer(1, { storage, ackMode: 'relay' })
    doctor.peer.bind(v.viewId, 'clinical', clinicalLens)
    const all = [v.patient.peer, doctor.peer, v.nurse.peer]
    await settle(all)
    expect(doctor.peer.log.filter((e) => e.kind === 'relayed')).toHaveLength(1)
    await expectSameView(v.viewId, all)
    expect(((await doctor.peer.view(v.viewId)) as unknown as Bundle).entry.map((e) => e.resource.id)).toContain('o2')
  })

  test('behavior: a forged signature sent to the relayer is refused on arrival and never replaces the genuine one; the round completes', async () => {
    const v = await threePeerView('relay')
    await v.doctor.peer.update(v.viewId, addObservation('o2', 133))
    await v.patient.peer.sync()
    await v.nurse.peer.sync()
    // Someone tries to overwrite the nurse's entry with garbage: the inbox verifies it on arrival.
    const forged = `0x${'ab'.repeat(65)}`
    const response = await world.ackHub.send(v.doctor.account.address, JSON.stringify({ viewId: v.viewId, round: '1', signer: v.nurse.account.address, signature: forged }))
    expect(response.status).toBe(401)
    expect(v.doctor.ackChannel.received(v.viewId, 1n).find((a) => a.signer === v.nurse.account.address)?.signature).not.toBe(forged)
    await settle(v.all)
    expect(v.doctor.peer.log.filter((e) => e.kind === 'relayed')).toHaveLength(1)
    const receipt = await world.publicClient.getTransactionReceipt({ hash: v.doctor.peer.log.find((e) => e.kind === 'relayed')!.hash! })
    expect(receipt.status).toBe('success')
    await expectSameView(v.viewId, v.all)
  })
})
