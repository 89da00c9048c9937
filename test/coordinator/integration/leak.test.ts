/**
 * The leak test: the patient/doctor/researcher scenario over HTTP (payload transports and relay-mode
 * ack channels behind recording proxies), scanning every byte any server received or sent and every
 * payload a peer keeps (its archive) for the record's values. With sealed payloads: none. The same
 * scenario with `encryption: 'none'` is the control that shows the scan finds what travels in clear.
 */
import { createServer, connect, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { type Address, getAddress } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { httpAckChannel, httpTransport, settle } from 'lensync/coordinator'
import { cast, expectConsistent } from './_cast.js'
import { type Bundle, observation } from '../../_helpers/fixtures.js'
import { type PeerHandle, startWorld, type World } from './_harness.js'

/** Values of the record that reach the views, the join snapshots and the rounds. */
const secrets = ['Synthetic', '999911120', '1984-06-14', 'Diabetes mellitus type 2', 'Hemoglobin A1c', 'Metformin 500 MG', 'Glucose', '2026-02-01', 'twice daily', '7.2']

let world: World
const proxies: Server[] = []
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  for (const p of proxies) p.close()
  await world?.stop()
})

/** A TCP proxy to `target` that records every byte both ways into `wire`. */
async function recordingProxy(target: string, wire: Buffer[]): Promise<string> {
  const { hostname, port } = new URL(target)
  const proxy = createServer((client) => {
    const upstream = connect({ host: hostname, port: Number(port) })
    client.on('data', (d: Buffer) => {
      wire.push(d)
      upstream.write(d)
    })
    upstream.on('data', (d: Buffer) => {
      wire.push(d)
      client.write(d)
    })
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  proxies.push(proxy)
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}

/** The scenario over HTTP; returns every byte on the wire and every kept (archived) payload, as text. */
async function scenario(encryption: 'hpke' | 'none'): Promise<{ wire: string; archives: string; hits: string[] }> {
  const wire: Buffer[] = []
  const urls = new Map<Address, string>()
  const ackUrls = new Map<Address, string>()
  const handles: Record<string, PeerHandle> = {}
  for (const [i, name] of [[0, 'patient'], [1, 'doctor'], [2, 'researcher']] as const) {
    const account = world.accounts[i]!
    const common = { chainId: foundry.id, coordinator: world.coordinator, roster: world.roster }
    const transport = await httpTransport({ ...common, account, encryption, directory: (a) => urls.get(getAddress(a)) })
    urls.set(getAddress(account.address), await recordingProxy(transport.url, wire))
    const ackChannel = await httpAckChannel({ ...common, address: account.address, directory: (a) => ackUrls.get(getAddress(a)) })
    ackUrls.set(getAddress(account.address), await recordingProxy(ackChannel.url, wire))
    handles[name] = world.peer(i, { transport, ackChannel, ackMode: 'relay' })
  }
  const c = await cast(world, {}, handles)
  try {
    await c.doctor.peer.update(c.clinical, (view) => {
      const v = view as unknown as Bundle
      return { ...v, entry: [...v.entry, observation('o2', 131)] } as never
    })
    await settle(c.all)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    const o = record.entry.findIndex((e) => e.resource.id === 'o1')
    await c.patient.peer.updateRecord('record', [{ op: 'replace', path: `/entry/${o}/resource/code/coding/0/display`, value: 'Hemoglobin A1c (repeat)' }])
    await settle(c.all)
    await expectConsistent(world, c)
    const kept = []
    for (const [peer, viewId] of [[c.patient, c.clinical], [c.patient, c.research], [c.doctor, c.clinical], [c.researcher, c.research]] as const)
      kept.push(((await peer.storage.getViewState(viewId)) as { published?: unknown[] } | undefined)?.published ?? []) // the rows as stored
    expect(kept.flat().length).toBeGreaterThanOrEqual(3) // the proposers' archives are not empty
    const text = { wire: Buffer.concat(wire).toString('latin1'), archives: JSON.stringify(kept) }
    return { ...text, hits: secrets.filter((s) => text.wire.includes(s) || text.archives.includes(s)) }
  } finally {
    for (const h of [c.patient, c.doctor, c.researcher]) await h.close()
  }
}

describe('leak test (integration)', () => {
  test('behavior: no value of the record appears in any byte a server received or sent, nor in any archived payload', async () => {
    const { wire, archives, hits } = await scenario('hpke')
    expect(wire.length).toBeGreaterThan(10_000) // snapshots, rounds, keys and acks all went through the proxies
    expect(wire).toContain('"scheme":"hpke"')
    expect(archives).toContain('"scheme":"hpke"')
    console.info(`[figures] leak scan: ${wire.length} bytes on the wire, ${archives.length} bytes of archived payloads, ${hits.length} plaintext hits`)
    expect(hits).toEqual([])
  })

  test('behavior: the scan finds the values when payloads travel unencrypted (control)', async () => {
    const { hits } = await scenario('none')
    expect(hits).toEqual(expect.arrayContaining(['Synthetic', '999911120', 'Glucose', 'Hemoglobin A1c']))
  })
})
