import { privateKeyToAccount } from 'viem/accounts'
import { afterEach, describe, expect, test } from 'vitest'
import { httpAckChannel, type HttpAckChannel, TransportError } from 'lensync/coordinator'

const a = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d').address
const b = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a').address
const viewId = `0x${'22'.repeat(32)}` as const
const sig = `0x${'cd'.repeat(65)}` as const

const open: HttpAckChannel[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()))
})

async function pair() {
  const urls = new Map<string, string>()
  const directory = (address: string) => urls.get(address)
  const relayer = await httpAckChannel({ address: a, directory })
  const signer = await httpAckChannel({ address: b, directory })
  urls.set(a, relayer.url)
  urls.set(b, signer.url)
  open.push(relayer, signer)
  return { relayer, signer }
}

describe('httpAckChannel', () => {
  test('default: a signature posted to the relayer is received under its view and round', async () => {
    const { relayer, signer } = await pair()
    expect(relayer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await signer.send(a, { viewId, round: 7n, signer: b, signature: sig })
    expect(relayer.received(viewId, 7n)).toEqual([{ viewId, round: 7n, signer: b, signature: sig }])
    expect(relayer.received(viewId, 8n)).toEqual([])
  })

  test('error: malformed (400), too large (413), wrong path (404) and wrong method (405)', async () => {
    const { relayer } = await pair()
    const post = (path: string, body: string) => fetch(`${relayer.url}${path}`, { method: 'POST', body })
    expect((await post('/lensync/v1/ack', '{"viewId":"0x12"}')).status).toBe(400)
    expect((await post('/lensync/v1/ack', 'x'.repeat(5000))).status).toBe(413)
    expect((await post('/nope', '{}')).status).toBe(404)
    expect((await fetch(`${relayer.url}/lensync/v1/ack`)).status).toBe(405)
    expect(relayer.received(viewId, 7n)).toEqual([])
  })

  test('error: another peer’s signature, an unknown or closed relayer, a closed channel', async () => {
    const { relayer, signer } = await pair()
    await expect(signer.send(a, { viewId, round: 1n, signer: a, signature: sig })).rejects.toMatchObject({ code: 'InvalidPayload', pointer: '/signer' })
    await expect(signer.send('0x0000000000000000000000000000000000000001', { viewId, round: 1n, signer: b, signature: sig })).rejects.toMatchObject({ code: 'Unreachable' })
    await relayer.close()
    await expect(signer.send(a, { viewId, round: 1n, signer: b, signature: sig })).rejects.toMatchObject({ code: 'Unreachable' })
    await signer.close()
    const error = await signer.send(a, { viewId, round: 1n, signer: b, signature: sig }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransportError)
    expect((error as TransportError).code).toBe('Closed')
  })
})
