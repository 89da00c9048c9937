/**
 * The behaviour every transport shares, run against each factory with real accounts and (for HTTP)
 * real loopback servers.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Address, LocalAccount } from 'viem'
import {
  isTransportError,
  payloadPatchHash,
  signRoundPayload,
  transportDomain,
  transportTypes,
  verifyRoundPayload,
  type RoundPayload,
  type SignedRoundPayload,
  type Transport,
  type TransportBaseConfig,
  TransportError,
} from 'lensync/coordinator'
import { createPeerKey } from '../../../src/coordinator/transport/_internal/peerKey.js'
import { sealPayload } from '../../../src/coordinator/transport/_internal/seal.js'
import { alice, bob, bytes32, carol, chainId, coordinator, mallory, membership, otherViewId, payload, viewId } from './_fixtures.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

/** Per-peer settings a test may override. */
export type PeerOptions = Partial<Omit<TransportBaseConfig, 'account'>>

/** What each transport's test file provides. */
export interface TransportHarness {
  /** Creates a peer reachable by the others under `account.address`. Defaults: fixtures' chain, coordinator and membership. */
  peer(account: LocalAccount, options?: PeerOptions): Promise<Transport>
  /** Makes `address` answer with `respond` instead of a real peer (a malicious or broken peer). */
  rogue(address: Address, respond: (body: string) => { status: number; body: string }): Promise<void>
  /** Closes everything the harness started. */
  dispose(): Promise<void>
}

/** The documented wire form of a signed payload. */
export function wire(p: SignedRoundPayload): Record<string, unknown> {
  return {
    viewId: p.viewId,
    round: p.round.toString(),
    baseVersion: p.baseVersion.toString(),
    version: p.version.toString(),
    patch: p.patch,
    salt: p.salt,
    commitment: p.commitment,
    proposer: p.proposer,
    signature: p.signature,
  }
}

const sign = (p: RoundPayload, account: LocalAccount = alice) => signRoundPayload({ account, chainId, coordinator, payload: p })
/** `p` sealed for bob, as a server would answer him (a rogue seals whatever it likes: bob's key is public). */
export async function sealedForBob(p: SignedRoundPayload): Promise<Record<string, unknown>> {
  const { pair } = await createPeerKey('test', { chainId, coordinator }, bob, undefined)
  return { ...(await sealPayload({ chainId, coordinator }, p, [{ account: bob.address, publicKey: pair.publicKey }], 'hpke')) }
}
const serve = async (p: SignedRoundPayload) => {
  const body = JSON.stringify({ payload: await sealedForBob(p) })
  return () => ({ status: 200, body })
}

export function shouldBehaveLikeTransport(name: string, makeHarness: () => TransportHarness): void {
  describe(`${name} (shared transport behaviour)`, () => {
    let h: TransportHarness
    beforeEach(() => {
      h = makeHarness()
    })
    afterEach(async () => {
      await h.dispose()
    })

    test('default: publish then fetch round-trips every field, bigints included', async () => {
      const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
      const published = await a.publish(payload())
      const fetched = await b.fetch({ viewId, round: 7n, from: alice.address })
      expect(fetched).toEqual(await sign(payload()))
      expect(published).toMatchObject({ scheme: 'hpke', viewId, round: '7', proposer: alice.address })
      expect(published.recipients.map((r) => r.account)).toEqual([bob.address])
      expect(fetched).toMatchObject({ round: 7n, baseVersion: 6n, version: 7n, proposer: alice.address })
      expect(fetched.patch).toEqual(payload().patch)
      expect(await verifyRoundPayload({ chainId, coordinator, payload: fetched })).toBe(true)
    })

    test('behavior: uint64 extremes survive the trip', async () => {
      const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
      const max = 2n ** 64n - 1n
      await a.publish(payload(max, { baseVersion: 0n, version: max }))
      const fetched = await b.fetch({ viewId, round: max, from: alice.address })
      expect(fetched.round).toBe(max)
      expect(fetched.baseVersion).toBe(0n)
      expect(fetched.version).toBe(max)
    })

    test('behavior: the fetched payload is a copy: later edits on either side do not travel', async () => {
      const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
      const p = payload()
      const mutablePatch = p.patch.map((op) => ({ ...op })) as { op: string; path: string; value?: unknown }[]
      await a.publish({ ...p, patch: mutablePatch as RoundPayload['patch'] })
      mutablePatch[1]!.value = '1999-12-31'
      const first = await b.fetch({ viewId, round: 7n, from: alice.address })
      expect(first.patch[1]).toEqual({ op: 'replace', path: '/birthDate', value: '1970-01-01' })
      const bobsCopy = first.patch as unknown as { value?: unknown }[]
      bobsCopy[1]!.value = 'changed by bob'
      const second = await b.fetch({ viewId, round: 7n, from: alice.address })
      expect(second.patch[1]).toEqual({ op: 'replace', path: '/birthDate', value: '1970-01-01' })
    })

    test('behavior: publish is idempotent; a different payload for the same round is a Conflict', async () => {
      const [a] = await Promise.all([h.peer(alice), h.peer(bob)])
      const once = await a.publish(payload())
      expect(await a.publish(payload())).toEqual(once)
      const error = await expectLensyncErrorAsync(a.publish(payload(7n, { salt: bytes32('another salt') })), TransportError)
      expect(error.code).toBe('Conflict')
    })

    test('behavior: withdraw frees a round number for another payload; members then get only the new one', async () => {
      const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
      await a.publish(payload())
      a.withdraw(viewId, 7n)
      a.withdraw(viewId, 8n)
      const other = payload(7n, { salt: bytes32('another salt') })
      await a.publish(other)
      expect((await b.fetch({ viewId, round: 7n, from: alice.address })).salt).toBe(other.salt)
    })

    test('error: publishing a payload that names another proposer is InvalidPayload at /proposer', async () => {
      const b = await h.peer(bob)
      const error = await expectLensyncErrorAsync(b.publish(payload()), TransportError)
      expect(error).toMatchObject({ code: 'InvalidPayload', pointer: '/proposer' })
    })

    test('error: a malformed payload is refused at publish with a pointer to the field', async () => {
      const a = await h.peer(alice)
      expect((await expectLensyncErrorAsync(a.publish(payload(7n, { salt: '0x1234' })), TransportError)).pointer).toBe('/salt')
      expect((await expectLensyncErrorAsync(a.publish(payload(7n, { round: -1n })), TransportError)).pointer).toBe('/round')
      expect((await expectLensyncErrorAsync(a.publish(payload(7n, { version: 2n ** 64n })), TransportError)).pointer).toBe('/version')
      const undefinedValue = [{ op: 'add', path: '/x', value: undefined }] as unknown as RoundPayload['patch']
      expect((await expectLensyncErrorAsync(a.publish(payload(7n, { patch: undefinedValue })), TransportError))).toMatchObject({ code: 'InvalidPayload', pointer: '/patch/0/value' })
      const bigintValue = [{ op: 'add', path: '/x', value: 1n }] as unknown as RoundPayload['patch']
      expect((await expectLensyncErrorAsync(a.publish(payload(7n, { patch: bigintValue })), TransportError))).toMatchObject({ code: 'InvalidPayload', pointer: '/patch' })
    })

    test('error: a payload whose patch was changed after signing is BadSignature', async () => {
      const b = await h.peer(bob)
      const signed = await sign(payload())
      const tampered = { ...signed, patch: [...signed.patch.slice(0, 1), { op: 'replace', path: '/birthDate', value: '1971-01-01' }, ...signed.patch.slice(2)] }
      await h.rogue(alice.address, await serve(tampered as SignedRoundPayload))
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'BadSignature', pointer: '/payload/signature', viewId, round: 7n })
    })

    test('error: a payload whose salt was changed after signing is BadSignature', async () => {
      const b = await h.peer(bob)
      const signed = await sign(payload())
      await h.rogue(alice.address, await serve({ ...signed, salt: bytes32('a guessed salt') }))
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('BadSignature')
    })

    test('error: a payload naming alice as proposer but signed by mallory is BadSignature', async () => {
      const b = await h.peer(bob)
      const p = payload()
      const signature = await mallory.signTypedData({
        domain: transportDomain({ chainId, coordinator }),
        types: transportTypes,
        primaryType: 'RoundPayload',
        message: { ...p, patchHash: payloadPatchHash(p.patch) },
      })
      const forged = { ...p, signature }
      expect(await verifyRoundPayload({ chainId, coordinator, payload: forged })).toBe(false)
      await h.rogue(alice.address, await serve(forged))
      const error = await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'BadSignature', pointer: '/payload/signature' })
      expect(error.metaMessages).toEqual([`proposer: ${alice.address}`, `recovered signer: ${mallory.address}`])
    })

    test('error: a validly signed payload of another proposer, round or view is InvalidPayload', async () => {
      const b = await h.peer(bob)
      await h.rogue(alice.address, await serve(await sign(payload(7n, { proposer: mallory.address }), mallory)))
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'InvalidPayload', pointer: '/payload/proposer' })
      await h.rogue(alice.address, await serve(await sign(payload(6n))))
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'InvalidPayload', pointer: '/payload/round' })
      await h.rogue(alice.address, await serve(await sign(payload(7n, { viewId: otherViewId }))))
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'InvalidPayload', pointer: '/payload/viewId' })
    })

    test('error: a sealed payload with a changed byte, or sealed for someone else, does not open', async () => {
      const b = await h.peer(bob)
      const sealed = (await sealedForBob(await sign(payload()))) as { ciphertext: string; recipients: { account: string }[] }
      const flipped = `${sealed.ciphertext.slice(0, 20)}${sealed.ciphertext[20] === 'A' ? 'B' : 'A'}${sealed.ciphertext.slice(21)}`
      await h.rogue(alice.address, () => ({ status: 200, body: JSON.stringify({ payload: { ...sealed, ciphertext: flipped } }) }))
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('DecryptionFailed')
      // bob's wrapped key relabelled for carol: carol cannot open it
      const c = await h.peer(carol)
      const relabelled = { ...sealed, recipients: sealed.recipients.map((r) => ({ ...r, account: carol.address })) }
      await h.rogue(alice.address, () => ({ status: 200, body: JSON.stringify({ payload: relabelled }) }))
      expect((await expectLensyncErrorAsync(c.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('DecryptionFailed')
    })

    test('error: a peer serving garbage is InvalidPayload, not a crash', async () => {
      const b = await h.peer(bob)
      await h.rogue(alice.address, () => ({ status: 200, body: '{"payload": {"viewId": 1' }))
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('InvalidPayload')
      const sealed = await sealedForBob(validlyShaped())
      await h.rogue(alice.address, () => ({ status: 200, body: JSON.stringify({ payload: { ...sealed, round: 7 } }) }))
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'InvalidPayload', pointer: '/payload/round' })
    })

    test('error: a non-member is refused (Unauthorized, 403) and receives no data', async () => {
      const [a, c, m] = await Promise.all([h.peer(alice), h.peer(carol), h.peer(mallory), h.peer(bob)])
      await a.publish(payload())
      const published = await sign(payload())
      for (const outsider of [c, m]) {
        const error = await expectLensyncErrorAsync(outsider.fetch({ viewId, round: 7n, from: alice.address }), TransportError)
        expect(error).toMatchObject({ code: 'Unauthorized', status: 403 })
        for (const secret of [published.salt, published.commitment, published.signature, '1970-01-01', 'Zoë'])
          expect(error.message).not.toContain(secret)
      }
    })

    test('behavior: membership is checked before existence, so a non-member cannot probe rounds', async () => {
      const [a, c] = await Promise.all([h.peer(alice), h.peer(carol), h.peer(bob)])
      await a.publish(payload())
      expect((await expectLensyncErrorAsync(c.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('Unauthorized')
      expect((await expectLensyncErrorAsync(c.fetch({ viewId, round: 8n, from: alice.address }), TransportError)).code).toBe('Unauthorized')
    })

    test('behavior: the roster is asked with the view, the round and the recovered requester', async () => {
      const { roster, calls } = membership()
      const a = await h.peer(alice, { roster })
      const b = await h.peer(bob)
      await a.publish(payload())
      await b.fetch({ viewId, round: 7n, from: alice.address })
      expect(calls).toEqual([{ viewId, round: 7n, account: bob.address }])
    })

    test('error: a fetch signature older than the freshness window, or ahead by more than the clock skew, is StaleRequest', async () => {
      const a = await h.peer(alice, { freshnessWindow: 30, clockSkew: 5 })
      await h.peer(bob).then((b) => a.publish(payload()).then(() => b.close()))
      const late = await h.peer(bob, { now: () => Date.now() - 32_000 })
      await expectLensyncErrorAsync(late.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'StaleRequest', status: 401 })
      await late.close()
      const early = await h.peer(bob, { now: () => Date.now() + 7_000 })
      expect((await expectLensyncErrorAsync(early.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('StaleRequest')
      await early.close()
      const skewed = await h.peer(bob, { now: () => Date.now() - 20_000 })
      expect((await skewed.fetch({ viewId, round: 7n, from: alice.address })).round).toBe(7n)
      await skewed.close()
      const ahead = await h.peer(bob, { now: () => Date.now() + 3_000 })
      expect((await ahead.fetch({ viewId, round: 7n, from: alice.address })).round).toBe(7n)
    })

    test('error: a request signed for another chain or coordinator is BadSignature', async () => {
      const a = await h.peer(alice)
      await h.peer(bob).then((b) => a.publish(payload()).then(() => b.close()))
      const otherChain = await h.peer(bob, { chainId: 1 })
      await expectLensyncErrorAsync(otherChain.fetch({ viewId, round: 7n, from: alice.address }), TransportError, { code: 'BadSignature', status: 401 })
      await otherChain.close()
      const otherContract = await h.peer(bob, { coordinator: '0x0000000000000000000000000000000000000001' })
      expect((await expectLensyncErrorAsync(otherContract.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('BadSignature')
    })

    test('error: an unknown round or view is NotFound (404)', async () => {
      const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
      await a.publish(payload())
      await expectLensyncErrorAsync(b.fetch({ viewId, round: 8n, from: alice.address }), TransportError, { code: 'NotFound', status: 404, round: 8n })
      const c = await h.peer(carol)
      expect((await expectLensyncErrorAsync(c.fetch({ viewId: otherViewId, round: 7n, from: alice.address }), TransportError)).code).toBe('NotFound')
    })

    test('error: a failing roster is ServerError and serves nothing', async () => {
      const { roster } = membership()
      const a = await h.peer(alice, { roster: { ...roster, isMember: async () => Promise.reject(new Error('rpc down')) } })
      const b = await h.peer(bob)
      await a.publish(payload())
      const error = await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError)
      expect(error).toMatchObject({ code: 'ServerError', status: 500 })
      expect(error.message).not.toContain('rpc down')
    })

    test('error: a peer nobody serves for is Unreachable', async () => {
      const b = await h.peer(bob)
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: carol.address }), TransportError)).code).toBe('Unreachable')
    })

    test('error: bad fetch arguments are InvalidPayload before anything is sent', async () => {
      const b = await h.peer(bob)
      expect((await expectLensyncErrorAsync(b.fetch({ viewId: '0x12', round: 7n, from: alice.address }), TransportError)).pointer).toBe('/viewId')
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: -1n, from: alice.address }), TransportError)).pointer).toBe('/round')
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: '0x1234' }), TransportError)).pointer).toBe('/from')
    })

    test('behavior: concurrent fetches of many rounds by several members all verify', async () => {
      const a = await h.peer(alice, { retainRounds: 32 })
      const members = await Promise.all([h.peer(bob), h.peer(carol)])
      const rounds = Array.from({ length: 12 }, (_, i) => BigInt(i + 1))
      await Promise.all(rounds.map((r) => a.publish(payload(r, { viewId: otherViewId }))))
      await a.publish(payload(100n))
      const results = await Promise.all(
        members.flatMap((m) => rounds.map((r) => m.fetch({ viewId: otherViewId, round: r, from: alice.address }).then((p) => ({ m, r, p })))),
      )
      expect(results).toHaveLength(24)
      for (const { r, p } of results) expect(p).toMatchObject({ round: r, salt: bytes32(`salt ${r}`), viewId: otherViewId })
      const [bobOk, carolRefused] = await Promise.allSettled([
        members[0]!.fetch({ viewId, round: 100n, from: alice.address }),
        members[1]!.fetch({ viewId, round: 100n, from: alice.address }),
      ])
      expect(bobOk.status).toBe('fulfilled')
      expect(carolRefused.status === 'rejected' && isTransportError(carolRefused.reason, 'Unauthorized')).toBe(true)
    })

    test('behavior: publishing beyond retainRounds evicts the oldest rounds of that view only', async () => {
      const a = await h.peer(alice, { retainRounds: 2 })
      const [b] = await Promise.all([h.peer(bob), h.peer(carol)])
      for (const r of [1n, 2n, 3n]) await a.publish(payload(r))
      await a.publish(payload(1n, { viewId: otherViewId }))
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 1n, from: alice.address }), TransportError)).code).toBe('NotFound')
      expect((await b.fetch({ viewId, round: 2n, from: alice.address })).round).toBe(2n)
      expect((await b.fetch({ viewId, round: 3n, from: alice.address })).round).toBe(3n)
    })

    test('behavior: setArchive serves rounds evicted from memory, signed by the peer; clearing it stops that', async () => {
      const a = await h.peer(alice, { retainRounds: 1 })
      const b = await h.peer(bob)
      for (const r of [1n, 2n]) await a.publish(payload(r))
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 1n, from: alice.address }), TransportError)).code).toBe('NotFound')
      const asked: bigint[] = []
      a.setArchive!(async ({ round }) => {
        asked.push(round)
        return round === 1n ? payload(1n) : undefined
      })
      const got = await b.fetch({ viewId, round: 1n, from: alice.address })
      expect(got).toMatchObject({ round: 1n, salt: payload(1n).salt, proposer: alice.address })
      expect(await verifyRoundPayload({ chainId, coordinator, payload: got, signer: alice.address })).toBe(true)
      expect((await b.fetch({ viewId, round: 2n, from: alice.address })).round).toBe(2n) // from memory: archive not asked
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 3n, from: alice.address }), TransportError)).code).toBe('NotFound')
      expect(asked).toEqual([1n, 3n])
      // Archived payloads do not evict what memory retains.
      expect((await b.fetch({ viewId, round: 2n, from: alice.address })).round).toBe(2n)
      a.setArchive!(undefined)
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 1n, from: alice.address }), TransportError)).code).toBe('NotFound')
    })

    test('error: the archive is asked only after the membership check; a wrong proposer, view or round is NotFound; a failing archive is ServerError', async () => {
      const a = await h.peer(alice)
      const m = await h.peer(mallory)
      const b = await h.peer(bob)
      let calls = 0
      a.setArchive!(async ({ round }) => {
        calls++
        if (round === 1n) return payload(1n, { proposer: bob.address })
        if (round === 2n) return payload(2n, { viewId: otherViewId })
        if (round === 3n) return payload(4n)
        throw new Error('disk gone')
      })
      expect((await expectLensyncErrorAsync(m.fetch({ viewId, round: 1n, from: alice.address }), TransportError)).code).toBe('Unauthorized')
      expect(calls).toBe(0)
      for (const round of [1n, 2n, 3n]) expect((await expectLensyncErrorAsync(b.fetch({ viewId, round, from: alice.address }), TransportError)).code).toBe('NotFound')
      const error = await expectLensyncErrorAsync(b.fetch({ viewId, round: 9n, from: alice.address }), TransportError)
      expect(error).toMatchObject({ code: 'ServerError', status: 500 })
      expect(error.message).not.toContain('disk gone')
    })

    test('behavior: close stops serving and fetching; it is idempotent', async () => {
      const [a, b] = await Promise.all([h.peer(alice), h.peer(bob)])
      await a.publish(payload())
      await a.close()
      await a.close()
      expect((await expectLensyncErrorAsync(b.fetch({ viewId, round: 7n, from: alice.address }), TransportError)).code).toBe('Unreachable')
      expect((await expectLensyncErrorAsync(a.publish(payload(8n)), TransportError)).code).toBe('Closed')
      expect((await expectLensyncErrorAsync(a.fetch({ viewId, round: 7n, from: bob.address }), TransportError)).code).toBe('Closed')
    })
  })
}

// A fixed, validly shaped payload for garbage tests (its signature is never checked: decoding fails first).
function validlyShaped(): SignedRoundPayload {
  return { ...payload(), signature: `0x${'11'.repeat(65)}` }
}
