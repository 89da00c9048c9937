import { describe, expect, test } from 'vitest'
import { signFetchRequest, verifyFetchRequest } from 'lensync/coordinator'
import { alice, bob, chainId, coordinator, mallory, otherViewId, viewId } from './_fixtures.js'

const domain = { chainId, coordinator }

describe('signFetchRequest / verifyFetchRequest', () => {
  test('default: signs Fetch for the account with the current time', async () => {
    const before = BigInt(Math.floor(Date.now() / 1000))
    const request = await signFetchRequest({ ...domain, account: bob, viewId, round: 7n, audience: alice.address })
    expect(request).toMatchObject({ viewId, round: 7n, requester: bob.address, audience: alice.address })
    expect(request.nonce).toMatch(/^0x[0-9a-f]{64}$/)
    expect((await signFetchRequest({ ...domain, account: bob, viewId, round: 7n, audience: alice.address })).nonce).not.toBe(request.nonce)
    expect(request.issuedAt >= before && request.issuedAt <= before + 2n).toBe(true)
    expect(await verifyFetchRequest({ ...domain, request })).toBe(true)
  })

  test('behavior: changing any field, the chain or the coordinator makes it fail', async () => {
    const request = await signFetchRequest({ ...domain, account: bob, viewId, round: 7n, audience: alice.address, issuedAt: 1_700_000_000n })
    for (const change of [{ viewId: otherViewId }, { round: 8n }, { requester: mallory.address }, { audience: mallory.address }, { nonce: viewId }, { issuedAt: 1_700_000_001n }])
      expect(await verifyFetchRequest({ ...domain, request: { ...request, ...change } })).toBe(false)
    expect(await verifyFetchRequest({ chainId: 1, coordinator, request })).toBe(false)
    expect(await verifyFetchRequest({ chainId, coordinator: '0x0000000000000000000000000000000000000001', request })).toBe(false)
  })

  test('behavior: a malformed signature is false, not a throw', async () => {
    const request = await signFetchRequest({ ...domain, account: bob, viewId, round: 7n, audience: alice.address })
    expect(await verifyFetchRequest({ ...domain, request: { ...request, signature: '0xdead' } })).toBe(false)
  })
})
