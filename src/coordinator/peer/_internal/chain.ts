/**
 * The coordinator calls the engine makes, bound to one peer's clients and contract: the only file of
 * the engine that imports the actions. @internal
 */
import { recoverTypedDataAddress, type Address, type Chain, type Hash, type Hex, type LocalAccount, type PublicClient, type TransactionReceipt, type Transport as ViemTransport, type WalletClient } from 'viem'
import type { EventCursor } from '../../../storage/StorageAdapter.js'
import { ack } from '../../chain/actions/ack.js'
import { ackWithSignatures } from '../../chain/actions/ackWithSignatures.js'
import { createEventCursor } from '../../chain/actions/createEventCursor.js'
import { cancelRound } from '../../chain/actions/cancelRound.js'
import { createView } from '../../chain/actions/createView.js'
import { expireRound } from '../../chain/actions/expireRound.js'
import { getView, type ViewState } from '../../chain/actions/getView.js'
import { peersOf } from '../../chain/actions/peersOf.js'
import { permissionsOf } from '../../chain/actions/permissionsOf.js'
import { proposeUpdate } from '../../chain/actions/proposeUpdate.js'
import { removePeer } from '../../chain/actions/removePeer.js'
import { setPeer } from '../../chain/actions/setPeer.js'
import { ackDomain, ackTypes, signAck } from '../../chain/actions/signAck.js'
import type { CoordinatorLog } from '../../chain/events.js'
import { getHistory, type ViewHistory } from '../../chain/history.js'

export type { ViewState }

/** The engine's view of the coordinator. @internal */
export interface ChainOps {
  getView(viewId: Hex): Promise<ViewState>
  permissionsOf(viewId: Hex, account: Address): Promise<number>
  peersOf(viewId: Hex): Promise<readonly { readonly address: Address; readonly permissions: number; readonly index: number }[]>
  createView(parameters: {
    viewId: Hex
    initialCommitment: Hex
    controller: Address
    peers: readonly { address: Address; permissions: number }[]
  }): Promise<{ hash: Hash; receipt: TransactionReceipt }>
  proposeUpdate(parameters: {
    viewId: Hex
    baseVersion: bigint
    baseCommitment: Hex
    newCommitment: Hex
    ttl: number
  }): Promise<{ hash: Hash; receipt: TransactionReceipt; round: bigint; version: bigint; deadline: number | bigint }>
  /** Adds a peer or changes its permissions (controller only). */
  setPeer(parameters: { viewId: Hex; peer: Address; permissions: number }): Promise<{ hash: Hash; receipt: TransactionReceipt }>
  /** Removes a peer (controller only). */
  removePeer(parameters: { viewId: Hex; peer: Address }): Promise<{ hash: Hash; receipt: TransactionReceipt }>
  /** Sends an ack without waiting for it to be mined (acks of many peers may land in one block). */
  ack(parameters: { viewId: Hex; round: bigint; commitment: Hex }): Promise<{ hash: Hash }>
  signAck(parameters: { viewId: Hex; round: bigint; version: bigint; commitment: Hex; deadline: number | bigint }): Promise<Hex>
  /** The signer of an EIP-712 `Ack` signature (`undefined` when malformed). */
  recoverAck(parameters: { viewId: Hex; round: bigint; version: bigint; commitment: Hex; deadline: number | bigint; signature: Hex }): Promise<Address | undefined>
  ackWithSignatures(parameters: {
    viewId: Hex
    round: bigint
    commitment: Hex
    signatures: readonly { peerIndex: number; signature: Hex }[]
  }): Promise<{ hash: Hash; receipt: TransactionReceipt }>
  /** Closes the open round now (its proposer or the view's controller). */
  cancelRound(viewId: Hex): Promise<{ hash: Hash }>
  /** Closes an open round past its deadline (anyone may). */
  expireRound(viewId: Hex): Promise<{ hash: Hash; receipt: TransactionReceipt }>
  /** The audit trail of a view, from `fromBlock`. */
  history(viewId: Hex, fromBlock: bigint): Promise<ViewHistory>
  /** The timestamp of the latest block (the contract's clock). */
  now(): Promise<bigint>
  /** An event cursor over the contract's logs (create once per peer: it remembers what it scanned). */
  cursor(
    cursor: {
      load: () => Promise<EventCursor | undefined>
      save: (cursor: EventCursor) => Promise<void>
      confirmations: number
      batchSize: bigint
      fromBlock: bigint
    },
  ): { poll(handler: (log: CoordinatorLog) => Promise<void>): Promise<number> }
}

/** Binds the actions to a peer's clients. @internal */
export function chainOps(parameters: {
  readonly account: LocalAccount
  readonly publicClient: PublicClient<ViemTransport, Chain>
  readonly walletClient: WalletClient<ViemTransport, Chain>
  readonly coordinator: Address
  readonly chainId: number
}): ChainOps {
  const { account, publicClient, walletClient, coordinator: address, chainId } = parameters
  return {
    getView: (viewId) => getView(publicClient, { address, viewId }),
    permissionsOf: (viewId, peer) => permissionsOf(publicClient, { address, viewId, account: peer }),
    peersOf: (viewId) => peersOf(publicClient, { address, viewId }),
    // The actions resolve with more than the engine reads (events, decoded results): a superset of each type.
    createView: (p) => createView(walletClient, { address, account, ...p }),
    proposeUpdate: (p) => proposeUpdate(walletClient, { address, account, ...p }),
    setPeer: (p) => setPeer(walletClient, { address, account, ...p }),
    removePeer: (p) => removePeer(walletClient, { address, account, ...p }),
    ack: (p) => ack(walletClient, { address, account, ...p, wait: false }),
    signAck: (p) => signAck(account, { address, chainId, ...p, deadline: Number(p.deadline) }),
    async recoverAck({ signature, ...message }) {
      try {
        return await recoverTypedDataAddress({
          domain: ackDomain({ address, chainId }),
          types: ackTypes,
          primaryType: 'Ack',
          message: { ...message, deadline: Number(message.deadline) },
          signature,
        })
      } catch {
        return undefined
      }
    },
    ackWithSignatures: (p) => ackWithSignatures(walletClient, { address, account, ...p }),
    cancelRound: (viewId) => cancelRound(walletClient, { address, account, viewId }),
    expireRound: (viewId) => expireRound(walletClient, { address, account, viewId }),
    history: (viewId, fromBlock) => getHistory(publicClient, { address, viewId, fromBlock }),
    async now() {
      return (await publicClient.getBlock({ blockTag: 'latest' })).timestamp
    },
    cursor: (cursor) => createEventCursor({ client: publicClient, address, ...cursor }),
  }
}
