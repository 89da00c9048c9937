/**
 * Round latency and bytes per round of whole peers (the built package) over the HTTP transport on a
 * local anvil, with sealed payloads (`encryption: 'hpke'`, the default) and without (`'none'`), for
 * n = 3 and 10 peers sharing a Patient-sized view (≈ 2.5 KB, the identity lens).
 *
 * For each n, two sets of n peers (same accounts, memory storage, their own HTTP servers, one shared
 * `chainRoster`) each share a view and join it (the snapshots sealed to each joiner); then rounds
 * alternate between the two sets so that load drifts hit both alike. A round: peer 0 `update`s the view
 * (one `replace` of a telecom value), then `settle` until every peer promoted it; every peer acks
 * directly. Latency is wall time from `update` to the end of `settle` (client, RPC and anvil's automine
 * included: the chain dominates). Bytes are every byte the n HTTP servers received or sent during the
 * round (the proposer's sealed payload fetched by n − 1 members, with requests and headers). The first
 * round of each set warms caches (keys, connections) and is not counted. Round latency on a shared
 * machine varies far more than encryption costs, so the transport's own time per round is also
 * measured alone (in process, no chain) and reported as a share of the unencrypted round latency.
 *
 * Usage: `node --import tsx bench/chain/rounds.ts [full|quick]` prints one JSON line.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { createPublicClient, createWalletClient, getAddress, http, type Address, type Hex, type LocalAccount } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import {
  chainRoster,
  createPeer,
  createTransportHub,
  deployCoordinator,
  generateSalt,
  httpTransportHandler,
  inProcessTransport,
  settle,
  type Peer,
  type ViewRoster,
} from 'lensync/coordinator'
import { id } from 'lensync/lens'
import { memoryStorage } from 'lensync/storage/memory'
import { makePatient, PATIENT_SEED } from '../data/index.js'
import { startAnvil } from '../../tools/anvil.js'

const MNEMONIC = 'test test test test test test test test test test test junk'

/** Figures of one peer count and mode. */
export interface RoundRow {
  readonly n: number
  readonly encryption: 'hpke' | 'none'
  readonly rounds: number
  readonly latencyMedianMs: number
  readonly latencyP10Ms: number
  readonly latencyP90Ms: number
  /** Mean bytes received and sent by all servers per round. */
  readonly bytesPerRound: number
  /**
   * Median milliseconds the transport spends on a round's critical path, measured alone (in process, no
   * chain): the proposer's `publish` (sign, seal for n − 1 members) plus one member's `fetch` (sign,
   * verify, open); members fetch in parallel.
   */
  readonly transportMs: number
}

/** The whole result. */
export interface RoundsResult {
  readonly rows: readonly RoundRow[]
  /**
   * Per n: median round latency sealed over unencrypted (noisy: the chain dominates), bytes sealed over
   * unencrypted, and encryption's added transport time as a share of the unencrypted round latency.
   */
  readonly overhead: readonly { readonly n: number; readonly latency: number; readonly bytes: number; readonly addedShare: number }[]
  readonly viewBytes: number
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!
}

/** A node:http server for a mounted transport handler, counting every byte of its sockets. */
async function countingServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const live = new Set<Socket>()
  let closed = 0
  const server: Server = createServer(handler)
  server.on('connection', (socket) => {
    live.add(socket)
    socket.on('close', () => {
      closed += socket.bytesRead + socket.bytesWritten
      live.delete(socket)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes: () => closed + [...live].reduce((sum, s) => sum + s.bytesRead + s.bytesWritten, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Median ms of `publish` by peer 0 plus `fetch` by peer 1, for n in-process peers per mode (see
 * {@link RoundRow.transportMs}); the modes alternate sample by sample, so that load hits both alike.
 */
async function transportTime(n: number, accounts: readonly LocalAccount[], coordinator: Address, patient: unknown, samples: number): Promise<Record<'hpke' | 'none', number>> {
  const viewId = generateSalt()
  const members = accounts.slice(0, n).map((a) => a.address)
  const roster: ViewRoster = {
    membersAt: async () => members,
    isMember: async ({ account }) => members.includes(getAddress(account)),
    openRound: async () => undefined,
    refresh: async () => undefined,
  }
  const modes = ['none', 'hpke'] as const
  const sets = modes.map((encryption) => {
    const hub = createTransportHub()
    return accounts.slice(0, n).map((account) => inProcessTransport(hub, { account, chainId: foundry.id, coordinator, roster, encryption, retainRounds: 2 }))
  })
  const times: Record<'hpke' | 'none', number[]> = { none: [], hpke: [] }
  try {
    for (let r = 1n; r <= BigInt(samples + 3); r++)
      for (const [i, mode] of modes.entries()) {
        const ts = sets[i]!
        const started = performance.now()
        await ts[0]!.publish({
          viewId,
          round: r,
          baseVersion: r - 1n,
          version: r,
          patch: [{ op: 'add', path: '', value: patient as never }],
          salt: generateSalt(),
          commitment: generateSalt(),
          proposer: accounts[0]!.address,
        })
        await ts[1]!.fetch({ viewId, round: r, from: accounts[0]!.address })
        if (r > 3n) times[mode].push(performance.now() - started)
      }
  } finally {
    await Promise.all(sets.flat().map((t) => t.close()))
  }
  return { none: quantile(times.none, 0.5), hpke: quantile(times.hpke, 0.5) }
}

async function main(): Promise<void> {
  const quick = process.argv[2] === 'quick'
  const ns = [3, 10]
  const rounds = quick ? 2 : 20
  const anvil = await startAnvil({ accounts: Math.max(...ns) })
  const cleanups: (() => Promise<void>)[] = []
  try {
    const transport = http(anvil.rpcUrl)
    const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 20, cacheTime: 0 })
    const accounts = Array.from({ length: Math.max(...ns) }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }))
    const wallets = accounts.map((account) => createWalletClient({ account, chain: foundry, transport, pollingInterval: 20 }))
    const { address: coordinator, receipt } = await deployCoordinator(wallets[0]!)
    const roster = chainRoster(publicClient, { coordinator, fromBlock: receipt.blockNumber })
    const patient = makePatient(PATIENT_SEED)
    const viewBytes = Buffer.byteLength(JSON.stringify(patient))

    /** n peers in one mode, the view shared and joined. */
    const world = async (n: number, encryption: 'hpke' | 'none') => {
      const urls = new Map<Address, string>()
      const servers: Awaited<ReturnType<typeof countingServer>>[] = []
      const peers: Peer[] = []
      for (let i = 0; i < n; i++) {
        const account = accounts[i]!
        const t = httpTransportHandler({ account, chainId: foundry.id, coordinator, roster, encryption, directory: (a) => urls.get(getAddress(a)), rateLimit: { rate: 1_000, burst: 1_000 } })
        const server = await countingServer((req, res) => void t.handleNode(req, res))
        urls.set(account.address, server.url)
        servers.push(server)
        cleanups.push(async () => {
          await t.close()
          await server.close()
        })
        peers.push(createPeer({ account, publicClient, walletClient: wallets[i]!, coordinator, storage: memoryStorage(), transport: t, fromBlock: receipt.blockNumber }))
      }
      await peers[0]!.putRecord('record', patient as never)
      const { viewId } = await peers[0]!.shareView({
        recordId: 'record',
        lens: id(),
        peers: accounts.slice(1, n).map((a) => ({ address: a.address, permissions: 3 })),
      })
      for (const peer of peers.slice(1)) await peer.joinView({ viewId, recordId: 'record' })
      let round = 0
      const latencies: number[] = []
      const bytes: number[] = []
      const bytesNow = () => servers.reduce((sum, s) => sum + s.bytes(), 0)
      return {
        async round(): Promise<void> {
          const value = `+31 20 555 ${String(1000 + round++).padStart(4, '0')}`
          const before = bytesNow()
          const started = performance.now()
          await peers[0]!.update(viewId as Hex, [{ op: 'replace', path: '/telecom/0/value', value }])
          await settle(peers)
          const elapsed = performance.now() - started
          if (round === 1) return // warm-up
          latencies.push(elapsed)
          bytes.push(bytesNow() - before)
        },
        row: (): Omit<RoundRow, 'transportMs'> => ({
          n,
          encryption,
          rounds: latencies.length,
          latencyMedianMs: quantile(latencies, 0.5),
          latencyP10Ms: quantile(latencies, 0.1),
          latencyP90Ms: quantile(latencies, 0.9),
          bytesPerRound: bytes.reduce((a, b) => a + b, 0) / bytes.length,
        }),
      }
    }

    const rows: RoundRow[] = []
    const overhead: { n: number; latency: number; bytes: number; addedShare: number }[] = []
    for (const n of ns) {
      const plain = await world(n, 'none')
      const sealed = await world(n, 'hpke')
      for (let i = 0; i <= rounds; i++) {
        await plain.round()
        await sealed.round()
      }
      const { none: plainMs, hpke: sealedMs } = await transportTime(n, accounts, coordinator, patient, quick ? 3 : 60)
      const [a, b] = [{ ...plain.row(), transportMs: plainMs }, { ...sealed.row(), transportMs: sealedMs }]
      rows.push(a, b)
      overhead.push({ n, latency: b.latencyMedianMs / a.latencyMedianMs, bytes: b.bytesPerRound / a.bytesPerRound, addedShare: (sealedMs - plainMs) / a.latencyMedianMs })
      process.stderr.write(`  rounds n=${n}: ${a.latencyMedianMs.toFixed(0)} ms → ${b.latencyMedianMs.toFixed(0)} ms sealed; transport ${plainMs.toFixed(1)} → ${sealedMs.toFixed(1)} ms\n`)
    }
    const result: RoundsResult = { rows, overhead, viewBytes }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    for (const cleanup of cleanups) await cleanup()
    await anvil.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
