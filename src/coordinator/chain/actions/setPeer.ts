import type { Address, Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * Parameters of {@link setPeer}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface SetPeerParameters<wait extends boolean = true> extends WriteParameters<wait> {
  readonly viewId: Hex
  /** The peer to add or update. */
  readonly peer: Address
  /** The new permission mask: `READ`, `WRITE` or `READ | WRITE`. */
  readonly permissions: number
}

/** @category actions @since 0.1.0 */
export type SetPeerReturnType<wait extends boolean = true> = WriteReturnType<wait>

/** @category actions @since 0.1.0 */
export type SetPeerErrorType = CoordinatorRevertErrorType<'UnknownView' | 'NotController' | 'RoundOpen' | 'InvalidAccount' | 'InvalidPermissions' | 'TooManyPeers'> | CoordinatorWriteErrorType

/**
 * Adds a peer to a view (next free index) or replaces an existing peer's permissions. Controller only,
 * with no open round.
 *
 * - Contract function: `setPeer(bytes32 viewId, address peer, uint8 permissions)`
 * - Events: `PeerPermissionsChanged`.
 * - Reverts: `UnknownView`, `NotController`, `RoundOpen`, `InvalidAccount`, `InvalidPermissions`, `TooManyPeers`.
 *
 * @param client - Client to use (the controller's WalletClient)
 * @param parameters - {@link SetPeerParameters}
 * @returns `{ hash, receipt, events }`. {@link SetPeerReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { READ, setPeer } from 'lensync/coordinator'
 *
 * declare const patientClient: WalletClient, address: Address, viewId: Hex, researcher: Address
 * await setPeer(patientClient, { address, viewId, peer: researcher, permissions: READ })
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function setPeer<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: SetPeerParameters<wait>,
): Promise<SetPeerReturnType<wait>> {
  const { viewId, peer, permissions } = parameters
  return (await writeCoordinator(client, parameters, { functionName: 'setPeer', args: [viewId, peer, permissions], viewId })) as SetPeerReturnType<wait>
}
