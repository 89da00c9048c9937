/**
 * Decoded ViewCoordinator events: the audit log of every view.
 *
 * **Mental model**: each contract event (`ViewCreated`, `RoundLimitsChanged`, `ControlTransferStarted`,
 * `ControlTransferred`, `PeerPermissionsChanged`, `UpdateProposed`, `Acknowledged`, `AcksRecorded`,
 * `AckSignatureRejected`, `RoundCompleted`, `RoundAborted`, `PeersEvicted`) indexes `viewId` as its
 * first topic. A {@link CoordinatorLog} is a viem log with `eventName` and typed `args`, narrowed by
 * `eventName`; logs are always handed out in chain order (`blockNumber`, then `logIndex`).
 *
 * @since 0.1.0
 */
import { type Address, type Hex, type Log, type RpcLog, formatLog, parseEventLogs } from 'viem'
import { viewCoordinatorAbi } from './abi.js'

type AbiEvent = Extract<(typeof viewCoordinatorAbi)[number], { type: 'event' }>

/**
 * The name of a ViewCoordinator event that concerns a view (every event but OpenZeppelin's
 * `EIP712DomainChanged`).
 *
 * @category models
 * @since 0.1.0
 */
export type CoordinatorEventName = Exclude<AbiEvent['name'], 'EIP712DomainChanged'>

/**
 * A mined, decoded ViewCoordinator log; a union narrowed by `eventName`.
 *
 * @category models
 * @since 0.1.0
 */
export type CoordinatorLog<name extends CoordinatorEventName = CoordinatorEventName> = name extends CoordinatorEventName
  ? Log<bigint, number, false, undefined, true, typeof viewCoordinatorAbi, name>
  : never

/** The events {@link decodeCoordinatorLogs} keeps. @internal */
export const coordinatorEventNames: readonly CoordinatorEventName[] = [
  'ViewCreated',
  'RoundLimitsChanged',
  'ControlTransferStarted',
  'ControlTransferred',
  'PeerPermissionsChanged',
  'UpdateProposed',
  'Acknowledged',
  'AcksRecorded',
  'AckSignatureRejected',
  'RoundCompleted',
  'RoundAborted',
  'PeersEvicted',
]

/**
 * Decodes raw logs (RPC or viem-formatted) into {@link CoordinatorLog}s in chain order.
 *
 * **When to use**: on `eth_getLogs` results or receipt logs; the coordinator actions and the cursor use it.
 *
 * **Details**
 * - Logs of other contracts (when `address` is given), of other ABIs, pending logs and
 *   `EIP712DomainChanged` are dropped.
 * - The result is sorted by `blockNumber`, then `logIndex`.
 *
 * **Example**
 * ```ts
 * import type { Address, TransactionReceipt } from 'viem'
 * import { decodeCoordinatorLogs } from 'lensync/coordinator'
 *
 * declare const receipt: TransactionReceipt, address: Address // the receipt of a proposeUpdate
 * const events = decodeCoordinatorLogs(receipt.logs, { address })
 * console.log(events.map((e) => e.eventName))
 * // Output: ['UpdateProposed']
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export function decodeCoordinatorLogs(
  logs: readonly (Log | RpcLog)[],
  options: { readonly address?: Address | undefined } = {},
): CoordinatorLog[] {
  const address = options.address?.toLowerCase()
  const formatted = logs
    .map((log) => (typeof log.blockNumber === 'string' || typeof log.logIndex === 'string' ? formatLog(log as RpcLog) : (log as Log)))
    .filter((log) => log.blockNumber !== null && log.logIndex !== null && (!address || log.address.toLowerCase() === address))
  const decoded = parseEventLogs({ abi: viewCoordinatorAbi, logs: formatted, strict: true }) as unknown as (CoordinatorLog | { eventName: 'EIP712DomainChanged' })[]
  return (decoded.filter((log) => log.eventName !== 'EIP712DomainChanged') as CoordinatorLog[]).sort(compareLogs)
}

/** Chain order of two logs. @internal */
export function compareLogs(a: { blockNumber: bigint; logIndex: number }, b: { blockNumber: bigint; logIndex: number }): number {
  return a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1
}

/** The topic filter "any event of these views". @internal */
export function viewTopics(viewId: Hex | readonly Hex[] | undefined): (Hex | Hex[] | null)[] {
  if (viewId === undefined) return []
  return [null, typeof viewId === 'string' ? viewId : [...viewId]]
}
