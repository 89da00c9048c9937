/**
 * View → digest → commitment, in one step.
 *
 * @since 0.2.0
 */
import type { Hex } from 'viem'
import { commitment, type CommitmentParameters } from './commitment.js'
import { viewDigest } from './digest.js'

/**
 * Parameters of {@link viewCommitment}: those of {@link commitment}, with the view in place of its
 * digest.
 *
 * @category commitments
 * @since 0.2.0
 */
export interface ViewCommitmentParameters extends Omit<CommitmentParameters, 'digest'> {
  /** The view, as JSON data (the value a lens's `get` returned). */
  readonly view: unknown
}

/**
 * What {@link viewCommitment} returns.
 *
 * @category commitments
 * @since 0.2.0
 */
export interface ViewCommitment {
  /** `viewDigest(view)`. */
  readonly digest: Hex
  /** The commitment to that digest at `version`, with `salt`. */
  readonly commitment: Hex
}

/**
 * Returns a view's digest and its commitment at one version: `viewDigest(view)`, then
 * `commitment({ chainId, coordinator, viewId, version, salt, digest })`.
 *
 * **When to use**
 * - Wherever a peer commits to a view or checks a commitment: the proposer for the view it wants, a
 *   receiver for the view it rebuilt from its own data with the payload's salt, a joiner for a
 *   snapshot and every round it replays. Computing both through this one function is what makes
 *   proposer and receiver agree whenever their views are equal.
 *
 * **Details**
 * - Throws what {@link viewDigest} throws (`CanonicalizeError`: the view is not JSON data) and what
 *   {@link commitment} throws (`CommitmentError`: a parameter cannot be encoded).
 *
 * **Example** (proposer and receiver agree on equal views)
 * ```ts
 * import { generateSalt, newViewId, viewCommitment } from 'lensync/coordinator'
 * const scope = { chainId: 31337, coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3', viewId: newViewId(), version: 1n, salt: generateSalt() } as const
 * const proposed = viewCommitment({ ...scope, view: { resourceType: 'Patient', gender: 'female' } })
 * const rebuilt = viewCommitment({ ...scope, view: { gender: 'female', resourceType: 'Patient', meta: { versionId: '9' } } })
 * console.log(proposed.commitment === rebuilt.commitment)
 * // Output: true
 * ```
 *
 * @param parameters - {@link ViewCommitmentParameters}
 * @returns The digest and the commitment. {@link ViewCommitment}
 * @throws {@link CanonicalizeError} when `view` is not JSON data.
 * @throws {@link CommitmentError} when a parameter cannot be encoded.
 * @see {@link viewDigest} and {@link commitment}, the two steps.
 * @category commitments
 * @since 0.2.0
 */
export function viewCommitment(parameters: ViewCommitmentParameters): ViewCommitment {
  const { view, ...scope } = parameters
  const digest = viewDigest(view)
  return { digest, commitment: commitment({ ...scope, digest }) }
}
