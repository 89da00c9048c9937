import { describe, expect, test } from 'vitest'
import { createTransportHub, inProcessAckChannel, TransportError } from 'lensync/coordinator'
import { ackOf, openRoundFixture } from './_ackFixtures.js'
import { alice, bob, bytes32, carol, chainId, coordinator, mallory, viewId } from './_fixtures.js'

function channels(fixture = openRoundFixture(), now = Date.now) {
  const hub = createTransportHub()
  const config = { chainId, coordinator, roster: fixture.roster, now }
  return {
    hub,
    ...fixture,
    relayer: inProcessAckChannel(hub, { ...config, address: alice.address }),
    bob: inProcessAckChannel(hub, { ...config, address: bob.address }),
    mallory: inProcessAckChannel(hub, { ...config, address: mallory.address }),
  }
}

describe('inProcessAckChannel', () => {
  test('default: a member’s signature of the open round its relayer proposed is received under its signer', async () => {
    const c = channels()
    const signature = await ackOf(bob, c.round)
    await c.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })
    expect(c.relayer.received(viewId, 7n)).toEqual([{ viewId, round: 7n, signer: bob.address, signature }])
    expect(c.relayer.received(viewId, 8n)).toEqual([])
    expect(c.bob.received(viewId, 7n)).toEqual([])
  })

  test('error: junk claiming to be a member is refused (BadSignature) and never overwrites the member’s signature', async () => {
    const c = channels()
    const signature = await ackOf(bob, c.round)
    await c.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })
    for (let i = 0; i < 300; i++) {
      const junk = { viewId, round: 7n, signer: i % 2 ? bob.address : carol.address, signature: `0x${(i % 250).toString(16).padStart(2, '0').repeat(65)}` }
      const answer = await c.hub.send(alice.address, JSON.stringify({ ...junk, round: '7' }))
      expect(answer.status).toBe(401)
    }
    // a valid signature of something else (another commitment) claiming bob is junk too
    const other = await ackOf(bob, c.round, { commitment: bytes32('something else') })
    expect((await c.hub.send(alice.address, JSON.stringify({ viewId, round: '7', signer: bob.address, signature: other }))).status).toBe(401)
    expect(c.relayer.received(viewId, 7n)).toEqual([{ viewId, round: 7n, signer: bob.address, signature }])
  })

  test('error: an outsider’s valid signature is Unauthorized; the proposer’s own is not taken either', async () => {
    const c = channels()
    const error = await c.mallory.send(alice.address, { viewId, round: 7n, signer: mallory.address, signature: await ackOf(mallory, c.round) }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'Unauthorized', status: 403 })
    const own = await c.hub.send(alice.address, JSON.stringify({ viewId, round: '7', signer: alice.address, signature: await ackOf(alice, c.round) }))
    expect(own.status).toBe(403)
    expect(c.relayer.received(viewId, 7n)).toEqual([])
  })

  test('error: a round that is not open, or that another peer proposed, is NotFound', async () => {
    const c = channels()
    const signature = await ackOf(bob, c.round)
    expect(await c.bob.send(alice.address, { viewId, round: 8n, signer: bob.address, signature }).catch((e: unknown) => e)).toMatchObject({ code: 'NotFound' })
    const proposedByCarol = channels(openRoundFixture({ proposer: carol.address }))
    expect(
      await proposedByCarol.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature: await ackOf(bob, proposedByCarol.round) }).catch((e: unknown) => e),
    ).toMatchObject({ code: 'NotFound' })
    expect(proposedByCarol.relayer.received(viewId, 7n)).toEqual([])
  })

  test('behavior: signatures expire with their round’s deadline', async () => {
    let now = Date.now()
    const c = channels(openRoundFixture({ deadline: BigInt(Math.floor(now / 1000) + 60) }), () => now)
    await c.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature: await ackOf(bob, c.round) })
    expect(c.relayer.received(viewId, 7n)).toHaveLength(1)
    now += 61_000
    expect(c.relayer.received(viewId, 7n)).toEqual([])
    expect(await c.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature: await ackOf(bob, c.round) }).catch((e: unknown) => e)).toMatchObject({
      code: 'NotFound',
    })
  })

  test('error: only own signatures are sent; a closed channel and an absent relayer refuse', async () => {
    const c = channels()
    const signature = await ackOf(bob, c.round)
    await expect(c.bob.send(alice.address, { viewId, round: 7n, signer: alice.address, signature })).rejects.toMatchObject({ code: 'InvalidPayload', pointer: '/signer' })
    await c.relayer.close()
    await c.relayer.close()
    await expect(c.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature })).rejects.toMatchObject({ code: 'Unreachable' })
    await c.bob.close()
    const error = await c.bob.send(alice.address, { viewId, round: 7n, signer: bob.address, signature }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('Closed')
  })

  test('error: a malformed body is answered 400 and stores nothing', async () => {
    const c = channels()
    expect((await c.hub.send(alice.address, 'not json')).status).toBe(400)
    expect((await c.hub.send(alice.address, JSON.stringify({ viewId, round: 7, signer: bob.address, signature: '0x12' }))).status).toBe(400)
    expect(c.relayer.received(viewId, 7n)).toEqual([])
  })
})
