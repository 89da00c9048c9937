/**
 * The HTTP transport against a hostile client on real loopback sockets: replayed, misdirected and
 * far-future requests, DNS rebinding, wrong media types, floods, slow and silent connections, and a
 * client pointed at a plain-http remote.
 */
import { getAddress, type Address, type LocalAccount } from 'viem'
import { afterEach, describe, expect, test } from 'vitest'
import { httpTransport, signFetchRequest, TransportError, type HttpTransport, type HttpTransportConfig } from 'lensync/coordinator'
import { encodeFetchRequest } from '../../../src/coordinator/transport/_internal/wire.js'
import { alice, bob, carol, chainId, coordinator, membership, payload, viewId } from './_fixtures.js'
import { closedWithin, rawRequest, rawSocket } from './_rawHttp.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

const running: HttpTransport[] = []
const sockets: import('node:net').Socket[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  await Promise.all(running.splice(0).map((t) => t.close()))
})

const urls = new Map<Address, string>()
async function peer(account: LocalAccount, options: Partial<HttpTransportConfig> = {}): Promise<HttpTransport> {
  const transport = await httpTransport({ account, chainId, coordinator, roster: membership().roster, directory: (a) => urls.get(getAddress(a)), ...options })
  urls.set(account.address, transport.url)
  running.push(transport)
  return transport
}

/** alice publishes round 7; bob is a member and reachable. */
async function published(options: Partial<HttpTransportConfig> = {}) {
  const a = await peer(alice, options)
  await peer(bob)
  await a.publish(payload())
  return a
}

const postFetch = (url: string, body: string, headers: Record<string, string> = {}) =>
  rawRequest(url, { method: 'POST', path: '/lensync/v1/fetch', headers: { 'content-type': 'application/json', ...headers }, body })

describe('httpTransport against a hostile client', () => {
  test('error: a captured request sent again is refused as Replay; only the first is answered', async () => {
    const a = await published()
    const body = encodeFetchRequest(await signFetchRequest({ account: bob, chainId, coordinator, viewId, round: 7n, audience: alice.address }))
    const answers = [await postFetch(a.url, body), await postFetch(a.url, body), await postFetch(a.url, body)]
    expect(answers.map((r) => r.status)).toEqual([200, 401, 401])
    expect(answers[1]!.body).toBe('{"error":{"code":"Replay"}}')
  })

  test('error: a request dated ahead of the server’s clock by more than the skew is StaleRequest', async () => {
    const a = await published()
    const issuedAt = BigInt(Math.floor(Date.now() / 1000) + 59)
    const body = encodeFetchRequest(await signFetchRequest({ account: bob, chainId, coordinator, viewId, round: 7n, audience: alice.address, issuedAt }))
    expect(await postFetch(a.url, body)).toEqual({ status: 401, body: '{"error":{"code":"StaleRequest"}}' })
  })

  test('error: a request signed for another server is WrongAudience (421), wherever it is sent', async () => {
    const a = await published()
    const body = encodeFetchRequest(await signFetchRequest({ account: bob, chainId, coordinator, viewId, round: 7n, audience: carol.address }))
    expect(await postFetch(a.url, body)).toEqual({ status: 421, body: '{"error":{"code":"WrongAudience"}}' })
  })

  test('error: a Host the server does not answer for (DNS rebinding) reads nothing, not even /info', async () => {
    const a = await published()
    const info = await rawRequest(a.url, { path: '/lensync/v1/info', headers: { host: 'attacker.example:8080' } })
    expect(info).toEqual({ status: 421, body: '{"error":{"code":"InvalidHost"}}' })
    expect((await rawRequest(a.url, { path: '/lensync/v1/info', headers: { host: `localhost:${new URL(a.url).port}` } })).status).toBe(200)
    const named = await peer(carol, { allowedHosts: ['peer.example.org'] })
    expect((await rawRequest(named.url, { path: '/lensync/v1/info', headers: { host: 'PEER.example.org' } })).status).toBe(200)
    expect((await rawRequest(named.url, { path: '/lensync/v1/info', headers: { host: 'peer.example.org.attacker.example' } })).status).toBe(421)
  })

  test('error: a body that is not application/json is refused (415) before it is read', async () => {
    const a = await published()
    const body = encodeFetchRequest(await signFetchRequest({ account: bob, chainId, coordinator, viewId, round: 7n, audience: alice.address }))
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
      expect(await postFetch(a.url, body, { 'content-type': type })).toEqual({ status: 415, body: '{"error":{"code":"UnsupportedMediaType"}}' })
    expect((await postFetch(a.url, body, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200)
  })

  test('error: a client over its rate is RateLimited (429, retry-after) and the server stays up', async () => {
    const a = await peer(alice, { rateLimit: { rate: 2, burst: 5 } })
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await rawRequest(a.url, { path: '/lensync/v1/info' })).status)
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(14)
    const res = await fetch(`${a.url}/lensync/v1/info`)
    expect(res.headers.get('retry-after')).toBe('1')
  })

  test('error: silent connections that sent partial headers are closed within timeout + 1 s', async () => {
    const a = await peer(alice, { timeout: 1_000 })
    const silent = await Promise.all(
      Array.from({ length: 50 }, () => rawSocket(a.url, 'POST /lensync/v1/fetch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app')),
    )
    sockets.push(...silent)
    const closed = await Promise.all(silent.map((s) => closedWithin(s, 4_000)))
    expect(Math.max(...closed)).toBeLessThan(2_000)
  })

  test('error: a connection trickling its headers, or its body, is closed within timeout + 1 s', async () => {
    const a = await peer(alice, { timeout: 1_000 })
    const headers = await rawSocket(a.url, 'POST /lensync/v1/fetch HTTP/1.1\r\n')
    const body = await rawSocket(a.url, 'POST /lensync/v1/fetch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{')
    sockets.push(headers, body)
    const drip = setInterval(() => {
      headers.write('X: y\r\n')
      body.write(' ')
    }, 150)
    try {
      const closed = await Promise.all([closedWithin(headers, 4_000), closedWithin(body, 4_000)])
      expect(Math.max(...closed)).toBeLessThan(2_000)
    } finally {
      clearInterval(drip)
    }
  })

  test('error: connections beyond maxConnections are dropped as they arrive', async () => {
    const a = await peer(alice, { maxConnections: 5, timeout: 10_000 })
    const open = await Promise.all(Array.from({ length: 12 }, () => rawSocket(a.url, '')))
    sockets.push(...open)
    const closed = await Promise.all(open.map((s) => closedWithin(s, 1_000)))
    expect(closed.filter((ms) => ms < 1_000)).toHaveLength(7)
  })

  test('error: the client refuses plain http to a remote host unless told to (InsecureUrl)', async () => {
    const b = await peer(bob, { directory: () => 'http://peer.example.org:8080', timeout: 500 })
    await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'InsecureUrl', peer: alice.address })
    const optedIn = await peer(carol, { directory: () => 'http://192.0.2.1:9', allowInsecureHttp: true, timeout: 300 })
    expect(['Timeout', 'Unreachable']).toContain((await expectLensyncErrorAsync(optedIn.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code)
    const notHttp = await peer(alice, { directory: () => 'ftp://peer.example.org', listen: { port: 0 } })
    expect((await expectLensyncErrorAsync(notHttp.fetch({ viewId, round: 7n, from: bob.address }), TransportError)).code).toBe('InsecureUrl')
  })
})
