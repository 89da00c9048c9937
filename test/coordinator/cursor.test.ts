import { type Chain, type PublicClient, type Transport, createPublicClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ack, coordinatorEvents, CoordinatorParameterError, createEventCursor, proposeUpdate } from 'lensync/coordinator'
import type { CoordinatorLog } from 'lensync/coordinator'
import type { EventCursor } from 'lensync/storage/StorageAdapter'
import { type Fixture, label, setupCoordinator } from './actions/_fixture.js'

let f: Fixture
let all: CoordinatorLog[]
let head: bigint
const methods: string[] = []
let counted: PublicClient<Transport, Chain>

beforeAll(async () => {
  f = await setupCoordinator({ accounts: 4 })
  // Observe the real node: a transport that records every JSON-RPC method it forwards.
  const inner = http(f.anvil.rpcUrl)
  const recording: Transport = (config) => {
    const transport = inner(config)
    return { ...transport, request: (async (args: { method: string }) => { methods.push(args.method); return transport.request(args as never) }) as typeof transport.request }
  }
  counted = createPublicClient({ chain: foundry, transport: recording, pollingInterval: 50 })
  // Two views, a round on each: events spread over ~10 blocks.
  for (let v = 0; v < 2; v++) {
    const { viewId } = await f.freshView(3, 1)
    await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 600 })
    await ack(f.wallet(1), { address: f.address, viewId, round: 1n, commitment: label('c1') })
    await ack(f.wallet(2), { address: f.address, viewId, round: 1n, commitment: label('c1') })
  }
  head = await f.publicClient.getBlockNumber({ cacheTime: 0 })
  all = await coordinatorEvents(f.publicClient, { address: f.address, fromBlock: 0n, toBlock: head })
})
afterAll(async () => {
  await f?.anvil.stop()
})

function store(initial?: EventCursor) {
  let cursor = initial
  const saved: EventCursor[] = []
  return {
    load: async () => cursor,
    save: async (c: EventCursor) => { cursor = c; saved.push(c) },
    get cursor() { return cursor },
    saved,
  }
}
const key = (log: CoordinatorLog) => `${log.blockNumber}:${log.logIndex}`

describe('coordinatorEvents', () => {
  test('default: every event of the coordinator, in chain order', () => {
    // per view: ViewCreated + RoundLimitsChanged + 3 PeerPermissionsChanged + UpdateProposed + 2 Acknowledged + RoundCompleted
    expect(all).toHaveLength(18)
    const sorted = [...all].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1))
    expect(all).toEqual(sorted)
  })
  test('behavior: viewId filters by topic; batchSize splits eth_getLogs calls', async () => {
    const viewId = all[0]!.args.viewId
    methods.length = 0
    const only = await coordinatorEvents(counted, { address: f.address, viewId, fromBlock: 0n, toBlock: head, batchSize: 3n })
    expect(only).toEqual(all.filter((log) => log.args.viewId === viewId))
    expect(methods.filter((m) => m === 'eth_getLogs')).toHaveLength(Number((head + 1n + 2n) / 3n))
  })
})

describe('createEventCursor', () => {
  test('default: hands out every log once in order, saves after each, never uses filters', async () => {
    for (const batchSize of [1n, 2n, 3n, 5n, 1000n]) {
      methods.length = 0
      const s = store()
      const seen: CoordinatorLog[] = []
      const events = createEventCursor({ client: counted, address: f.address, load: s.load, save: s.save, batchSize })
      expect(await events.poll(async (log) => { seen.push(log) })).toBe(18)
      expect(seen.map(key)).toEqual(all.map(key))
      expect(s.saved).toEqual(all.map((log) => ({ blockNumber: log.blockNumber, logIndex: log.logIndex })))
      expect(methods.filter((m) => m === 'eth_getLogs')).toHaveLength(Number((head + batchSize) / batchSize))
      expect(methods.some((m) => /filter/i.test(m))).toBe(false)
      expect(methods[0]).toBe('eth_blockNumber')
      // Nothing new: the next poll hands out nothing and scans no old block again.
      methods.length = 0
      expect(await events.poll(async (log) => { seen.push(log) })).toBe(0)
      expect(methods.filter((m) => m === 'eth_getLogs')).toHaveLength(0)
    }
  })

  test('behavior: resumes from a saved cursor (a new poller on the same store)', async () => {
    const s = store()
    const first: CoordinatorLog[] = []
    let n = 0
    await createEventCursor({ client: f.publicClient, address: f.address, load: s.load, save: s.save, batchSize: 2n })
      .poll(async (log) => { if (n++ === 7) throw new Error('crash'); first.push(log) })
      .catch(() => undefined)
    expect(first.map(key)).toEqual(all.slice(0, 7).map(key))
    expect(s.cursor).toEqual({ blockNumber: all[6]!.blockNumber, logIndex: all[6]!.logIndex })
    const rest: CoordinatorLog[] = []
    expect(await createEventCursor({ client: f.publicClient, address: f.address, load: s.load, save: s.save, batchSize: 2n }).poll(async (log) => { rest.push(log) })).toBe(11)
    expect(rest.map(key)).toEqual(all.slice(7).map(key))
  })

  test('behavior: at-least-once: a log whose handler failed, or whose save did not happen, is handed out again', async () => {
    const s = store()
    let fail = true
    const seen: string[] = []
    const events = createEventCursor({ client: f.publicClient, address: f.address, load: s.load, save: s.save })
    await expect(events.poll(async (log) => { if (fail && seen.length === 3) throw new Error('boom'); seen.push(key(log)) })).rejects.toThrow('boom')
    fail = false
    await events.poll(async (log) => { seen.push(key(log)) })
    expect(seen).toEqual(all.map(key))
    // A crash between the handler and save: the same store reloaded at an older cursor replays from there.
    const replay = store({ blockNumber: all[9]!.blockNumber, logIndex: all[9]!.logIndex })
    const again: string[] = []
    await createEventCursor({ client: f.publicClient, address: f.address, load: replay.load, save: replay.save }).poll(async (log) => { again.push(key(log)) })
    expect(again).toEqual(all.slice(10).map(key))
  })

  test('behavior: confirmations hold back the newest blocks', async () => {
    const lastBlock = all.at(-1)!.blockNumber
    const confirmations = Number(head - lastBlock) + 2
    const s = store()
    const seen: CoordinatorLog[] = []
    const events = createEventCursor({ client: f.publicClient, address: f.address, load: s.load, save: s.save, confirmations })
    await events.poll(async (log) => { seen.push(log) })
    const visible = all.filter((log) => log.blockNumber <= head - BigInt(confirmations))
    expect(visible.length).toBeLessThan(all.length)
    expect(seen.map(key)).toEqual(visible.map(key))
    await f.testClient.mine({ blocks: confirmations })
    await events.poll(async (log) => { seen.push(log) })
    expect(seen.map(key)).toEqual(all.map(key))
  })

  test('behavior: fromBlock and viewId narrow what is read', async () => {
    const viewId = all.at(-1)!.args.viewId
    const fromBlock = all.find((log) => log.args.viewId === viewId)!.blockNumber
    const s = store()
    const seen: CoordinatorLog[] = []
    await createEventCursor({ client: f.publicClient, address: f.address, load: s.load, save: s.save, fromBlock, viewId }).poll(async (log) => { seen.push(log) })
    expect(seen.map(key)).toEqual(all.filter((log) => log.args.viewId === viewId).map(key))
  })

  test('error: bad settings are refused when the poller is built', () => {
    const s = store()
    for (const [options, pointer] of [[{ batchSize: 0n }, '/batchSize'], [{ confirmations: -1 }, '/confirmations'], [{ fromBlock: -1n }, '/fromBlock']] as const) {
      let error: unknown
      try { createEventCursor({ client: f.publicClient, address: f.address, load: s.load, save: s.save, ...options }) } catch (e) { error = e }
      expect(error).toBeInstanceOf(CoordinatorParameterError)
      expect((error as CoordinatorParameterError).pointer).toBe(pointer)
    }
  })
})
