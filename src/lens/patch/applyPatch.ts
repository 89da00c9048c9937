/**
 * Applying patches without deep-cloning the document.
 *
 * @since 0.1.0
 */
import { applyParsed } from './_internal/apply.js'
import { parsePatch } from './_internal/parse.js'
import type { Patch } from './types.js'

/**
 * Applies an RFC 6902 patch to an immutable JSON document by path copying.
 *
 * **When to use** — to apply a view patch to a view, or a translated patch to a record. The input
 * is never mutated, so it can stay in a cache or be compared by reference with the result.
 *
 * **Details**
 * - Path copying: only the objects and arrays on the edited paths are copied (each at most once per
 *   patch); every untouched subtree of the result is the very same object as in `doc`. Values taken
 *   from the patch (`add`/`replace` values, `copy` sources) are shared, never mutated afterwards.
 *   Measured on a ~2 KB FHIR Patient (Node 20, 2-core machine): ~1.7 µs for a 1-op and ~8.5 µs for
 *   a 10-op patch, against ~15.5 / ~21 µs for fast-json-patch `applyPatch` with `mutateDocument:
 *   false` (which deep-clones the document) and ~16 / ~21 µs with `mutateDocument: true` on a clone
 *   (mutating the caller's record in place is not an option for immutable sources).
 * - All or nothing: the patch is validated first ({@link validatePatch}, `InvalidPatch`), and an
 *   operation that fails leaves `doc` untouched and throws.
 * - Errors ({@link LensError}, `data: { opIndex }`): `PathNotFound` when a `remove`/`replace`/`move`/
 *   `copy`/`test` location or an `add` parent does not exist or an array index is out of range;
 *   `VersionConflict` when a `test` fails (the patch was made against another version).
 * - A patch with no operations returns `doc` itself. `remove` of `''` yields `undefined`.
 *
 * **Example** (appending a given name)
 * ```ts
 * import { applyPatch } from 'lensync'
 * const before = { name: [{ given: ['Ada'] }], gender: 'female' }
 * const after = applyPatch(before, [{ op: 'add', path: '/name/0/given/-', value: 'King' }])
 * console.log(after.name[0]?.given, before.name[0]?.given)
 * // Output: [ 'Ada', 'King' ] [ 'Ada' ]
 * ```
 *
 * @category patches
 * @since 0.1.0
 */
export function applyPatch<T>(doc: T, patch: Patch): T {
  return applyParsed(doc, parsePatch(patch))
}
