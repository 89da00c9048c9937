import type { Address, Hex } from 'viem'
import type { CoordinatorReadErrorType, CoordinatorRevertErrorType } from '../errors.js'
import { type ReadParameters, readCoordinator } from './_internal/read.js'
import type { CoordinatorReadClient } from './_internal/write.js'

/** @category actions @since 0.1.0 */
export interface PermissionsOfParameters extends ReadParameters {
  readonly viewId: Hex
  readonly account: Address
}

/** @category actions @since 0.1.0 */
export type PermissionsOfReturnType = number

/** @category actions @since 0.1.0 */
export type PermissionsOfErrorType = CoordinatorRevertErrorType<'UnknownView'> | CoordinatorReadErrorType

/**
 * Reads the permissions of an account in a view: a mask of `READ` and `WRITE`, `0` for a
 * non-peer (test it with `hasPermission`).
 *
 * - Contract function: `permissionsOf(bytes32 viewId, address account) returns (uint8)`
 * - Reverts: `UnknownView`.
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link PermissionsOfParameters}
 * @returns The permission bits. {@link PermissionsOfReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { permissionsOf } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex, researcher: Address
 * await permissionsOf(publicClient, { address, viewId, account: researcher })
 * // 1 (READ)
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function permissionsOf(client: CoordinatorReadClient, parameters: PermissionsOfParameters): Promise<PermissionsOfReturnType> {
  const { viewId, account } = parameters
  return readCoordinator(client, parameters, { functionName: 'permissionsOf', args: [viewId, account], viewId })
}
