/**
 * The transport mounted on a route of servers a user already runs, as a user would: a plain node:http
 * server (under a path prefix) and a Hono app on @hono/node-server.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'
import { getAddress, type Address } from 'viem'
import { afterEach, describe, expect, test } from 'vitest'
import { httpTransportHandler, type HttpTransportHandler } from 'lensync/coordinator'
import { alice, bob, chainId, coordinator, membership, payload, viewId } from './_fixtures.js'
import { rawRequest } from './_rawHttp.js'

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve())
          s.closeAllConnections()
        }),
    ),
  )
})

const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

describe('the transport mounted in an existing server', () => {
  test('behavior: node:http under /api and Hono on @hono/node-server serve each other’s peers, beside their own routes', async () => {
    const urls = new Map<Address, string>()
    const directory = (address: Address) => urls.get(getAddress(address))
    const { roster } = membership()

    // alice: the transport under /api of an existing node:http server.
    const a: HttpTransportHandler = httpTransportHandler({ account: alice, chainId, coordinator, roster, directory, prefix: '/api' })
    const nodeServer = createServer((req, res) => {
      if (req.url?.startsWith('/api/lensync/')) return void a.handleNode(req, res)
      res.writeHead(200, { 'content-type': 'text/plain' }).end('node app')
    })
    await new Promise<void>((resolve) => nodeServer.listen(0, '127.0.0.1', resolve))
    servers.push(nodeServer)
    urls.set(alice.address, `${origin(nodeServer)}/api`)

    // bob: the transport in a Hono app, rate-limited by the connection's address.
    const b: HttpTransportHandler = httpTransportHandler({ account: bob, chainId, coordinator, roster, directory, rateLimit: { rate: 1, burst: 3 } })
    const app = new Hono()
    app.get('/health', (c) => c.text('hono app'))
    app.all('/lensync/*', (c) => b.handle(c.req.raw, { clientAddress: getConnInfo(c).remote.address }))
    const honoServer = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server
    })
    servers.push(honoServer)
    urls.set(bob.address, origin(honoServer))

    await a.publish(payload(7n))
    await b.publish(payload(8n, { proposer: bob.address }))
    expect((await b.fetch({ viewId, round: 7n, from: alice.address })).patch).toEqual(payload(7n).patch)
    expect((await a.fetch({ viewId, round: 8n, from: bob.address })).proposer).toBe(bob.address)

    // The host servers' own routes are untouched, and the transport's checks hold under both.
    expect(await (await fetch(`${origin(nodeServer)}/elsewhere`)).text()).toBe('node app')
    expect(await (await fetch(`${origin(honoServer)}/health`)).text()).toBe('hono app')
    for (const base of [`${origin(nodeServer)}/api`, origin(honoServer)]) {
      const rebound = await rawRequest(base, { path: `${new URL(base).pathname.replace(/\/$/, '')}/lensync/v1/info`, headers: { host: 'attacker.example' } })
      expect(rebound.status).toBe(421)
      const plain = await rawRequest(base, { method: 'POST', path: `${new URL(base).pathname.replace(/\/$/, '')}/lensync/v1/fetch`, headers: { 'content-type': 'text/plain' }, body: '{}' })
      expect(plain.status).toBe(415)
    }
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${origin(honoServer)}/lensync/v1/info`)).status)
    expect(statuses).toContain(429)
    // Closed: the mounted handler answers 503 and its host server keeps running.
    await a.close()
    const closed = await rawRequest(`${origin(nodeServer)}`, { method: 'POST', path: '/api/lensync/v1/fetch', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(closed).toEqual({ status: 503, body: '{"error":{"code":"Closed"}}' })
  })
})
