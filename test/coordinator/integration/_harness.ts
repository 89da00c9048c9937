/**
 * Shared setup of the peer integration tests: an anvil, the deployed coordinator, and peers with real
 * storage and a real transport.
 */
import { type Address, type Chain, createPublicClient, createTestClient, createWalletClient, http, type PublicClient, type Transport } from 'viem'
import { type HDAccount, mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import {
  type AckChannel,
  chainRoster,
  createPeer,
  createTransportHub,
  deployCoordinator,
  inProcessAckChannel,
  inProcessTransport,
  type TransportHub,
  type ViewRoster,
} from 'lensync/coordinator'
import type { CreatePeerParameters, Peer, Transport as PayloadTransport } from 'lensync/coordinator'
import { memoryStorage } from 'lensync/storage/memory'
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import { READ, WRITE } from 'lensync/coordinator'
import { type Anvil, startAnvil } from '../../../tools/anvil.js'

const MNEMONIC = 'test test test test test test test test test test test junk'

export interface World {
  readonly anvil: Anvil
  readonly publicClient: PublicClient<Transport, Chain>
  readonly testClient: ReturnType<typeof createTestClient>
  readonly coordinator: Address
  readonly accounts: readonly HDAccount[]
  readonly hub: TransportHub
  readonly ackHub: TransportHub
  readonly deployBlock: bigint
  /** The roster every transport and ack channel of this process reads (rebuilt from the chain's events). */
  readonly roster: ViewRoster
  /** New hubs for the next peers (a fresh "network": the same accounts can listen again). */
  freshHubs(): void
  /** Creates a peer for account `i` (memory storage unless given; in-process transport unless given). */
  peer(i: number, options?: PeerOptions): PeerHandle
  stop(): Promise<void>
}

export interface PeerOptions {
  readonly storage?: StorageAdapter | undefined
  readonly transport?: PayloadTransport | undefined
  readonly ackChannel?: AckChannel | undefined
  readonly ackMode?: 'direct' | 'relay' | undefined
  readonly ttl?: number | undefined
  /** `retainRounds` of the in-process transport made for the peer. */
  readonly retainRounds?: number | undefined
  readonly onLog?: CreatePeerParameters['onLog']
  readonly retry?: CreatePeerParameters['retry']
  /** The engine's fault-injection hook (tests of crashes at await points). */
  readonly faults?: CreatePeerParameters['faults']
  readonly confirmations?: number | undefined
}

export interface PeerHandle {
  readonly peer: Peer
  readonly account: HDAccount
  readonly storage: StorageAdapter
  readonly transport: PayloadTransport
  readonly ackChannel: AckChannel
  /** Closes transport and ack channel (not the storage). */
  close(): Promise<void>
}

export async function startWorld(accounts = 5): Promise<World> {
  const anvil = await startAnvil({ accounts })
  const transport = http(anvil.rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50 }) as PublicClient<Transport, Chain>
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const all = Array.from({ length: accounts }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }))
  const deployer = createWalletClient({ account: all[0]!, chain: foundry, transport, pollingInterval: 50 })
  const { address: coordinator, receipt } = await deployCoordinator(deployer)
  let hub = createTransportHub()
  let ackHub = createTransportHub()
  const roster = chainRoster(publicClient, { coordinator, fromBlock: receipt.blockNumber })
  return {
    roster,
    anvil,
    publicClient,
    testClient,
    coordinator,
    accounts: all,
    get hub() {
      return hub
    },
    get ackHub() {
      return ackHub
    },
    deployBlock: receipt.blockNumber,
    freshHubs() {
      hub = createTransportHub()
      ackHub = createTransportHub()
    },
    peer(i, options = {}) {
      const account = all[i]!
      const walletClient = createWalletClient({ account, chain: foundry, transport, pollingInterval: 50 })
      const storage = options.storage ?? memoryStorage()
      const payloads =
        options.transport ??
        inProcessTransport(hub, {
          account,
          chainId: foundry.id,
          coordinator,
          roster,
          retainRounds: options.retainRounds,
        })
      const ackChannel = options.ackChannel ?? inProcessAckChannel(ackHub, { address: account.address, chainId: foundry.id, coordinator, roster })
      const peer = createPeer({
        account,
        publicClient,
        walletClient,
        coordinator,
        storage,
        transport: payloads,
        ackMode: options.ackMode,
        ackChannel,
        ttl: options.ttl,
        fromBlock: receipt.blockNumber,
        onLog: options.onLog,
        retry: options.retry,
        faults: options.faults,
        confirmations: options.confirmations,
      })
      return {
        peer,
        account,
        storage,
        transport: payloads,
        ackChannel,
        async close() {
          await payloads.close()
          await ackChannel.close()
        },
      }
    },
    stop: () => anvil.stop(),
  }
}

export { READ, WRITE }
export const READ_WRITE = READ | WRITE
