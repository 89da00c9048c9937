import type { Address, Hex } from 'viem'
import type { CoordinatorRevertErrorType, CoordinatorWriteErrorType } from '../errors.js'
import { type CoordinatorWalletClient, type WriteParameters, type WriteReturnType, writeCoordinator } from './_internal/write.js'

/**
 * A peer of a view and its permissions: `READ`, `WRITE` or `READ | WRITE`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PeerPermissions {
  readonly address: Address
  /** A permission mask: `READ`, `WRITE` or `READ | WRITE`. */
  readonly permissions: number
}

/**
 * Parameters of {@link createView}.
 *
 * @category actions
 * @since 0.1.0
 */
export interface CreateViewParameters<wait extends boolean = true> extends WriteParameters<wait> {
  /** A random 32-byte id (`newViewId()`), never a hash of a patient identifier. */
  readonly viewId: Hex
  /** The head commitment of version 0. */
  readonly initialCommitment: Hex
  /** The account that administers membership (the patient / data subject). */
  readonly controller: Address
  /** The peers, in index order (1 to 64). */
  readonly peers: readonly PeerPermissions[]
}

/** @category actions @since 0.1.0 */
export type CreateViewReturnType<wait extends boolean = true> = WriteReturnType<wait>

/** @category actions @since 0.1.0 */
export type CreateViewErrorType = CoordinatorRevertErrorType<'ViewExists' | 'InvalidAccount' | 'ArrayLengthMismatch' | 'EmptyView' | 'TooManyPeers' | 'DuplicatePeer' | 'InvalidPermissions'> | CoordinatorWriteErrorType

/**
 * Creates a view at version 0 with its controller and peers.
 *
 * - Contract function: `createView(bytes32 viewId, bytes32 initialCommitment, address controller, address[] peers, uint8[] permissions)`
 * - Events: `ViewCreated`, one `PeerPermissionsChanged` per peer.
 * - Reverts: `ViewExists`, `InvalidAccount`, `EmptyView`, `TooManyPeers`, `DuplicatePeer`, `InvalidPermissions`.
 *
 * @param client - Client to use (a WalletClient with an account)
 * @param parameters - {@link CreateViewParameters}
 * @returns `{ hash, receipt, events }` ({ hash } with `wait: false`). {@link CreateViewReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, WalletClient } from 'viem'
 * import { createView, newViewId, READ, WRITE } from 'lensync/coordinator'
 *
 * declare const walletClient: WalletClient, address: Address, initialCommitment: Hex, patient: Address, doctor: Address
 * const viewId = newViewId()
 * const { receipt } = await createView(walletClient, {
 *   address, viewId, initialCommitment, controller: patient,
 *   peers: [{ address: patient, permissions: READ | WRITE }, { address: doctor, permissions: READ | WRITE }],
 * })
 * // receipt.status: 'success'
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function createView<wait extends boolean = true>(
  client: CoordinatorWalletClient,
  parameters: CreateViewParameters<wait>,
): Promise<CreateViewReturnType<wait>> {
  const { viewId, initialCommitment, controller, peers } = parameters
  const outcome = await writeCoordinator(client, parameters, {
    functionName: 'createView',
    args: [viewId, initialCommitment, controller, peers.map((p) => p.address), peers.map((p) => p.permissions)],
    viewId,
  })
  return outcome as CreateViewReturnType<wait>
}
