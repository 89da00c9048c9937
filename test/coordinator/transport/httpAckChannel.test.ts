import { afterEach, describe, expect, test } from 'vitest'
import { httpAckChannel, type HttpAckChannel, TransportError } from 'lensync/coordinator'
import { ackOf, openRoundFixture } from './_ackFixtures.js'
import { rawRequest } from './_rawHttp.js'
import { alice, bob, carol, chainId, coordinator, mallory, viewId } from './_fixtures.js'

const open: HttpAckChannel[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()))
})

async function pair(fixture = openRoundFixture()) {
  const urls = new Map<string, string>()
  const directory = (address: string) => urls.get(address)
  const config = { chainId, coordinator, roster: fixture.roster, directory }
  const relayer = await httpAckChannel({ ...config, address: alice.address })
  const signer = await httpAckChannel({ ...config, address: bob.address })
  urls.set(alice.address, relayer.url)
  urls.set(bob.address, signer.url)
  open.push(relayer, signer)
  return { relayer, signer, ...fixture }
}

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/lensync/v1/ack`, { method: 'POST', headers, body })

describe('httpAckChannel', () => {
  test('default: a member’s signature posted to the relayer is received under its signer', async () => {
    const { relayer, signer, round } = await pair()
    expect(relayer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const signature = await ackOf(bob, round)
    await signer.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })
    expect(relayer.received(viewId, 7n)).toEqual([{ viewId, round: 7n, signer: bob.address, signature }])
  })

  test('error: an outsider posting junk for every member over HTTP is refused: nothing stored, nothing overwritten', async () => {
    const { relayer, signer, round } = await pair()
    const signature = await ackOf(bob, round)
    await signer.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })
    const statuses = new Set<number>()
    for (let i = 0; i < 300; i++) {
      const claimed = [bob.address, carol.address, mallory.address][i % 3]!
      const junk = i % 2 ? `0x${(i % 250).toString(16).padStart(2, '0').repeat(65)}` : await ackOf(mallory, round)
      const res = await post(relayer.url, JSON.stringify({ viewId, round: '7', signer: claimed, signature: junk }))
      statuses.add(res.status)
      await res.body?.cancel()
    }
    expect([...statuses].every((s) => s === 401 || s === 403 || s === 429)).toBe(true)
    expect(relayer.received(viewId, 7n)).toEqual([{ viewId, round: 7n, signer: bob.address, signature }])
  })

  test('error: malformed (400), too large (413), not JSON (415), wrong host (421), wrong path (404) and method (405)', async () => {
    const { relayer } = await pair()
    expect((await post(relayer.url, '{"viewId":"0x12"}')).status).toBe(400)
    expect((await post(relayer.url, 'x'.repeat(5000))).status).toBe(413)
    expect((await post(relayer.url, '{}', { 'content-type': 'text/plain' })).status).toBe(415)
    const rebound = await rawRequest(relayer.url, { method: 'POST', path: '/lensync/v1/ack', headers: { 'content-type': 'application/json', host: 'attacker.example' }, body: '{}' })
    expect(rebound).toEqual({ status: 421, body: '{"error":{"code":"InvalidHost"}}' })
    expect((await fetch(`${relayer.url}/nope`, { method: 'POST', body: '{}' })).status).toBe(404)
    expect((await fetch(`${relayer.url}/lensync/v1/ack`)).status).toBe(405)
    expect(relayer.received(viewId, 7n)).toEqual([])
  })

  test('error: another peer’s signature, an unknown or closed relayer, a plain-http remote, a closed channel', async () => {
    const { relayer, signer, round } = await pair()
    const signature = await ackOf(bob, round)
    await expect(signer.send(alice.address, { viewId, round: 7n, signer: alice.address, signature })).rejects.toMatchObject({ code: 'InvalidPayload', pointer: '/signer' })
    await expect(signer.send(carol.address, { viewId, round: 7n, signer: bob.address, signature })).rejects.toMatchObject({ code: 'Unreachable' })
    const remote = await httpAckChannel({ chainId, coordinator, roster: openRoundFixture().roster, address: bob.address, directory: () => 'http://relayer.example:8080' })
    open.push(remote)
    await expect(remote.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })).rejects.toMatchObject({ code: 'InsecureUrl' })
    await relayer.close()
    await expect(signer.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })).rejects.toMatchObject({ code: 'Unreachable' })
    await signer.close()
    const error = await signer.send(alice.address, { viewId, round: 7n, signer: bob.address, signature }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('Closed')
  })
})
