import type { Address, Hex } from 'viem'
import type { CoordinatorReadErrorType, CoordinatorRevertErrorType } from '../errors.js'
import { type ReadParameters, readCoordinator } from './_internal/read.js'
import type { CoordinatorReadClient } from './_internal/write.js'

/**
 * The state of a view. `pending`, `deadline`, `ackMask` and `proposer` are zero while no round is open.
 *
 * @category models
 * @since 0.1.0
 */
export interface ViewState {
  readonly controller: Address
  /** Commitment of the version every peer holds. */
  readonly head: Hex
  /** Commitment proposed in the open round. */
  readonly pending: Hex
  /** Completed rounds so far. */
  readonly version: bigint
  /** Number of the last round opened (0 before the first proposal). */
  readonly round: bigint
  /** Unix deadline (inclusive) of the open round. */
  readonly deadline: bigint
  /** Bit `i` set when peer `i` acknowledged the open round. */
  readonly ackMask: bigint
  readonly peerCount: number
  readonly proposer: Address
  readonly roundOpen: boolean
  /** Longest time to live of a round proposed from now on, in seconds. @since 0.2.0 */
  readonly maxTtl: number
  /** Seconds after each deadline during which only the controller may close the round. @since 0.2.0 */
  readonly grace: number
  /** The writer whose last round failed and that may not propose before `benchedUntil`; zero if none. @since 0.2.0 */
  readonly benched: Address
  /** Unix time (exclusive) until which `benched` may not propose; 0n if nobody is benched. @since 0.2.0 */
  readonly benchedUntil: bigint
  /** The account named by `transferControl` that may take control with `acceptControl`; zero if none. @since 0.2.0 */
  readonly pendingController: Address
}

/** @category actions @since 0.1.0 */
export interface GetViewParameters extends ReadParameters {
  readonly viewId: Hex
}

/** @category actions @since 0.1.0 */
export type GetViewReturnType = ViewState

/** @category actions @since 0.1.0 */
export type GetViewErrorType = CoordinatorRevertErrorType<'UnknownView'> | CoordinatorReadErrorType

/**
 * Reads the state of a view.
 *
 * - Contract function: `getView(bytes32 viewId) returns (ViewState)`
 * - Reverts: `UnknownView`.
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link GetViewParameters}
 * @returns The view's state. {@link GetViewReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { getView } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex
 * const state = await getView(publicClient, { address, viewId })
 * // { version: 1n, round: 1n, roundOpen: false, head: '0x…', … }
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function getView(client: CoordinatorReadClient, parameters: GetViewParameters): Promise<GetViewReturnType> {
  const { viewId } = parameters
  const state = await readCoordinator(client, parameters, { functionName: 'getView', args: [viewId], viewId })
  return { ...state, deadline: BigInt(state.deadline), benchedUntil: BigInt(state.benchedUntil) }
}
