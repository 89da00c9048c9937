/**
 * A persisted, at-least-once event poller over a ViewCoordinator.
 *
 * **Mental model**: the cursor is the `(blockNumber, logIndex)` of the last log a handler finished. Each
 * {@link EventPoller.poll} reads the chain from there to `latest − confirmations` with `eth_getLogs` in
 * `batchSize`-block ranges (never `eth_newFilter`), calls the handler for each newer log in chain order and
 * saves the cursor after each one.
 *
 * **Gotchas**
 * - At-least-once: a crash between a handler's effects and `save` replays that log on the next poll.
 *   Handlers must be idempotent by `(transactionHash, logIndex)` (`StorageAdapter.markEvent`).
 * - A handler that throws stops the poll; the cursor stays at the last handled log and the same log is
 *   handed out again next time.
 *
 * @since 0.1.0
 */
import type { Address, Hex } from 'viem'
import { getBlockNumber } from 'viem/actions'
import { getAction } from 'viem/utils'
import type { EventCursor } from '../../storage/StorageAdapter.js'
import type { CoordinatorReadClient } from './actions/_internal/write.js'
import { defaultBatchSize, logBatches } from './actions/coordinatorEvents.js'
import { CoordinatorParameterError, type CoordinatorParameterErrorType } from './errors.js'
import type { CoordinatorLog } from './events.js'

/**
 * Parameters of {@link createEventCursor}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface CreateEventCursorParameters {
  /** Client to read with (a PublicClient). */
  readonly client: CoordinatorReadClient
  /** The ViewCoordinator address. */
  readonly address: Address
  /** Loads the persisted cursor (`undefined` before the first handled log). */
  readonly load: () => Promise<EventCursor | undefined>
  /** Persists the cursor after a handled log. */
  readonly save: (cursor: EventCursor) => Promise<void>
  /** Blocks to stay behind the head (reorg safety). @defaultValue 0 */
  readonly confirmations?: number | undefined
  /** Blocks per `eth_getLogs` request. @defaultValue 1000n */
  readonly batchSize?: bigint | undefined
  /** Where to start without a saved cursor (the coordinator's deployment block). @defaultValue 0n */
  readonly fromBlock?: bigint | undefined
  /** Only events of this view or these views. @defaultValue every view */
  readonly viewId?: Hex | readonly Hex[] | undefined
}

/**
 * Handles one log; must be idempotent by `(transactionHash, logIndex)`.
 *
 * @category models
 * @since 0.1.0
 */
export type EventHandler = (log: CoordinatorLog) => Promise<void>

/**
 * A poller made by {@link createEventCursor}.
 *
 * @category models
 * @since 0.1.0
 */
export interface EventPoller {
  /**
   * Hands every log after the cursor up to `latest − confirmations` to `handler`, in chain order, saving
   * the cursor after each. Concurrent calls run one after the other.
   *
   * Rejects with the error of `handler`, `load` or `save` as thrown, or with viem's error of the
   * `eth_blockNumber` / `eth_getLogs` request (as `CoordinatorEventsErrorType`).
   *
   * @returns The number of logs handled.
   */
  poll(handler: EventHandler): Promise<number>
}

/** @category actions @since 0.1.0 */
export type CreateEventCursorReturnType = EventPoller

/** @category actions @since 0.1.0 */
export type CreateEventCursorErrorType = CoordinatorParameterErrorType

/**
 * Creates an at-least-once event poller over a coordinator, resuming from a persisted cursor.
 *
 * - Contract function: none (events of every function)
 * - JSON-RPC Methods: `eth_blockNumber` (uncached) per poll, `eth_getLogs` per `batchSize` blocks.
 *
 * **When to use**: a peer's event loop: persist the cursor with `StorageAdapter.setCursor` and call
 * `poll` on a timer or after each own transaction.
 *
 * **Details**
 * - Reads from the saved cursor's block (inclusive; logs at or before the cursor are skipped) or from
 *   `fromBlock`, up to `latest − confirmations`; nothing when that is before the start.
 * - Blocks scanned without logs are remembered in memory only, so a restarted poller rescans from its
 *   last handled log (at-least-once, never at-most-once).
 * - `confirmations` must be a non-negative integer and `batchSize` at least `1n`
 *   ({@link CoordinatorParameterError}, raised here).
 *
 * @param parameters - {@link CreateEventCursorParameters}
 * @returns `{ poll(handler) }`. {@link CreateEventCursorReturnType}
 *
 * @example
 * ```ts
 * import type { Address, PublicClient } from 'viem'
 * import type { StorageAdapter } from 'lensync'
 * import { createEventCursor } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, storage: StorageAdapter
 * const events = createEventCursor({
 *   client: publicClient,
 *   address,
 *   load: () => storage.getCursor('coordinator'),
 *   save: (cursor) => storage.setCursor('coordinator', cursor),
 *   confirmations: 2,
 * })
 * const handled = await events.poll(async (log) => console.log(log.eventName))
 * // Output: UpdateProposed
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export function createEventCursor(parameters: CreateEventCursorParameters): CreateEventCursorReturnType {
  const { client, address, load, save, viewId, confirmations = 0, batchSize = defaultBatchSize, fromBlock = 0n } = parameters
  if (!Number.isInteger(confirmations) || confirmations < 0)
    throw new CoordinatorParameterError({ message: `createEventCursor: confirmations must be a non-negative integer, got ${confirmations}.`, pointer: '/confirmations' })
  if (typeof batchSize !== 'bigint' || batchSize < 1n)
    throw new CoordinatorParameterError({ message: `createEventCursor: batchSize must be a bigint of at least 1n, got ${String(batchSize)}.`, pointer: '/batchSize' })
  if (typeof fromBlock !== 'bigint' || fromBlock < 0n)
    throw new CoordinatorParameterError({ message: `createEventCursor: fromBlock must be a non-negative bigint, got ${String(fromBlock)}.`, pointer: '/fromBlock' })

  /** The last block this process scanned completely, valid while the stored cursor is still `cursor`. */
  let memo: { readonly cursor: EventCursor | undefined; readonly scannedTo: bigint } | undefined
  let queue: Promise<unknown> = Promise.resolve()

  async function run(handler: EventHandler): Promise<number> {
    const latest = await getAction(client, getBlockNumber, 'getBlockNumber')({ cacheTime: 0 })
    const toBlock = latest - BigInt(confirmations)
    const cursor = await load()
    let start = cursor ? cursor.blockNumber : fromBlock
    // Skip blocks already scanned in this process, unless someone moved the stored cursor meanwhile.
    if (memo && sameCursor(memo.cursor, cursor) && memo.scannedTo >= start) start = memo.scannedTo + 1n
    if (toBlock < start) return 0
    let handled = 0
    let last = cursor
    for await (const batch of logBatches(client, { address, viewId, fromBlock: start, toBlock, batchSize })) {
      for (const log of batch.logs) {
        if (cursor && (log.blockNumber < cursor.blockNumber || (log.blockNumber === cursor.blockNumber && log.logIndex <= cursor.logIndex)))
          continue
        await handler(log)
        last = { blockNumber: log.blockNumber, logIndex: log.logIndex }
        await save(last)
        handled++
      }
      memo = { cursor: last, scannedTo: batch.toBlock }
    }
    return handled
  }

  return {
    poll(handler) {
      const result = queue.then(() => run(handler))
      queue = result.catch(() => undefined)
      return result
    },
  }
}

function sameCursor(a: EventCursor | undefined, b: EventCursor | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.blockNumber === b.blockNumber && a.logIndex === b.logIndex)
}
