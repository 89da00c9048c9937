/**
 * The digest of a round's patch that the proposer signs.
 *
 * @since 0.1.0
 */
import { keccak256, stringToBytes, type Hex } from 'viem'
import { TransportError } from './errors.js'
import type { Patch } from '../../lens/patch/types.js'

/**
 * Hashes a patch for the `patchHash` field of the signed `RoundPayload` struct.
 *
 * **When to use**
 * - Rarely directly: {@link signRoundPayload} and {@link verifyRoundPayload} call it.
 *
 * **Details**
 * - `keccak256(utf8(JSON.stringify(patch)))`. Both ends hash the patch as parsed from the same JSON
 *   text, so key order survives the trip; this is the one place to switch to the RFC 8785
 *   canonicalizer (`src/coordinator/canonicalize.ts`), after which key order stops mattering.
 * - A patch that JSON cannot carry (a `bigint`, a cycle) is `InvalidPayload` at `/patch`.
 *
 * **Example** (the empty patch)
 * ```ts
 * import { payloadPatchHash } from 'lensync/coordinator'
 * payloadPatchHash([])
 * // Output: 0x518674ab2b227e5f11e9084f615d57663cde47bce1ba168b4c19c7ee22a73d70
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export function payloadPatchHash(patch: Patch): Hex {
  let text: string
  try {
    text = JSON.stringify(patch)
  } catch (cause) {
    throw new TransportError({
      code: 'InvalidPayload',
      pointer: '/patch',
      message: 'the patch is not JSON (a bigint or a cycle?); patch values must be plain JSON data.',
      cause,
    })
  }
  return keccak256(stringToBytes(text))
}
