import { type Address, type Hex, zeroHash } from 'viem'
import type { CoordinatorErrorType } from '../errors.js'
import { type ReadParameters, readCoordinator } from './_internal/read.js'
import type { CoordinatorReadClient } from './_internal/write.js'

/** @category actions @since 0.2.0 */
export interface ViewIdOfParameters extends ReadParameters {
  /** The account that sends (or sent) `createView`. */
  readonly creator: Address
  /** The salt it passes. */
  readonly salt: Hex
}

/** @category actions @since 0.2.0 */
export type ViewIdOfReturnType = Hex

/** @category actions @since 0.2.0 */
export type ViewIdOfErrorType = CoordinatorErrorType | Error

/**
 * Reads the id of the view `creator` creates with `salt`, whether or not it exists. `computeViewId` gives
 * the same value without a round trip.
 *
 * - Contract function: `viewIdOf(address creator, bytes32 salt) returns (bytes32)`
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link ViewIdOfParameters}
 * @returns The view id. {@link ViewIdOfReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { viewIdOf } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, patient: Address, salt: Hex
 * const viewId = await viewIdOf(publicClient, { address, creator: patient, salt })
 * // '0x…'
 * ```
 *
 * @category actions
 * @since 0.2.0
 */
export async function viewIdOf(client: CoordinatorReadClient, parameters: ViewIdOfParameters): Promise<ViewIdOfReturnType> {
  const { creator, salt } = parameters
  // A pure function: it reverts for no view, so a failure names none.
  return readCoordinator(client, parameters, { functionName: 'viewIdOf', args: [creator, salt], viewId: zeroHash })
}
