/**
 * Patch validation.
 *
 * @since 0.1.0
 */
import { parsePatch } from './_internal/parse.js'
import type { Patch } from './types.js'

/**
 * Checks that `patch` is a well-formed RFC 6902 patch, without applying it.
 *
 * **When to use** — on a patch received from a peer, before translating or applying it. {@link
 * applyPatch} and {@link translate} call it for you.
 *
 * **Details**
 * - Every operation must be an object with a known `op`, a valid RFC 6901 `path`, a `value` for
 *   `add`/`replace`/`test` and a valid `from` for `move`/`copy`.
 * - `-` (append) is accepted only as the last token of the `path` of an `add`, `move` or `copy`; a
 *   `-` anywhere else (a `remove`/`replace`/`test` path, a `from`, a middle token) is rejected — FHIR
 *   has no member named `-`, so this is always a mistake.
 * - A `move` whose `from` is a proper prefix of its `path` is rejected (RFC 6902 §4.4).
 * - The token `__proto__` is rejected (prototype pollution).
 * - Throws {@link LensError} with code `InvalidPatch`, `pointer` the operation's pointer and
 *   `data: { opIndex, field }` naming the first bad operation and the faulty member.
 *
 * **Example** (a `-` in the middle of a path)
 * ```ts
 * import { validatePatch } from 'lensync'
 * validatePatch([{ op: 'remove', path: '/name/-/family' }])
 * // throws LensError: InvalidPatch at "/name/-/family" (data: { opIndex: 0, field: 'path' })
 * ```
 *
 * @category patches
 * @since 0.1.0
 */
export function validatePatch(patch: unknown): asserts patch is Patch {
  parsePatch(patch)
}
