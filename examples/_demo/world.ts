/**
 * The demo's world: a chain (an embedded anvil, or an existing RPC endpoint), the deployed
 * ViewCoordinator, and three peers, each with its own account, its own PGlite database and an
 * in-process payload transport. Everything it starts, `close()` stops.
 *
 * @since 0.1.0
 */
import {
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type LocalAccount,
  type PublicClient,
  type Transport as ViemTransport,
  type WalletClient,
} from 'viem'
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import {
  chainRoster,
  createPeer,
  createTransportHub,
  deployCoordinator,
  inProcessTransport,
  type Peer,
  type PeerLogEntry,
  type Transport as PayloadTransport,
} from 'lensync/coordinator'
import { pgliteStorage, type StorageAdapter } from 'lensync/storage/pglite'
import { type Anvil, startAnvil } from '../../tools/anvil.js'

/** anvil's well-known development mnemonic (its accounts are funded on every anvil). */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'

/** The three roles of the demo, in the order of `--private-keys`. */
export const ROLES = ['patient', 'doctor', 'researcher'] as const
export type Role = (typeof ROLES)[number]

/** Where the demo runs. */
export interface DemoOptions {
  /** An existing JSON-RPC endpoint; absent: an embedded anvil. */
  readonly rpcUrl?: string | undefined
  /** Private keys of patient, doctor and researcher (required with `rpcUrl`). */
  readonly privateKeys?: readonly `0x${string}`[] | undefined
  /** Seconds peers have to ack a round (the TTL of every proposal). */
  readonly ttl: number
  /** Called with every peer log entry (live narration). */
  readonly onLog: (role: Role, entry: PeerLogEntry) => void
}

/** One participant: its engine, account, database and transport. */
export interface Participant {
  readonly role: Role
  readonly peer: Peer
  readonly account: LocalAccount
  readonly walletClient: WalletClient<ViemTransport, Chain>
  readonly storage: StorageAdapter
  readonly transport: PayloadTransport
}

/** A running demo world. */
export interface World {
  /** `'anvil'` (embedded, test methods available) or `'rpc'` (an existing chain). */
  readonly mode: 'anvil' | 'rpc'
  readonly chain: Chain
  readonly rpcUrl: string
  readonly publicClient: PublicClient<ViemTransport, Chain>
  /** anvil's test actions (`increaseTime`, `mine`); only in `'anvil'` mode. */
  readonly testClient: ReturnType<typeof createTestClient> | undefined
  readonly coordinator: Address
  readonly deployBlock: bigint
  readonly deployGas: bigint
  readonly participants: Record<Role, Participant>
  /** Stops transports, closes databases, stops anvil (idempotent, never throws). */
  close(): Promise<void>
}

/**
 * Starts the chain (or connects to it), deploys the coordinator from the patient's account, opens a
 * PGlite database per peer and creates the three peers.
 */
export async function startWorld(options: DemoOptions): Promise<World> {
  const cleanups: (() => Promise<void>)[] = []
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
  }
  try {
    let anvil: Anvil | undefined
    let rpcUrl: string
    let chain: Chain
    let accounts: LocalAccount[]
    if (options.rpcUrl === undefined) {
      anvil = await startAnvil({ accounts: ROLES.length })
      cleanups.push(() => anvil!.stop())
      rpcUrl = anvil.rpcUrl
      chain = foundry
      accounts = ROLES.map((_, i) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }))
    } else {
      rpcUrl = options.rpcUrl
      const keys = options.privateKeys ?? []
      if (keys.length !== ROLES.length)
        throw new Error(`--private-keys needs ${ROLES.length} comma-separated keys (patient, doctor, researcher), got ${keys.length}.`)
      const id = await createPublicClient({ transport: http(rpcUrl) }).getChainId()
      chain = id === foundry.id ? foundry : defineChain({ id, name: `chain ${id}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } })
      accounts = keys.map((key) => privateKeyToAccount(key))
    }
    const pollingInterval = anvil !== undefined ? 50 : 1000
    const transport = http(rpcUrl)
    const publicClient = createPublicClient({ chain, transport, pollingInterval, cacheTime: 0 }) as PublicClient<ViemTransport, Chain>
    const wallets = accounts.map((account) => createWalletClient({ account, chain, transport, pollingInterval }))
    const { address: coordinator, receipt } = await deployCoordinator(wallets[0]!)

    // Each peer has its own database (in memory here; give pgliteStorage a dataDir to keep it).
    const storages = await Promise.all(
      ROLES.map(async () => {
        const storage = pgliteStorage()
        cleanups.push(() => storage.close())
        await storage.getCursor('open') // opens the database now, not in the middle of the story
        return storage
      }),
    )
    const hub = createTransportHub()
    const roster = chainRoster(publicClient, { coordinator, fromBlock: receipt.blockNumber })
    const participants = {} as Record<Role, Participant>
    ROLES.forEach((role, i) => {
      const account = accounts[i]!
      const payloads = inProcessTransport(hub, { account, chainId: chain.id, coordinator, roster })
      cleanups.push(() => payloads.close())
      const peer = createPeer({
        account,
        publicClient,
        walletClient: wallets[i]!,
        coordinator,
        storage: storages[i]!,
        transport: payloads,
        ttl: options.ttl,
        fromBlock: receipt.blockNumber,
        onLog: (entry) => options.onLog(role, entry),
      })
      participants[role] = { role, peer, account, walletClient: wallets[i]!, storage: storages[i]!, transport: payloads }
    })
    return {
      mode: anvil !== undefined ? 'anvil' : 'rpc',
      chain,
      rpcUrl,
      publicClient,
      testClient: anvil !== undefined ? createTestClient({ chain, mode: 'anvil', transport }) : undefined,
      coordinator,
      deployBlock: receipt.blockNumber,
      deployGas: receipt.gasUsed,
      participants,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
