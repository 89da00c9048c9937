import { describe, expect, test } from 'vitest'
import { hashTypedData, type Hex } from 'viem'
import {
  payloadPatchHash,
  type RoundPayload,
  signRoundPayload,
  transportDomain,
  TransportError,
  transportTypes,
  verifyRoundPayload,
} from 'lensync/coordinator'
import { alice, bytes32, chainId, coordinator, mallory, otherViewId, payload } from './_fixtures.js'
import {  } from './_shouldBehaveLikeTransport.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

const domain = { chainId, coordinator }

describe('payloadPatchHash', () => {
  test('default: keccak256 of the JSON text of the patch', () => {
    expect(payloadPatchHash([])).toBe('0x518674ab2b227e5f11e9084f615d57663cde47bce1ba168b4c19c7ee22a73d70')
  })

  test('behavior: any change to an op changes the hash', () => {
    const base = payload().patch
    const variants = [
      [{ op: 'replace', path: '/birthDate', value: '1970-01-02' }],
      [{ op: 'replace', path: '/birthdate', value: '1970-01-01' }],
      [{ op: 'add', path: '/birthDate', value: '1970-01-01' }],
      [{ op: 'replace', path: '/birthDate', value: '1970-01-01' }, { op: 'remove', path: '/x' }],
    ] as const
    const hashes = new Set([payloadPatchHash(base), ...variants.map((v) => payloadPatchHash(v))])
    expect(hashes.size).toBe(variants.length + 1)
  })

  test('error: a patch JSON cannot carry is InvalidPayload at /patch', () => {
    expect(() => payloadPatchHash([{ op: 'add', path: '/x', value: 1n }])).toThrowError(expect.objectContaining({ code: 'InvalidPayload', pointer: '/patch' }))
  })
})

describe('signRoundPayload / verifyRoundPayload', () => {
  test('default: a signed payload verifies, and the signature is EIP-712 RoundPayload over the lensync domain', async () => {
    const p = payload()
    const signed = await signRoundPayload({ ...domain, account: alice, payload: p })
    expect(signed).toEqual({ ...p, signature: expect.stringMatching(/^0x[0-9a-f]{130}$/) })
    expect(await verifyRoundPayload({ ...domain, payload: signed })).toBe(true)
    expect(await verifyRoundPayload({ ...domain, payload: signed, signer: alice.address })).toBe(true)
    // Independently recomputed struct: the documented type string and field order.
    const digest = hashTypedData({
      domain: { name: 'lensync', version: '1', chainId, verifyingContract: coordinator },
      types: {
        RoundPayload: [
          { name: 'viewId', type: 'bytes32' },
          { name: 'round', type: 'uint64' },
          { name: 'baseVersion', type: 'uint64' },
          { name: 'version', type: 'uint64' },
          { name: 'patchHash', type: 'bytes32' },
          { name: 'salt', type: 'bytes32' },
          { name: 'commitment', type: 'bytes32' },
          { name: 'proposer', type: 'address' },
        ],
      },
      primaryType: 'RoundPayload',
      message: { ...p, patchHash: payloadPatchHash(p.patch) },
    })
    expect(await alice.sign({ hash: digest })).toBe(signed.signature)
  })

  test('behavior: changing any signed field after signing makes it fail', async () => {
    const signed = await signRoundPayload({ ...domain, account: alice, payload: payload() })
    const tampered: Partial<RoundPayload>[] = [
      { viewId: otherViewId },
      { round: 8n },
      { baseVersion: 5n },
      { version: 8n },
      { patch: [] },
      { patch: [...signed.patch, { op: 'remove', path: '/gender' }] },
      { salt: bytes32('other salt') },
      { commitment: bytes32('other commitment') },
      { proposer: mallory.address },
    ]
    for (const change of tampered) expect(await verifyRoundPayload({ ...domain, payload: { ...signed, ...change } }), JSON.stringify(Object.keys(change))).toBe(false)
  })

  test('behavior: a signature for another chain or coordinator fails', async () => {
    const signed = await signRoundPayload({ ...domain, account: alice, payload: payload() })
    expect(await verifyRoundPayload({ chainId: 1, coordinator, payload: signed })).toBe(false)
    expect(await verifyRoundPayload({ chainId, coordinator: '0x0000000000000000000000000000000000000001', payload: signed })).toBe(false)
  })

  test('behavior: a required signer other than the proposer fails; a malformed signature is false, not a throw', async () => {
    const signed = await signRoundPayload({ ...domain, account: alice, payload: payload() })
    expect(await verifyRoundPayload({ ...domain, payload: signed, signer: mallory.address })).toBe(false)
    expect(await verifyRoundPayload({ ...domain, payload: { ...signed, signature: '0x1234' } })).toBe(false)
    expect(await verifyRoundPayload({ ...domain, payload: { ...signed, signature: `0x${'00'.repeat(65)}` as Hex } })).toBe(false)
  })

  test('behavior: the payload domain never yields a valid on-chain Ack digest', () => {
    const p = payload()
    const asPayload = hashTypedData({ domain: transportDomain(domain), types: transportTypes, primaryType: 'RoundPayload', message: { ...p, patchHash: payloadPatchHash(p.patch) } })
    const asAck = hashTypedData({
      domain: transportDomain(domain),
      types: { Ack: [{ name: 'viewId', type: 'bytes32' }, { name: 'round', type: 'uint64' }, { name: 'version', type: 'uint64' }, { name: 'commitment', type: 'bytes32' }, { name: 'deadline', type: 'uint40' }] },
      primaryType: 'Ack',
      message: { viewId: p.viewId, round: p.round, version: p.version, commitment: p.commitment, deadline: 0 },
    })
    expect(asPayload).not.toBe(asAck)
  })

  test('error: signing with an account other than the proposer is InvalidPayload at /proposer', async () => {
    const error = await expectLensyncErrorAsync(signRoundPayload({ ...domain, account: mallory, payload: payload() }), TransportError)
    expect(error).toMatchObject({ code: 'InvalidPayload', pointer: '/proposer', round: 7n })
  })
})
