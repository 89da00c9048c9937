/**
 * Fresh randomness for commitments: salts and view ids.
 *
 * @since 0.1.0
 */
import { bytesToHex } from 'viem'
import type { Hex } from 'viem'

/**
 * Returns a fresh 32-byte salt, as `0x`-prefixed hex, from `globalThis.crypto.getRandomValues`.
 *
 * **When to use**
 * - Once per proposed version of a view: the proposer draws a salt, puts it in the
 *   {@link commitment}, and sends it off chain with the patch so the other peers can recompute the
 *   commitment.
 *
 * **Details**
 * - Salts are mandatory: medical views are low-entropy (a blood type, a birth date, an ICD-10 code),
 *   so an unsalted hash of a small view could be found by trying every value. 256 random bits make
 *   the published commitment say nothing about the view.
 * - Never reuse a salt across versions or views; never derive it from the data.
 * - Uses the Web Crypto CSPRNG, present in browsers and in Node ≥ 20 as `globalThis.crypto`.
 *
 * **Example** (a salt)
 * ```ts
 * import { generateSalt } from 'lensync/coordinator'
 * const salt = generateSalt()
 * console.log(salt.length)
 * // Output: 66
 * ```
 *
 * @returns 32 random bytes as hex (66 characters with the `0x` prefix).
 * @see {@link commitment} where the salt is used.
 * @category commitments
 * @since 0.1.0
 */
export function generateSalt(): Hex {
  return random32()
}

/**
 * Returns a fresh view id: 32 random bytes as `0x`-prefixed hex.
 *
 * **When to use**
 * - When a peer creates a view to share; the id names the view on chain (`createView`) and in every
 *   {@link commitment}.
 *
 * **Details**
 * - The id is random on purpose and must never be a hash of a name such as
 *   `keccak256("patient-123/allergies")`: ids are public on chain, and a hash of a guessable name would
 *   reveal which patient and which kind of data a view is about.
 * - 256 random bits make collisions between independently created views negligible.
 *
 * **Example** (a view id)
 * ```ts
 * import { newViewId } from 'lensync/coordinator'
 * console.log(/^0x[0-9a-f]{64}$/.test(newViewId()))
 * // Output: true
 * ```
 *
 * @returns 32 random bytes as hex.
 * @category commitments
 * @since 0.1.0
 */
export function newViewId(): Hex {
  return random32()
}

function random32(): Hex {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)))
}
