/**
 * The audit trail of one view, rebuilt from the coordinator's events alone.
 *
 * @since 0.1.0
 */
import type { Address, GetBlockErrorType, Hash, Hex } from 'viem'
import { getBlock, getBlockNumber } from 'viem/actions'
import { getAction } from 'viem/utils'
import type { CoordinatorReadClient } from './actions/_internal/write.js'
import { type CoordinatorEventsErrorType, coordinatorEvents } from './actions/coordinatorEvents.js'
import type { ViewPeer } from './actions/peersOf.js'
import type { CoordinatorLog } from './events.js'

/** `RoundAborted.reason` (the contract's `AbortReason` enum, in order) as {@link RoundHistory.abortReason}. */
const abortReasons = ['cancelled', 'expired', 'membershipChanged'] as const

/**
 * Where and when an event happened.
 *
 * @category models
 * @since 0.1.0
 */
export interface LogPosition {
  readonly block: bigint
  readonly tx: Hash
  readonly logIndex: number
  /** The block's unix timestamp. */
  readonly timestamp: bigint
}

/**
 * One acknowledgement of a round. `via` is `'proposal'` for the proposer's own ack (recorded with
 * `UpdateProposed`), `'ack'` for `ack`, `'signatures'` for a relayed EIP-712 signature.
 *
 * @category models
 * @since 0.1.0
 */
export interface AckRecord extends LogPosition {
  readonly peer: Address
  /** The peer's index at the time (its bit in the masks). */
  readonly index: number
  readonly via: 'proposal' | 'ack' | 'signatures'
}

/**
 * One round of a view.
 *
 * @category models
 * @since 0.1.0
 */
export interface RoundHistory {
  readonly round: bigint
  readonly proposer: Address
  /** The version the round creates. */
  readonly version: bigint
  /** The proposed (pending) commitment. */
  readonly commitment: Hex
  readonly deadline: bigint
  readonly proposedAt: LogPosition
  /** In the order they were recorded. */
  readonly acks: readonly AckRecord[]
  readonly outcome: 'completed' | 'aborted' | 'open'
  /** For aborted rounds. */
  readonly abortReason?: 'cancelled' | 'expired' | 'membershipChanged' | undefined
  /** For aborted rounds: the peers (bit mask of indexes) that had not acknowledged. */
  readonly missingMask?: bigint | undefined
  /** For rounds completed by `evictAndCommit`: the evicted peers' addresses. */
  readonly evicted?: readonly Address[] | undefined
  /** When the round completed or was aborted. */
  readonly closedAt?: LogPosition | undefined
}

/**
 * A change of a view's membership.
 *
 * @category models
 * @since 0.1.0
 */
export type MembershipChange =
  | ({ readonly type: 'ViewCreated'; readonly controller: Address; readonly initialCommitment: Hex; readonly definitionHash: Hex } & LogPosition)
  | ({ readonly type: 'PeerPermissionsChanged'; readonly peer: Address; readonly index: number; readonly permissions: number } & LogPosition)
  | ({ readonly type: 'PeersEvicted'; readonly round: bigint; readonly evictedMask: bigint; readonly peers: readonly Address[] } & LogPosition)

/**
 * The audit trail of a view: who proposed, who acknowledged (and how), when, which version, and how each
 * round ended; plus every membership change.
 *
 * @category models
 * @since 0.1.0
 */
export interface ViewHistory {
  readonly viewId: Hex
  /** `undefined` when `fromBlock` is after the view's creation. */
  readonly controller: Address | undefined
  readonly rounds: readonly RoundHistory[]
  readonly membership: readonly MembershipChange[]
  /** The peers after the last event read, in index order. */
  readonly peers: readonly ViewPeer[]
  /** The view's version after the last event read. */
  readonly version: bigint
  /** The head commitment after the last event read. */
  readonly head: Hex | undefined
  /** The last block read. */
  readonly toBlock: bigint
}

/** @category actions @since 0.1.0 */
export interface GetHistoryParameters {
  /** The ViewCoordinator address. */
  readonly address: Address
  readonly viewId: Hex
  /** First block to read (the coordinator's deployment block). @defaultValue 0n */
  readonly fromBlock?: bigint | undefined
  /** Last block to read. @defaultValue latest */
  readonly toBlock?: bigint | undefined
  /** Blocks per `eth_getLogs` request. @defaultValue 1000n */
  readonly batchSize?: bigint | undefined
}

/** @category actions @since 0.1.0 */
export type GetHistoryReturnType = ViewHistory

/** @category actions @since 0.1.0 */
export type GetHistoryErrorType = CoordinatorEventsErrorType | GetBlockErrorType

/**
 * Rebuilds the audit trail of a view from its events.
 *
 * - Contract function: none (events `ViewCreated`, `PeerPermissionsChanged`, `UpdateProposed`, `Acknowledged`,
 *   `AcksRecorded`, `RoundCompleted`, `RoundAborted`, `PeersEvicted`)
 * - JSON-RPC Methods: `eth_getLogs` per `batchSize` blocks (never `eth_newFilter`), `eth_getBlockByNumber` per
 *   block with events (timestamps).
 *
 * **Details**
 * - Peer indexes in `AcksRecorded` and `PeersEvicted` masks are resolved to addresses by replaying
 *   `PeerPermissionsChanged` (removal frees an index, the last peer moves into it).
 * - Read from the view's creation (the default) for complete results; from a later block, earlier
 *   membership is unknown and masks may not resolve.
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link GetHistoryParameters}
 * @returns {@link ViewHistory}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { getHistory } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex
 * const history = await getHistory(publicClient, { address, viewId })
 * console.log(history.rounds.map((r) => [r.round, r.outcome, r.acks.map((a) => a.via)]))
 * // Output: [[1n, 'completed', ['proposal', 'ack', 'signatures']], [2n, 'aborted', ['proposal']]]
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function getHistory(client: CoordinatorReadClient, parameters: GetHistoryParameters): Promise<GetHistoryReturnType> {
  const { address, viewId, fromBlock = 0n, batchSize } = parameters
  const toBlock = parameters.toBlock ?? (await getAction(client, getBlockNumber, 'getBlockNumber')({ cacheTime: 0 }))
  const logs = await coordinatorEvents(client, { address, viewId, fromBlock, toBlock, batchSize })

  const timestamps = new Map<bigint, bigint>()
  for (const block of new Set(logs.map((log) => log.blockNumber))) {
    const { timestamp } = await getAction(client, getBlock, 'getBlock')({ blockNumber: block })
    timestamps.set(block, timestamp)
  }
  const at = (log: CoordinatorLog): LogPosition => ({
    block: log.blockNumber,
    tx: log.transactionHash,
    logIndex: log.logIndex,
    timestamp: timestamps.get(log.blockNumber)!,
  })

  const slots: (ViewPeer | undefined)[] = []
  const indexOf = (peer: Address): number => slots.findIndex((slot) => slot?.address.toLowerCase() === peer.toLowerCase())
  const maskPeers = (mask: bigint): { peer: Address; index: number }[] =>
    slots.flatMap((slot, index) => (slot && (mask >> BigInt(index)) & 1n ? [{ peer: slot.address, index }] : []))

  let controller: Address | undefined
  let head: Hex | undefined
  let version = 0n
  const rounds: (RoundHistory & { acks: AckRecord[] })[] = []
  const membership: MembershipChange[] = []
  const current = (round: bigint) => rounds.find((r) => r.round === round)
  const close = (round: bigint, patch: Partial<Omit<RoundHistory, 'acks'>>) => {
    const index = rounds.findIndex((r) => r.round === round)
    if (index >= 0) rounds[index] = { ...rounds[index]!, ...patch }
  }

  for (const log of logs) {
    switch (log.eventName) {
      case 'ViewCreated':
        controller = log.args.controller
        head = log.args.initialCommitment
        membership.push({ type: 'ViewCreated', controller: log.args.controller, initialCommitment: log.args.initialCommitment, definitionHash: log.args.definitionHash, ...at(log) })
        break
      case 'PeerPermissionsChanged': {
        const { peer, index, permissions } = log.args
        membership.push({ type: 'PeerPermissionsChanged', peer, index, permissions, ...at(log) })
        const old = indexOf(peer)
        if (old >= 0) slots[old] = undefined
        if (permissions === 0) {
          if (slots[index]?.address.toLowerCase() === peer.toLowerCase()) slots[index] = undefined
        } else slots[index] = { address: peer, permissions, index }
        while (slots.length > 0 && slots[slots.length - 1] === undefined) slots.pop()
        break
      }
      case 'UpdateProposed': {
        const { round, proposer, commitment, deadline } = log.args
        rounds.push({
          round,
          proposer,
          version: log.args.version,
          commitment,
          deadline: BigInt(deadline),
          proposedAt: at(log),
          acks: [{ peer: proposer, index: indexOf(proposer), via: 'proposal', ...at(log) }],
          outcome: 'open',
        })
        break
      }
      case 'Acknowledged':
        current(log.args.round)?.acks.push({ peer: log.args.peer, index: indexOf(log.args.peer), via: 'ack', ...at(log) })
        break
      case 'AcksRecorded':
        for (const { peer, index } of maskPeers(log.args.signers))
          current(log.args.round)?.acks.push({ peer, index, via: 'signatures', ...at(log) })
        break
      case 'PeersEvicted': {
        const peers = maskPeers(log.args.evictedMask).map((p) => p.peer)
        membership.push({ type: 'PeersEvicted', round: log.args.round, evictedMask: log.args.evictedMask, peers, ...at(log) })
        close(log.args.round, { evicted: peers })
        break
      }
      case 'RoundCompleted':
        version = log.args.version
        head = log.args.commitment
        close(log.args.round, { outcome: 'completed', closedAt: at(log) })
        break
      case 'RoundAborted':
        close(log.args.round, {
          outcome: 'aborted',
          abortReason: abortReasons[log.args.reason] ?? 'expired',
          missingMask: log.args.missingMask,
          closedAt: at(log),
        })
        break
    }
  }
  const peers = slots.filter((slot): slot is ViewPeer => slot !== undefined)
  return { viewId, controller, rounds, membership, peers, version, head, toBlock }
}
