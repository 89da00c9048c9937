import type { Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, findEvent, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link proposeUpdate}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface ProposeUpdateParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** The version the update is based on: the view's current version (compare-and-swap). */
  readonly baseVersion: bigint
  /** The head commitment of `baseVersion`. */
  readonly baseCommitment: Hex
  /** The commitment of the new version (`commitment(...)` over the new view and a fresh salt). */
  readonly newCommitment: Hex
  /** Seconds the peers have to acknowledge (at least 1, at most 2^32 − 1). */
  readonly ttl: number
}

/**
 * What {@link proposeUpdate} decodes from its `UpdateProposed` log.
 *
 * @category actions
 * @since 0.1.0
 */
export interface ProposeUpdateResult {
  /** The round opened (rounds of a view are numbered from 1). */
  readonly round: bigint
  /** The version the round creates (base + 1). */
  readonly version: bigint
  /** Unix timestamp (inclusive) by which every peer must acknowledge. */
  readonly deadline: bigint
  /** `true` when the proposer is the only peer: the round completed in the same transaction. */
  readonly completed: boolean
}

/** @category actions @since 0.1.0 */
export type ProposeUpdateReturnType<wait extends boolean = true> = WriteReturnType<wait, ProposeUpdateResult>

/** @category actions @since 0.1.0 */
export type ProposeUpdateErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NotPeer' | 'MissingPermission' | 'InvalidTtl' | 'RoundOpen' | 'StaleBase' | 'CommitmentMismatch'> | CoordinatorWriteErrorType

/**
 * Opens an acknowledgement round moving a view from its current head to a new commitment. The
 * proposer's own acknowledgement is recorded with the proposal.
 *
 * - Contract function: `proposeUpdate(bytes32 viewId, uint64 baseVersion, bytes32 baseCommitment, bytes32 newCommitment, uint32 ttl) returns (uint64 round)`
 * - Events: `UpdateProposed` (and `RoundCompleted` when the proposer is the only peer).
 * - Reverts: `UnknownView`, `NotPeer`, `MissingPermission` (not WRITE), `InvalidTtl`, `RoundOpen`, `StaleBase`,
 *   `CommitmentMismatch` (wrong base head).
 *
 * @param client - Client to use (a WRITE peer's WalletClient)
 * @param parameters - {@link ProposeUpdateParameters}
 * @returns `{ hash, receipt, events, round, version, deadline, completed }`. {@link ProposeUpdateReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient, WalletClient } from 'viem'
 * import { getView, proposeUpdate } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, doctorClient: WalletClient, address: Address, viewId: Hex, newCommitment: Hex
 * const state = await getView(publicClient, { address, viewId })
 * const { round, deadline } = await proposeUpdate(doctorClient, {
 *   address, viewId, baseVersion: state.version, baseCommitment: state.head, newCommitment, ttl: 600,
 * })
 * // round: 1n
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function proposeUpdate<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: ProposeUpdateParameters<wait>,
): Promise<ProposeUpdateReturnType<wait>> {
  const { viewId, baseVersion, baseCommitment, newCommitment, ttl } = parameters
  const outcome = await writeCoordinator(client, parameters, {
    functionName: 'proposeUpdate',
    args: [viewId, baseVersion, baseCommitment, newCommitment, ttl],
    viewId,
  })
  if (!outcome.receipt) return outcome as ProposeUpdateReturnType<wait>
  const proposed = findEvent(outcome.events, 'UpdateProposed')!
  return {
    ...outcome,
    round: proposed.args.round,
    version: proposed.args.version,
    deadline: BigInt(proposed.args.deadline),
    completed: findEvent(outcome.events, 'RoundCompleted') !== undefined,
  } as ProposeUpdateReturnType<wait>
}
