import type { Address, Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, findEvent, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link evictAndCommit}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface EvictAndCommitParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** Every peer that did not acknowledge the open round, and only those. */
  readonly silentPeers: readonly Address[]
}

/**
 * What {@link evictAndCommit} decodes from its receipt.
 *
 * @category actions
 * @since 0.1.0
 */
export interface EvictAndCommitResult {
  /** The completed round. */
  readonly round: bigint
  /** Bit mask (indexes before the removal) of the evicted peers. */
  readonly evictedMask: bigint
  /** The view's new version. */
  readonly version: bigint
}

/** @category actions @since 0.1.0 */
export type EvictAndCommitReturnType<wait extends boolean = true> = WriteReturnType<wait, EvictAndCommitResult>

/** @category actions @since 0.1.0 */
export type EvictAndCommitErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NoOpenRound' | 'NotController' | 'RoundNotExpired' | 'NotPeer' | 'PeerAcknowledged' | 'DuplicatePeer' | 'AcksMissing'> | CoordinatorWriteErrorType

/**
 * Removes the silent peers of an expired round and completes it with the peers that acknowledged.
 * Controller only, after the deadline; the eviction is explicit and logged.
 *
 * - Contract function: `evictAndCommit(bytes32 viewId, address[] silentPeers)`
 * - Events: `PeersEvicted`, `PeerPermissionsChanged` per removal/move, `RoundCompleted`.
 * - Reverts: `UnknownView`, `NotController`, `NoOpenRound`, `RoundNotExpired`, `NotPeer`, `DuplicatePeer`,
 *   `PeerAcknowledged`, `AcksMissing`.
 *
 * @param client - Client to use (the controller's WalletClient)
 * @param parameters - {@link EvictAndCommitParameters}
 * @returns `{ hash, receipt, events, round, evictedMask, version }`. {@link EvictAndCommitReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { evictAndCommit } from 'lensync/coordinator'
 *
 * declare const patientClient: WalletClient, address: Address, viewId: Hex, researcher: Address
 * const { version } = await evictAndCommit(patientClient, { address, viewId, silentPeers: [researcher] })
 * // version: 2n
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function evictAndCommit<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: EvictAndCommitParameters<wait>,
): Promise<EvictAndCommitReturnType<wait>> {
  const { viewId, silentPeers } = parameters
  const outcome = await writeCoordinator(client, parameters, { functionName: 'evictAndCommit', args: [viewId, silentPeers], viewId })
  if (!outcome.receipt) return outcome as EvictAndCommitReturnType<wait>
  const evicted = findEvent(outcome.events, 'PeersEvicted')!
  const completed = findEvent(outcome.events, 'RoundCompleted')!
  return {
    ...outcome,
    round: completed.args.round,
    evictedMask: evicted.args.evictedMask,
    version: completed.args.version,
  } as EvictAndCommitReturnType<wait>
}
