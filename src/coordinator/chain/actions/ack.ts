import type { Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, findEvent, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link ack}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface AckParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** The open round. */
  readonly round: bigint
  /** The pending commitment, recomputed by the peer from its own staged data. */
  readonly commitment: Hex
}

/**
 * What {@link ack} decodes from its receipt.
 *
 * @category actions
 * @since 0.1.0
 */
export interface AckResult {
  /** `false` when the peer had already acknowledged this round (an idempotent no-op, no event). */
  readonly acknowledged: boolean
  /** `true` when this was the last acknowledgement: the round completed. */
  readonly completed: boolean
}

/** @category actions @since 0.1.0 */
export type AckReturnType<wait extends boolean = true> = WriteReturnType<wait, AckResult>

/** @category actions @since 0.1.0 */
export type AckErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NotPeer' | 'NoOpenRound' | 'WrongRound' | 'RoundExpired' | 'CommitmentMismatch'> | CoordinatorWriteErrorType

/**
 * Acknowledges the open round of a view: "I hold the pending version". Every peer acks, READ-only ones
 * included; acking twice is a no-op.
 *
 * - Contract function: `ack(bytes32 viewId, uint64 round, bytes32 commitment)`
 * - Events: `Acknowledged` (and `RoundCompleted` on the last ack).
 * - Reverts: `UnknownView`, `NotPeer`, `NoOpenRound`, `WrongRound`, `RoundExpired`, `CommitmentMismatch`.
 *
 * @param client - Client to use (the peer's WalletClient)
 * @param parameters - {@link AckParameters}
 * @returns `{ hash, receipt, events, acknowledged, completed }`. {@link AckReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { ack } from 'lensync/coordinator'
 *
 * declare const researcherClient: WalletClient, address: Address, viewId: Hex, pending: Hex
 * const { completed } = await ack(researcherClient, { address, viewId, round: 1n, commitment: pending })
 * // completed: true
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function ack<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: AckParameters<wait>,
): Promise<AckReturnType<wait>> {
  const { viewId, round, commitment } = parameters
  const outcome = await writeCoordinator(client, parameters, { functionName: 'ack', args: [viewId, round, commitment], viewId })
  if (!outcome.receipt) return outcome as AckReturnType<wait>
  return {
    ...outcome,
    acknowledged: findEvent(outcome.events, 'Acknowledged') !== undefined,
    completed: findEvent(outcome.events, 'RoundCompleted') !== undefined,
  } as AckReturnType<wait>
}
