import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { getAddress, type Address, type LocalAccount } from 'viem'
import {
  httpTransport,
  signFetchRequest,
  verifyEncryptionKeyBinding,
  type EncryptionKeyBinding,
  type HttpTransport,
  type HttpTransportConfig,
  TransportError,
} from 'lensync/coordinator'
import { alice, bob, carol, chainId, coordinator, membership, payload, viewId } from './_fixtures.js'
import { shouldBehaveLikeTransport, type PeerOptions, type TransportHarness } from './_shouldBehaveLikeTransport.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

/** A real loopback server answering every request with `respond` (a malicious, broken or silent peer). */
async function rawServer(respond: (body: string) => { status: number; body: string } | undefined): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const answer = respond(Buffer.concat(chunks).toString('utf8'))
      if (answer === undefined) return // never answer
      res.writeHead(answer.status, { 'content-type': 'application/json' })
      res.end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

async function stop(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function harness(): TransportHarness & { directory: Map<Address, string>; config(account: LocalAccount, options?: Partial<HttpTransportConfig>): HttpTransportConfig; servers: Server[] } {
  const directory = new Map<Address, string>()
  const peers: HttpTransport[] = []
  const servers: Server[] = []
  const config = (account: LocalAccount, options: Partial<HttpTransportConfig> = {}): HttpTransportConfig => ({
    account,
    chainId,
    coordinator,
    roster: membership().roster,
    directory: (address) => directory.get(getAddress(address)),
    ...options,
  })
  return {
    directory,
    servers,
    config,
    async peer(account: LocalAccount, options: PeerOptions = {}) {
      const transport = await httpTransport(config(account, options))
      peers.push(transport)
      directory.set(account.address, transport.url)
      return transport
    },
    async rogue(address, respond) {
      const { server, url } = await rawServer(respond)
      servers.push(server)
      directory.set(address, url)
    },
    async dispose() {
      await Promise.all([...peers.map((p) => p.close()), ...servers.map(stop)])
    },
  }
}

shouldBehaveLikeTransport('httpTransport', harness)

describe('httpTransport', () => {
  let h: ReturnType<typeof harness>
  afterEach(async () => {
    await h?.dispose()
  })

  const post = (url: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${url}/lensync/v1/fetch`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

  test('default: binds 127.0.0.1 on a free port and answers GET /lensync/v1/info', async () => {
    h = harness()
    const a = (await h.peer(alice)) as HttpTransport
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${a.url}/lensync/v1/info`)
    expect(res.status).toBe(200)
    const info = (await res.json()) as { encryptionKey: EncryptionKeyBinding }
    expect(info).toMatchObject({ address: alice.address, chainId, coordinator, encryptionKey: { account: alice.address } })
    expect(await verifyEncryptionKeyBinding({ chainId, coordinator, binding: info.encryptionKey })).toBe(true)
    expect(await verifyEncryptionKeyBinding({ chainId, coordinator, binding: { ...info.encryptionKey, account: bob.address } })).toBe(false)
  })

  test('behavior: the wire carries the payload sealed, with the requester’s wrapped key only', async () => {
    h = harness()
    const [a] = (await Promise.all([h.peer(alice), h.peer(bob)])) as HttpTransport[]
    const sealed = await a!.publish(payload())
    const request = await signFetchRequest({ account: bob, chainId, coordinator, viewId, round: 7n, audience: alice.address })
    const res = await post(a!.url, JSON.stringify({ ...request, round: '7', issuedAt: request.issuedAt.toString() }))
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text) as { payload: Record<string, unknown> }
    expect(body.payload).toEqual({ ...sealed, recipients: sealed.recipients.filter((r) => r.account === bob.address) })
    for (const value of ['1970-01-01', 'Zoë', payload().salt.slice(2), '/birthDate']) expect(text).not.toContain(value)
  })

  test('error: a non-member gets 403 with the code only in the body', async () => {
    h = harness()
    const [a] = (await Promise.all([h.peer(alice), h.peer(bob)])) as HttpTransport[]
    await a!.publish(payload())
    const request = await signFetchRequest({ account: carol, chainId, coordinator, viewId, round: 7n, audience: alice.address })
    const res = await post(a!.url, JSON.stringify({ ...request, round: '7', issuedAt: request.issuedAt.toString() }))
    expect(res.status).toBe(403)
    expect(await res.text()).toBe('{"error":{"code":"Unauthorized"}}')
  })

  test('error: a request body over maxRequestBytes is refused with 413, declared or streamed', async () => {
    h = harness()
    const a = (await h.peer(alice, { maxRequestBytes: 1024 } as PeerOptions)) as HttpTransport
    const declared = await post(a.url, JSON.stringify({ pad: 'x'.repeat(4096) }))
    expect(declared.status).toBe(413)
    expect(await declared.json()).toEqual({ error: { code: 'PayloadTooLarge' } })
    // Chunked (no content-length): the server counts bytes as they arrive.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(512)))
        controller.close()
      },
    })
    const streamed = await fetch(`${a.url}/lensync/v1/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit)
    expect(streamed.status).toBe(413)
    // The server is still healthy afterwards.
    expect((await fetch(`${a.url}/lensync/v1/info`)).status).toBe(200)
  })

  test('error: a response over maxResponseBytes is PayloadTooLarge on the client', async () => {
    h = harness()
    const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
    const big = payload(7n, { patch: [{ op: 'add', path: '/text/div', value: 'z'.repeat(64 * 1024) }] })
    await a.publish(big)
    const small = await httpTransport(h.config(bob, { maxResponseBytes: 16 * 1024 }))
    try {
      await expectLensyncErrorAsync(small.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'PayloadTooLarge', status: 200 })
    } finally {
      await small.close()
    }
    expect((await b.fetch({ viewId, round: 7n, from: alice.address })).patch).toEqual(big.patch)
  })

  test('error: malformed requests get 400, other paths 404, wrong methods 405', async () => {
    h = harness()
    const a = (await h.peer(alice)) as HttpTransport
    expect((await post(a.url, '{not json')).status).toBe(400)
    expect((await post(a.url, JSON.stringify({ viewId, round: 7 }))).status).toBe(400)
    expect((await fetch(`${a.url}/elsewhere`)).status).toBe(404)
    expect((await fetch(`${a.url}/lensync/v1/fetch`)).status).toBe(405)
  })

  test('error: a silent peer is Timeout after `timeout` ms', async () => {
    h = harness()
    const silent = await rawServer(() => undefined)
    h.servers.push(silent.server)
    h.directory.set(alice.address, silent.url)
    const b = await httpTransport(h.config(bob, { timeout: 300 }))
    try {
      const started = performance.now()
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'Timeout', round: 7n })
      const elapsed = performance.now() - started
      expect(elapsed).toBeGreaterThanOrEqual(250)
      expect(elapsed).toBeLessThan(5_000)
    } finally {
      await b.close()
    }
  })

  test('error: an unknown peer, a failing directory or a closed port is Unreachable', async () => {
    h = harness()
    const b = await h.peer(bob)
    await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: carol.address }), TransportError, { code: 'Unreachable', peer: carol.address })
    const failing = await httpTransport(h.config(bob, { directory: () => Promise.reject(new Error('registry down')) }))
    try {
      const error = await expectLensyncErrorAsync(failing.fetch({ viewId, round: 7n, from: alice.address }), TransportError)
      expect(error).toMatchObject({ code: 'Unreachable', peer: alice.address })
      expect(error.details).toBe('registry down')
    } finally {
      await failing.close()
    }
    const { server, url } = await rawServer(() => undefined)
    await stop(server)
    h.directory.set(carol.address, url)
    await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: carol.address }), TransportError, { code: 'Unreachable', peer: `${url}/lensync/v1/fetch` })
  })

  test('behavior: close releases the port, even with keep-alive connections open', async () => {
    h = harness()
    const a = (await h.peer(alice)) as HttpTransport
    const b = await h.peer(bob)
    await a.publish(payload())
    await b.fetch({ viewId, round: 7n, from: alice.address }) // leaves a pooled keep-alive connection
    const port = Number(new URL(a.url).port)
    const started = performance.now()
    await a.close()
    expect(performance.now() - started).toBeLessThan(2_000)
    const again = await httpTransport(h.config(alice, { listen: { port } }))
    try {
      expect(again.url).toBe(a.url)
      await again.publish(payload(8n))
      expect((await b.fetch({ viewId, round: 8n, from: alice.address })).round).toBe(8n)
    } finally {
      await again.close()
    }
  })

  test('error: a port already in use is Unreachable from the factory', async () => {
    h = harness()
    const a = (await h.peer(alice)) as HttpTransport
    const port = Number(new URL(a.url).port)
    const error = await expectLensyncErrorAsync(httpTransport(h.config(bob, { listen: { port } })), TransportError)
    expect(error.code).toBe('Unreachable')
    expect(error.message).toContain('EADDRINUSE')
  })

  test('error: bad settings are InvalidConfig naming the factory and the setting', async () => {
    h = harness()
    for (const [options, pointer] of [
      [{ timeout: 0 }, '/timeout'],
      [{ maxRequestBytes: -1 }, '/maxRequestBytes'],
      [{ maxResponseBytes: 1.5 }, '/maxResponseBytes'],
      [{ listen: { port: 70_000 } }, '/listen/port'],
      [{ freshnessWindow: Number.NaN }, '/freshnessWindow'],
      [{ maxConnections: 0 }, '/maxConnections'],
      [{ prefix: 'lensync' }, '/prefix'],
      [{ rateLimit: { rate: 0 } }, '/rateLimit'],
    ] as const) {
      const error = await expectLensyncErrorAsync(httpTransport(h.config(alice, options)), TransportError)
      expect(error).toMatchObject({ code: 'InvalidConfig', pointer })
      expect(error.message).toContain('httpTransport:')
    }
  })
})
