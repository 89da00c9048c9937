/**
 * Membership at a round, read from a real chain's events: who may fetch a round and whom it is sealed
 * for follow the roster of that round, not the roster now; the roster costs no RPC per request.
 */
import { createPublicClient, getAddress, http, type Address, type Hex } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ack, chainRoster, httpTransport, proposeUpdate, removePeer, setPeer, signFetchRequest, TransportError, type HttpTransport, type SealedRoundPayload } from 'lensync/coordinator'
import { createPeerKey } from '../../../src/coordinator/transport/_internal/peerKey.js'
import { openPayload } from '../../../src/coordinator/transport/_internal/seal.js'
import { encodeFetchRequest } from '../../../src/coordinator/transport/_internal/wire.js'
import { type Fixture, label, READ, setupCoordinator } from '../actions/_fixture.js'
import { rawRequest } from './_rawHttp.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

let f: Fixture
let rpcCalls = 0
const transports: HttpTransport[] = []
beforeAll(async () => {
  f = await setupCoordinator({ accounts: 5 })
})
afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()))
  await f?.anvil.stop()
})

describe('chainRoster (integration)', () => {
  test('behavior: a round is served to, and sealed for, its members at that round only; the roster costs no RPC per request', async () => {
    const client = createPublicClient({ chain: foundry, transport: http(f.anvil.rpcUrl, { onFetchRequest: () => void rpcCalls++ }) })
    const minRefreshInterval = 500
    const roster = chainRoster(client, { coordinator: f.address, fromBlock: f.deployReceipt.blockNumber, minRefreshInterval })
    const urls = new Map<Address, string>()
    const [proposer, early, late, outsider] = f.accounts
    for (const account of [proposer!, early!, late!, outsider!]) {
      const t = await httpTransport({ account, chainId: foundry.id, coordinator: f.address, roster, directory: (a) => urls.get(getAddress(a)) })
      urls.set(account.address, t.url)
      transports.push(t)
    }
    const [tProposer, tEarly, tLate, tOutsider] = transports as [HttpTransport, HttpTransport, HttpTransport, HttpTransport]
    const { viewId, initial } = await f.freshView(2, 1) // proposer (controller, RW) and `early` (READ)
    const domain = { chainId: foundry.id, coordinator: f.address }

    let head = initial
    /** Publishes and completes round `round` (version = round), acked by `ackers`. */
    const round = async (n: bigint, ackers: number[]): Promise<SealedRoundPayload> => {
      const commitment = label(`commitment ${n}`)
      const sealed = await tProposer.publish({
        viewId,
        round: n,
        baseVersion: n - 1n,
        version: n,
        patch: [{ op: 'replace', path: '/valueQuantity/value', value: Number(`7.${n}`) }],
        salt: label(`salt ${n}`),
        commitment,
        proposer: proposer!.address,
      })
      await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: n - 1n, baseCommitment: head, newCommitment: commitment, ttl: 3600 })
      for (const i of ackers) await ack(f.wallet(i), { address: f.address, viewId, round: n, commitment })
      head = commitment
      return sealed
    }

    const first = await round(1n, [1])
    await setPeer(f.wallet(0), { address: f.address, viewId, peer: late!.address, permissions: READ })
    const second = await round(2n, [1, 2])
    await removePeer(f.wallet(0), { address: f.address, viewId, peer: early!.address })
    const third = await round(3n, [2])
    expect([first, second, third].map((s) => s.recipients.map((r) => r.account))).toEqual([[early!.address], [early!.address, late!.address], [late!.address]])

    // A member added later is a member now, but was not one at round 1: refused, and round 1 is not sealed for it.
    await expectLensyncErrorAsync(tLate.fetch({ viewId, round: 1n, from: proposer!.address }), TransportError, { code: 'Unauthorized', status: 403 })
    expect((await tLate.fetch({ viewId, round: 2n, from: proposer!.address })).round).toBe(2n)
    // A removed member keeps what it was a member for, and nothing after.
    expect((await tEarly.fetch({ viewId, round: 1n, from: proposer!.address })).patch).toEqual([{ op: 'replace', path: '/valueQuantity/value', value: 7.1 }])
    await expectLensyncErrorAsync(tEarly.fetch({ viewId, round: 3n, from: proposer!.address }), TransportError, { code: 'Unauthorized' })
    // Even holding the sealed payloads (a leaked archive, a relay), neither can open a round it was not a member of.
    const keyOf = async (i: number) => (await createPeerKey('test', domain, f.accounts[i]!, undefined)).pair
    await expectLensyncErrorAsync(openPayload(domain, third, early!.address, await keyOf(1)), TransportError, { code: 'NotRecipient' })
    await expectLensyncErrorAsync(openPayload(domain, first, late!.address, await keyOf(2)), TransportError, { code: 'NotRecipient' })
    const relabelled = { ...third, recipients: third.recipients.map((r) => ({ ...r, account: early!.address })) }
    await expectLensyncErrorAsync(openPayload(domain, relabelled, early!.address, await keyOf(1)), TransportError, { code: 'DecryptionFailed' })
    await expectLensyncErrorAsync(tOutsider.fetch({ viewId, round: 2n, from: proposer!.address }), TransportError, { code: 'Unauthorized' })

    // Requests that fail a cheaper check never reach the roster; an outsider's signed flood reads the chain at most once.
    const before = rpcCalls
    const anonymous = encodeFetchRequest({ ...(await signFetchRequest({ account: outsider!, ...domain, viewId, round: 2n, audience: proposer!.address })), signature: `0x${'11'.repeat(65)}` })
    for (let i = 0; i < 50; i++) expect((await rawRequest(tProposer.url, { method: 'POST', path: '/lensync/v1/fetch', headers: { 'content-type': 'application/json' }, body: anonymous })).status).toBe(401)
    expect(rpcCalls - before).toBe(0)
    const signed = await Promise.all(Array.from({ length: 50 }, () => signFetchRequest({ account: outsider!, ...domain, viewId, round: 2n, audience: proposer!.address })))
    const started = performance.now()
    const answers = await Promise.all(
      signed.map((r) => rawRequest(tProposer.url, { method: 'POST', path: '/lensync/v1/fetch', headers: { 'content-type': 'application/json' }, body: encodeFetchRequest(r) })),
    )
    expect(answers.every((a) => a.status === 403)).toBe(true)
    // At most one read (eth_blockNumber, and eth_getLogs when a block is new) per refresh interval, not one per request.
    const intervals = Math.ceil((performance.now() - started) / minRefreshInterval) + 1
    expect(rpcCalls - before).toBeLessThanOrEqual(Math.min(2 * intervals, 25))
  })

  test('behavior: openRound follows UpdateProposed until RoundCompleted', async () => {
    const roster = chainRoster(f.publicClient, { coordinator: f.address, fromBlock: f.deployReceipt.blockNumber })
    const { viewId, initial } = await f.freshView(2, 2)
    const commitment: Hex = label('open round')
    expect(await roster.openRound({ viewId, round: 1n })).toBeUndefined()
    await proposeUpdate(f.wallet(1), { address: f.address, viewId, baseVersion: 0n, baseCommitment: initial, newCommitment: commitment, ttl: 3600 })
    expect(await roster.openRound({ viewId, round: 1n })).toMatchObject({ round: 1n, proposer: f.accounts[1]!.address, version: 1n, commitment })
    await ack(f.wallet(0), { address: f.address, viewId, round: 1n, commitment })
    await roster.refresh()
    expect(await roster.openRound({ viewId, round: 1n })).toBeUndefined()
    expect(await roster.membersAt({ viewId, round: 1n })).toEqual([f.accounts[0]!.address, f.accounts[1]!.address])
    expect(await roster.membersAt({ viewId, round: 2n })).toEqual([f.accounts[0]!.address, f.accounts[1]!.address]) // not proposed yet: the members now
  })
})
