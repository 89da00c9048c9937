/**
 * The types every contract action shares: its client, the parameters every write and every read
 * takes, and what a write resolves to.
 *
 * @since 0.1.0
 */
import type { Account, Address, BlockNumber, BlockTag, Chain, Client, Hash, TransactionReceipt, Transport } from 'viem'
import type { CoordinatorLog } from '../events.js'

/**
 * A client that can sign and send: a viem WalletClient (or any client with wallet actions).
 *
 * @internal
 */
export type CoordinatorWalletClient = Client<Transport, Chain | undefined, Account | undefined>

/**
 * A client that can read: a viem PublicClient or WalletClient.
 *
 * @internal
 */
export type CoordinatorReadClient = Client<Transport, Chain | undefined, Account | undefined>

/**
 * Parameters every write action takes.
 *
 * @category actions
 * @since 0.1.0
 */
export interface WriteParameters<wait extends boolean = true> {
  /** The ViewCoordinator address. */
  readonly address: Address
  /** The sender; defaults to the client's `account`. */
  readonly account?: Account | Address | undefined
  /**
   * Wait for the receipt (and decode its events). With `false` the action resolves once the node has
   * accepted the transaction, with `{ hash }` only — to land several transactions in one block.
   * @defaultValue true
   */
  readonly wait?: wait | undefined
  /**
   * Gas limit. By default the estimate plus 25%: with `wait: false` several transactions of one round can
   * share a block in another order than they were estimated in (the last `ack` of a round costs more than
   * the others, as it completes the round).
   */
  readonly gas?: bigint | undefined
  /** Receipt polling interval in ms. @defaultValue the client's `pollingInterval` */
  readonly pollingInterval?: number | undefined
}

/**
 * What every write action resolves to: `{ hash }` with `wait: false`, otherwise the hash, the receipt,
 * the decoded coordinator events of the receipt and the action's own decoded results.
 *
 * @category actions
 * @since 0.1.0
 */
export type WriteReturnType<wait extends boolean, result extends object = object> = wait extends false
  ? { readonly hash: Hash }
  : { readonly hash: Hash; readonly receipt: TransactionReceipt; readonly events: readonly CoordinatorLog[] } & result

/**
 * Options every read action takes.
 *
 * @category actions
 * @since 0.1.0
 */
export interface ReadParameters {
  /** The ViewCoordinator address. */
  readonly address: Address
  /** Read at this block. @defaultValue latest */
  readonly blockNumber?: BlockNumber | undefined
  /** Read at this tag (ignored with `blockNumber`). @defaultValue 'latest' */
  readonly blockTag?: BlockTag | undefined
}
