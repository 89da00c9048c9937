import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Address, getAddress } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { chainRoster, httpAckChannel, httpTransport, settle } from 'lensync/coordinator'
import { pgliteStorage } from 'lensync/storage/pglite'
import { cast, expectConsistent } from './_cast.js'
import { addObservation, type Bundle, clinicalLens, researchLens } from '../../_helpers/fixtures.js'
import { type PeerHandle, startWorld, type World } from './_harness.js'

// The same protocol with each peer in its own PGlite database (in a directory) and payloads over the
// HTTP transport (node:http, signed requests checked against on-chain membership); the patient is
// restarted by closing and reopening its database.

let world: World
let dir: string
beforeAll(async () => {
  world = await startWorld()
  dir = mkdtempSync(join(tmpdir(), 'lensync-peers-'))
})
afterAll(async () => {
  await world?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const urls = new Map<Address, string>()

async function pglitePeer(i: number, name: string): Promise<PeerHandle> {
  const account = world.accounts[i]!
  const transport = await httpTransport({
    account,
    chainId: foundry.id,
    coordinator: world.coordinator,
    roster: world.roster,
    directory: (address) => urls.get(getAddress(address)),
  })
  urls.set(getAddress(account.address), transport.url)
  const storage = pgliteStorage({ dataDir: join(dir, name) })
  return world.peer(i, { storage, transport })
}

describe('PGlite storage and HTTP transports (integration)', () => {
  test('behavior: three peers stay consistent; the patient restarts from its PGlite directory mid-round', async () => {
    const handles = {
      patient: await pglitePeer(0, 'patient'),
      doctor: await pglitePeer(1, 'doctor'),
      researcher: await pglitePeer(2, 'researcher'),
    }
    const c = await cast(world, {}, handles)
    try {
      await c.doctor.peer.update(c.clinical, addObservation('o2', 140))
      await settle(c.all)
      await expectConsistent(world, c)

      // Mid-round: the doctor proposes, the patient stages and acks, then its process goes away.
      await c.doctor.peer.update(c.clinical, addObservation('o3', 141))
      await c.patient.peer.sync()
      expect(await c.patient.storage.listStaged()).toHaveLength(1)
      await c.patient.close()
      await c.patient.storage.close()

      const patient = await pglitePeer(0, 'patient')
      patient.peer.bind(c.clinical, 'record', clinicalLens)
      patient.peer.bind(c.research, 'record', researchLens)
      expect(await patient.storage.listStaged()).toHaveLength(1) // survived the restart
      const restarted = { ...c, patient, all: [patient.peer, c.doctor.peer, c.researcher.peer] }
      await settle(restarted.all)
      await expectConsistent(world, restarted)
      const record = (await patient.peer.record('record')) as unknown as Bundle
      expect(record.entry.map((e) => e.resource.id)).toEqual(expect.arrayContaining(['o2', 'o3']))
      await patient.close()
      await patient.storage.close()
    } finally {
      for (const h of [c.doctor, c.researcher]) {
        await h.close()
        await h.storage.close()
      }
    }
  })

  test('behavior: relay mode over HTTP — signatures travel through httpAckChannel to the proposer', async () => {
    const ackUrls = new Map<Address, string>()
    const handles: Record<string, PeerHandle> = {}
    for (const [i, name] of [[0, 'patient'], [1, 'doctor'], [2, 'researcher']] as const) {
      const account = world.accounts[i]!
      const transport = await httpTransport({
        account,
        chainId: foundry.id,
        coordinator: world.coordinator,
        roster: world.roster,
        directory: (address) => urls.get(getAddress(address)),
      })
      urls.set(getAddress(account.address), transport.url)
      const ackChannel = await httpAckChannel({ address: account.address, chainId: foundry.id, coordinator: world.coordinator, roster: world.roster, directory: (address) => ackUrls.get(getAddress(address)) })
      ackUrls.set(getAddress(account.address), ackChannel.url)
      handles[name] = world.peer(i, { transport, ackChannel, ackMode: 'relay' })
    }
    const c = await cast(world, {}, handles)
    try {
      await c.doctor.peer.update(c.clinical, addObservation('o2', 150))
      await settle(c.all)
      await expectConsistent(world, c)
      expect(c.doctor.peer.log.filter((e) => e.kind === 'relayed')).toHaveLength(1)
      expect(c.patient.peer.log.filter((e) => e.kind === 'relayed')).toHaveLength(1)
      expect(c.researcher.peer.log.filter((e) => e.kind === 'signed')).toHaveLength(1)
    } finally {
      for (const h of [c.patient, c.doctor, c.researcher]) await h.close()
    }
  })
})
