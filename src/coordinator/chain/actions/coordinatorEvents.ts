import type { Address, BlockTag, GetBlockNumberErrorType, GetLogsErrorType, Hex, RpcLog } from 'viem'
import { getBlockNumber } from 'viem/actions'
import { getAction } from 'viem/utils'
import { CoordinatorParameterError, type CoordinatorParameterErrorType } from '../errors.js'
import { type CoordinatorLog, decodeCoordinatorLogs, viewTopics } from '../events.js'
import type { CoordinatorReadClient } from './_internal/write.js'

/**
 * Parameters of {@link coordinatorEvents}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface CoordinatorEventsParameters {
  /** The ViewCoordinator address. */
  readonly address: Address
  /** Only events of this view (or of these views). @defaultValue every view */
  readonly viewId?: Hex | readonly Hex[] | undefined
  /** First block, inclusive. */
  readonly fromBlock: bigint
  /** Last block, inclusive; `'latest'` reads the current block number first. */
  readonly toBlock: bigint | Extract<BlockTag, 'latest'>
  /** Blocks per `eth_getLogs` request (providers cap ranges). @defaultValue 1000n */
  readonly batchSize?: bigint | undefined
}

/** @category actions @since 0.1.0 */
export type CoordinatorEventsReturnType = CoordinatorLog[]

/** @category actions @since 0.1.0 */
export type CoordinatorEventsErrorType = CoordinatorParameterErrorType | GetBlockNumberErrorType | GetLogsErrorType

/** The default number of blocks per `eth_getLogs` request. @internal */
export const defaultBatchSize = 1000n

/**
 * Reads the decoded events of a coordinator (optionally of some views) over a block range, in chain order.
 *
 * - Contract function: none (events of every function)
 * - JSON-RPC Methods: `eth_getLogs` per `batchSize` blocks (never `eth_newFilter`: server-side filters die behind
 *   load balancers), `eth_blockNumber` for `toBlock: 'latest'`.
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link CoordinatorEventsParameters}
 * @returns The logs, sorted by block and log index. {@link CoordinatorEventsReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { coordinatorEvents } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex
 * const logs = await coordinatorEvents(publicClient, { address, viewId, fromBlock: 0n, toBlock: 'latest' })
 * console.log(logs.map((log) => log.eventName))
 * // Output: ['ViewCreated', 'PeerPermissionsChanged', 'PeerPermissionsChanged', 'UpdateProposed', …]
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function coordinatorEvents(client: CoordinatorReadClient, parameters: CoordinatorEventsParameters): Promise<CoordinatorEventsReturnType> {
  const { address, viewId, fromBlock, batchSize = defaultBatchSize } = parameters
  const toBlock =
    parameters.toBlock === 'latest' ? await getAction(client, getBlockNumber, 'getBlockNumber')({ cacheTime: 0 }) : parameters.toBlock
  const logs: CoordinatorLog[] = []
  for await (const batch of logBatches(client, { address, viewId, fromBlock, toBlock, batchSize })) logs.push(...batch.logs)
  return logs
}

/**
 * Yields the decoded logs of `[fromBlock, toBlock]` one `batchSize` range at a time, with the range's last block.
 *
 * @internal
 */
export async function* logBatches(
  client: CoordinatorReadClient,
  parameters: { address: Address; viewId?: Hex | readonly Hex[] | undefined; fromBlock: bigint; toBlock: bigint; batchSize: bigint },
): AsyncGenerator<{ readonly toBlock: bigint; readonly logs: CoordinatorLog[] }> {
  const { address, viewId, fromBlock, toBlock, batchSize } = parameters
  if (typeof batchSize !== 'bigint' || batchSize < 1n)
    throw new CoordinatorParameterError({ message: `batchSize must be a bigint of at least 1n, got ${String(batchSize)}.`, pointer: '/batchSize' })
  if (fromBlock < 0n) throw new CoordinatorParameterError({ message: `fromBlock must not be negative, got ${fromBlock}.`, pointer: '/fromBlock' })
  const topics = viewTopics(viewId)
  for (let from = fromBlock; from <= toBlock; from += batchSize) {
    const to = from + batchSize - 1n < toBlock ? from + batchSize - 1n : toBlock
    const raw = (await client.request({
      method: 'eth_getLogs',
      params: [{ address, topics, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` }],
    } as never)) as RpcLog[]
    yield { toBlock: to, logs: decodeCoordinatorLogs(raw, { address }) }
  }
}
