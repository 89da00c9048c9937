import type { Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, findEvent, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link cancelRound} and {@link expireRound}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface CancelRoundParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
}

/**
 * What {@link cancelRound} and {@link expireRound} decode from the `RoundAborted` log.
 *
 * @category actions
 * @since 0.1.0
 */
export interface AbortRoundResult {
  /** The round that was closed. */
  readonly round: bigint
  /** The peers (bit mask of indexes) that had not acknowledged. */
  readonly missingMask: bigint
}

/** @category actions @since 0.1.0 */
export type CancelRoundReturnType<wait extends boolean = true> = WriteReturnType<wait, AbortRoundResult>

/** @category actions @since 0.1.0 */
export type CancelRoundErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NoOpenRound' | 'NotProposerOrController'> | CoordinatorWriteErrorType

/**
 * Closes the open round of a view without changing head or version. Proposer or controller only, any time.
 *
 * - Contract function: `cancelRound(bytes32 viewId)`
 * - Events: `RoundAborted(reason: Cancelled)`.
 * - Reverts: `UnknownView`, `NoOpenRound`, `NotProposerOrController`.
 *
 * @param client - Client to use (the proposer's or controller's WalletClient)
 * @param parameters - {@link CancelRoundParameters}
 * @returns `{ hash, receipt, events, round, missingMask }`. {@link CancelRoundReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { cancelRound } from 'lensync/coordinator'
 *
 * declare const doctorClient: WalletClient, address: Address, viewId: Hex
 * const { round, missingMask } = await cancelRound(doctorClient, { address, viewId })
 * // round: 3n, missingMask: 4n
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function cancelRound<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: CancelRoundParameters<wait>,
): Promise<CancelRoundReturnType<wait>> {
  return abort(client, parameters, 'cancelRound') as Promise<CancelRoundReturnType<wait>>
}

/** @internal */
export async function abort(
  client: CoordinatorWalletClient,
  parameters: CancelRoundParameters<boolean>,
  functionName: 'cancelRound' | 'expireRound',
): Promise<CancelRoundReturnType<boolean>> {
  const { viewId } = parameters
  const outcome = await writeCoordinator(client, parameters, { functionName, args: [viewId], viewId })
  if (!outcome.receipt) return outcome
  const aborted = findEvent(outcome.events, 'RoundAborted')!
  return { ...outcome, round: aborted.args.round, missingMask: aborted.args.missingMask }
}
