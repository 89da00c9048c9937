import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, test } from 'vitest'
import { createTransportHub, inProcessAckChannel, TransportError } from 'lensync/coordinator'

const a = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d').address
const b = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a').address
const viewId = `0x${'11'.repeat(32)}` as const
const sig = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(65)}` as const

describe('inProcessAckChannel', () => {
  test('default: a signature sent to the relayer is received under its view and round', async () => {
    const hub = createTransportHub()
    const relayer = inProcessAckChannel(hub, { address: a })
    const signer = inProcessAckChannel(hub, { address: b })
    await signer.send(a, { viewId, round: 2n, signer: b, signature: sig(1) })
    expect(relayer.received(viewId, 2n)).toEqual([{ viewId, round: 2n, signer: b, signature: sig(1) }])
    expect(relayer.received(viewId, 3n)).toEqual([])
    expect(signer.received(viewId, 2n)).toEqual([])
  })

  test('behavior: one signature per signer and round, the last wins', async () => {
    const hub = createTransportHub()
    const relayer = inProcessAckChannel(hub, { address: a })
    const signer = inProcessAckChannel(hub, { address: b })
    await signer.send(a, { viewId, round: 1n, signer: b, signature: sig(1) })
    await signer.send(a, { viewId: viewId.toUpperCase().replace('0X', '0x') as never, round: 1n, signer: b, signature: sig(2) })
    expect(relayer.received(viewId, 1n).map((s) => s.signature)).toEqual([sig(2)])
  })

  test('error: only own signatures are sent; a closed channel and an absent relayer refuse', async () => {
    const hub = createTransportHub()
    const relayer = inProcessAckChannel(hub, { address: a })
    const signer = inProcessAckChannel(hub, { address: b })
    await expect(signer.send(a, { viewId, round: 1n, signer: a, signature: sig(1) })).rejects.toMatchObject({ code: 'InvalidPayload', pointer: '/signer' })
    await relayer.close()
    await relayer.close()
    await expect(signer.send(a, { viewId, round: 1n, signer: b, signature: sig(1) })).rejects.toMatchObject({ code: 'Unreachable' })
    await signer.close()
    const error = await signer.send(a, { viewId, round: 1n, signer: b, signature: sig(1) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('Closed')
  })

  test('error: a malformed body is answered 400 and stores nothing', async () => {
    const hub = createTransportHub()
    const relayer = inProcessAckChannel(hub, { address: a })
    expect((await hub.send(a, 'not json')).status).toBe(400)
    expect(relayer.received(viewId, 1n)).toEqual([])
  })
})
