import type { Hex } from 'viem'
import type { CoordinatorErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link acceptControl}.
 *
 * @category actions
 * @since 0.2.0
 */
export interface AcceptControlParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
}

/** @category actions @since 0.2.0 */
export type AcceptControlReturnType<wait extends boolean = true> = WriteReturnType<wait>

/** @category actions @since 0.2.0 */
export type AcceptControlErrorType = CoordinatorErrorType | Error

/**
 * Takes control of a view (second step of a handover): the sender must have been named by
 * `transferControl`.
 *
 * - Contract function: `acceptControl(bytes32 viewId)`
 * - Events: `ControlTransferred`.
 * - Reverts: `UnknownView`, `NotPendingController`.
 *
 * @param client - Client to use (the named next controller's WalletClient)
 * @param parameters - {@link AcceptControlParameters}
 * @returns `{ hash, receipt, events }`. {@link AcceptControlReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { acceptControl } from 'lensync/coordinator'
 *
 * declare const guardianClient: WalletClient, address: Address, viewId: Hex
 * await acceptControl(guardianClient, { address, viewId })
 * ```
 *
 * @category actions
 * @since 0.2.0
 */
export async function acceptControl<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: AcceptControlParameters<wait>,
): Promise<AcceptControlReturnType<wait>> {
  const { viewId } = parameters
  return (await writeCoordinator(client, parameters, { functionName: 'acceptControl', args: [viewId], viewId })) as AcceptControlReturnType<wait>
}
