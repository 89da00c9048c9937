import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import type { CoordinatorWalletClient } from './_internal/write.js'
import { type AbortRoundResult, type CancelRoundParameters, abort } from './cancelRound.js'
import type { WriteReturnType } from './_internal/write.js'

/** @category actions @since 0.1.0 */
export type ExpireRoundParameters<wait extends boolean = true> = CancelRoundParameters<wait>

/** @category actions @since 0.1.0 */
export type ExpireRoundReturnType<wait extends boolean = true> = WriteReturnType<wait, AbortRoundResult>

/** @category actions @since 0.1.0 */
export type ExpireRoundErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NoOpenRound' | 'RoundNotExpired'> | CoordinatorWriteErrorType

/**
 * Closes the open round of a view once its deadline has passed, without changing head or version.
 * Anyone can call it.
 *
 * - Contract function: `expireRound(bytes32 viewId)`
 * - Events: `RoundAborted(reason: Expired)`.
 * - Reverts: `UnknownView`, `NoOpenRound`, `RoundNotExpired` (the deadline is inclusive: it must be in the past).
 *
 * @param client - Client to use (any WalletClient)
 * @param parameters - {@link ExpireRoundParameters}
 * @returns `{ hash, receipt, events, round, missingMask }`. {@link ExpireRoundReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { expireRound } from 'lensync/coordinator'
 *
 * declare const anyClient: WalletClient, address: Address, viewId: Hex
 * const { missingMask } = await expireRound(anyClient, { address, viewId })
 * // missingMask: 4n (peer 2 never acked)
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function expireRound<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: ExpireRoundParameters<wait>,
): Promise<ExpireRoundReturnType<wait>> {
  return abort(client, parameters, 'expireRound') as Promise<ExpireRoundReturnType<wait>>
}
