import type { Address, Hex } from 'viem'
import type { CoordinatorErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link transferControl}.
 *
 * @category actions
 * @since 0.2.0
 */
export interface TransferControlParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** The next controller, which takes over with `acceptControl`; the zero address cancels a handover. */
  readonly newController: Address
}

/** @category actions @since 0.2.0 */
export type TransferControlReturnType<wait extends boolean = true> = WriteReturnType<wait>

/** @category actions @since 0.2.0 */
export type TransferControlErrorType = CoordinatorErrorType | Error

/**
 * Names the next controller of a view (first step of a handover). Nothing changes until that account calls
 * `acceptControl`, so control never passes to an address that cannot act; a later call replaces the name.
 *
 * - Contract function: `transferControl(bytes32 viewId, address newController)`
 * - Events: `ControlTransferStarted`.
 * - Reverts: `UnknownView`, `NotController`.
 *
 * @param client - Client to use (the controller's WalletClient)
 * @param parameters - {@link TransferControlParameters}
 * @returns `{ hash, receipt, events }`. {@link TransferControlReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { transferControl } from 'lensync/coordinator'
 *
 * declare const patientClient: WalletClient, address: Address, viewId: Hex, guardian: Address
 * await transferControl(patientClient, { address, viewId, newController: guardian })
 * ```
 *
 * @category actions
 * @since 0.2.0
 */
export async function transferControl<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: TransferControlParameters<wait>,
): Promise<TransferControlReturnType<wait>> {
  const { viewId, newController } = parameters
  return (await writeCoordinator(client, parameters, { functionName: 'transferControl', args: [viewId, newController], viewId })) as TransferControlReturnType<wait>
}
