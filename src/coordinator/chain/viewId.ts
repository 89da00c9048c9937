/**
 * View ids bound to their creator, computed off chain exactly as the contract's `viewIdOf`.
 *
 * @since 0.2.0
 */
import { type Address, type Hex, encodeAbiParameters, keccak256 } from 'viem'

/**
 * Parameters of {@link computeViewId}.
 *
 * @category commitments
 * @since 0.2.0
 */
export interface ComputeViewIdParameters {
  /** The account that sends `createView`. */
  readonly creator: Address
  /** The random 32-byte salt it passes (`generateSalt()`). */
  readonly salt: Hex
}

/**
 * Returns the id of the view `creator` creates with `salt`: `keccak256(abi.encode(creator, salt))`, the
 * contract's `viewIdOf` without a round trip.
 *
 * **When to use**: to know a view's id before sending `createView` (to sign or store it first), or to check
 * that a view id was created by the account that claims it.
 *
 * **Details**: the id commits to the creator, so a front-runner copying a pending `createView` creates a
 * different view and cannot squat this one. Ids are public: the salt must be random, never derived from a
 * patient identifier.
 *
 * **Example**
 * ```ts
 * import { computeViewId, generateSalt } from 'lensync/coordinator'
 * const viewId = computeViewId({ creator: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', salt: generateSalt() })
 * console.log(/^0x[0-9a-f]{64}$/.test(viewId))
 * // Output: true
 * ```
 *
 * @category commitments
 * @since 0.2.0
 */
export function computeViewId(parameters: ComputeViewIdParameters): Hex {
  return keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [parameters.creator, parameters.salt]))
}
