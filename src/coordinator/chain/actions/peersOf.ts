import type { Address, Hex } from 'viem'
import type { CoordinatorReadErrorType, CoordinatorRevertErrorType } from '../errors.js'
import { type ReadParameters, readCoordinator } from './_internal/read.js'
import type { CoordinatorReadClient } from './_internal/write.js'

/**
 * A peer of a view with its index (its bit in every mask).
 *
 * @category models
 * @since 0.1.0
 */
export interface ViewPeer {
  readonly address: Address
  readonly permissions: number
  readonly index: number
}

/** @category actions @since 0.1.0 */
export interface PeersOfParameters extends ReadParameters {
  readonly viewId: Hex
}

/** @category actions @since 0.1.0 */
export type PeersOfReturnType = readonly ViewPeer[]

/** @category actions @since 0.1.0 */
export type PeersOfErrorType = CoordinatorRevertErrorType<'UnknownView'> | CoordinatorReadErrorType

/**
 * Reads the peers of a view in index order.
 *
 * - Contract function: `peersOf(bytes32 viewId) returns (address[] peers, uint8[] permissions)`
 * - Reverts: `UnknownView`.
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link PeersOfParameters}
 * @returns `[{ address, permissions, index }]`. {@link PeersOfReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { peersOf } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex
 * await peersOf(publicClient, { address, viewId })
 * // [{ address: '0xf39F…', permissions: 3 (READ | WRITE), index: 0 }, …]
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function peersOf(client: CoordinatorReadClient, parameters: PeersOfParameters): Promise<PeersOfReturnType> {
  const { viewId } = parameters
  const [peers, permissions] = await readCoordinator(client, parameters, { functionName: 'peersOf', args: [viewId], viewId })
  return peers.map((address, index) => ({ address, permissions: permissions[index]!, index }))
}
