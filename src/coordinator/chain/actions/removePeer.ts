import type { Address, Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link removePeer}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface RemovePeerParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** The peer to remove. */
  readonly peer: Address
}

/** @category actions @since 0.1.0 */
export type RemovePeerReturnType<wait extends boolean = true> = WriteReturnType<wait>

/** @category actions @since 0.1.0 */
export type RemovePeerErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NotController' | 'RoundOpen' | 'NotPeer' | 'EmptyView'> | CoordinatorWriteErrorType

/**
 * Removes a peer from a view; the peer with the highest index takes its index. Controller only, with no
 * open round.
 *
 * - Contract function: `removePeer(bytes32 viewId, address peer)`
 * - Events: `PeerPermissionsChanged` (permissions 0) for the peer, then one for the moved peer, if any.
 * - Reverts: `UnknownView`, `NotController`, `RoundOpen`, `NotPeer`, `EmptyView`.
 *
 * @param client - Client to use (the controller's WalletClient)
 * @param parameters - {@link RemovePeerParameters}
 * @returns `{ hash, receipt, events }`. {@link RemovePeerReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { removePeer } from 'lensync/coordinator'
 *
 * declare const patientClient: WalletClient, address: Address, viewId: Hex, researcher: Address
 * await removePeer(patientClient, { address, viewId, peer: researcher })
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function removePeer<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: RemovePeerParameters<wait>,
): Promise<RemovePeerReturnType<wait>> {
  const { viewId, peer } = parameters
  return (await writeCoordinator(client, parameters, { functionName: 'removePeer', args: [viewId, peer], viewId })) as RemovePeerReturnType<wait>
}
