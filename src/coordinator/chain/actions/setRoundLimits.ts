import type { Hex } from 'viem'
import type { CoordinatorErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link setRoundLimits}.
 *
 * @category actions
 * @since 0.2.0
 */
export interface SetRoundLimitsParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** Longest time to live of a round proposed from now on, in seconds (1 s to 30 days). */
  readonly maxTtl: number
  /** Seconds after each deadline during which only the controller may close the round (at most 30 days; 0 turns it off). */
  readonly grace: number
}

/** @category actions @since 0.2.0 */
export type SetRoundLimitsReturnType<wait extends boolean = true> = WriteReturnType<wait>

/** @category actions @since 0.2.0 */
export type SetRoundLimitsErrorType = CoordinatorErrorType | Error

/**
 * Sets the round limits of a view (controller only): rounds proposed from now on last at most `maxTtl`
 * seconds, and nobody but the controller may close an expired round until `grace` seconds after its
 * deadline. `grace` is also how long a writer whose round failed is benched when the view has another writer.
 *
 * - Contract function: `setRoundLimits(bytes32 viewId, uint32 maxTtl, uint32 grace)`
 * - Events: `RoundLimitsChanged`.
 * - Reverts: `UnknownView`, `NotController`, `InvalidRoundLimits`.
 *
 * @param client - Client to use (the controller's WalletClient)
 * @param parameters - {@link SetRoundLimitsParameters}
 * @returns `{ hash, receipt, events }`. {@link SetRoundLimitsReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { setRoundLimits } from 'lensync/coordinator'
 *
 * declare const patientClient: WalletClient, address: Address, viewId: Hex
 * await setRoundLimits(patientClient, { address, viewId, maxTtl: 600, grace: 300 })
 * ```
 *
 * @category actions
 * @since 0.2.0
 */
export async function setRoundLimits<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: SetRoundLimitsParameters<wait>,
): Promise<SetRoundLimitsReturnType<wait>> {
  const { viewId, maxTtl, grace } = parameters
  return (await writeCoordinator(client, parameters, { functionName: 'setRoundLimits', args: [viewId, maxTtl, grace], viewId })) as SetRoundLimitsReturnType<wait>
}
