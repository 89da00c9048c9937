import { describe, expect, test } from 'vitest'
import type { LocalAccount } from 'viem'
import { createTransportHub, inProcessTransport, type Transport, TransportError } from 'lensync/coordinator'
import { alice, bob, chainId, coordinator, membership, payload, viewId } from './_fixtures.js'
import { shouldBehaveLikeTransport, type PeerOptions, type TransportHarness } from './_shouldBehaveLikeTransport.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

function harness(): TransportHarness {
  const hub = createTransportHub()
  const peers: Transport[] = []
  const rogues = new Map<string, () => void>()
  return {
    async peer(account: LocalAccount, options: PeerOptions = {}) {
      const transport = inProcessTransport(hub, { account, chainId, coordinator, roster: membership().roster, ...options })
      peers.push(transport)
      return transport
    },
    async rogue(address, respond) {
      rogues.get(address)?.()
      rogues.set(address, hub.listen(address, async (body) => respond(body)))
    },
    async dispose() {
      await Promise.all(peers.map((p) => p.close()))
      for (const stop of rogues.values()) stop()
    },
  }
}

shouldBehaveLikeTransport('inProcessTransport', harness)

describe('inProcessTransport', () => {
  test('behavior: a second transport for the same account on one hub is a Conflict until the first closes', async () => {
    const hub = createTransportHub()
    const config = { account: alice, chainId, coordinator, roster: membership().roster }
    const first = inProcessTransport(hub, config)
    let error: unknown
    try {
      inProcessTransport(hub, config)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ name: 'TransportError', code: 'Conflict' })
    await first.close()
    const second = inProcessTransport(hub, config)
    expect(hub.addresses).toEqual([alice.address])
    await second.close()
    expect(hub.addresses).toEqual([])
  })

  test('behavior: hubs are isolated from each other', async () => {
    const hub = createTransportHub()
    const a = inProcessTransport(hub, { account: alice, chainId, coordinator, roster: membership().roster })
    const bobHere = inProcessTransport(hub, { account: bob, chainId, coordinator, roster: membership().roster })
    const b = inProcessTransport(createTransportHub(), { account: bob, chainId, coordinator, roster: membership().roster })
    await a.publish(payload())
    await bobHere.close()
    expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('Unreachable')
    await Promise.all([a.close(), b.close()])
  })

  test('error: an answer over maxResponseBytes is PayloadTooLarge, naming the round; a client with the default limit reads it', async () => {
    const hub = createTransportHub()
    const config = { chainId, coordinator, roster: membership().roster }
    const a = inProcessTransport(hub, { account: alice, ...config })
    const b = inProcessTransport(hub, { account: bob, ...config, maxResponseBytes: 16 * 1024 })
    const big = payload(7n, { patch: [{ op: 'add', path: '/text/div', value: 'z'.repeat(64 * 1024) }] })
    await a.publish(big)
    try {
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'PayloadTooLarge', viewId, round: 7n })
      await b.close()
      const roomy = inProcessTransport(hub, { account: bob, ...config })
      expect((await roomy.fetch({ viewId, round: 7n, from: alice.address })).patch).toEqual(big.patch)
      await roomy.close()
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  test('error: bad settings are InvalidConfig naming the factory and the setting', () => {
    const hub = createTransportHub()
    const base = { account: alice, chainId, coordinator, roster: membership().roster }
    const cases = [
      [{ ...base, freshnessWindow: 0 }, '/freshnessWindow'],
      [{ ...base, retainRounds: 0.5 }, '/retainRounds'],
      [{ ...base, chainId: 0 }, '/chainId'],
      [{ ...base, coordinator: '0x12' as const }, '/coordinator'],
      [{ ...base, clockSkew: -1 }, '/clockSkew'],
      [{ ...base, roster: {} as never }, '/roster'],
      [{ ...base, encryption: 'rot13' as never }, '/encryption'],
      [{ ...base, maxResponseBytes: 0 }, '/maxResponseBytes'],
      [{ ...base, maxResponseBytes: 1.5 }, '/maxResponseBytes'],
    ] as const
    for (const [config, pointer] of cases) {
      let error: unknown
      try {
        inProcessTransport(hub, config)
      } catch (e) {
        error = e
      }
      expect(error).toMatchObject({ code: 'InvalidConfig', pointer })
      expect((error as Error).message).toContain('inProcessTransport:')
    }
    expect(hub.addresses).toEqual([])
  })
})
