/**
 * `at(i)`: one array index, as a `Path` node.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import type { PathStep } from './path.js'
import { makePath } from './_internal/pathNode.js'
import { typeName } from './_internal/record.js'

/**
 * Focuses on the item at index `i` of an array.
 *
 * **When to use** — for a fixed position: `pipe(id<Patient>(), prop('name'), at(0))`. To edit every
 * item use {@link map}; to match items by identity use `keyed` (positions shift, keys do not).
 *
 * **Laws** (on arrays with an item at `i`, and views that are not `undefined`)
 * 1. GetPut: `put(s, get(s)) === s` — always, for any array (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — whenever `put` does not throw: `i <= s.length` for an
 *    item, `i >= s.length - 1` for `undefined`.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — whenever both puts succeed.
 * 4. CreateGet: `get(create(v))` equals `v` — for `i = 0`; `create` with `i > 0` throws.
 *
 * **Details**
 * - `get` past the end (or of an `undefined` array) yields `undefined`.
 * - `put(s, v)` copies the array with item `i` replaced (returns `s` itself when it is unchanged);
 *   `i === s.length` appends; `i > s.length` is `ViewOutOfRange` (it would leave a hole).
 * - `put(s, undefined)` removes the last item when `i` is the last index, returns `s` when there is
 *   no item at `i`, and is `ViewOutOfRange` otherwise (the items after `i` would shift).
 * - `create(v)` is `[v]` for `i = 0` and `ViewOutOfRange` for `i > 0`.
 * - A negative or non-integer `i` is `InvalidLens` when the lens is built.
 *
 * **Example** (the first name of a patient)
 * ```ts
 * import { at, id, pipe, prop } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _firstName = pipe(id<Patient>(), prop('name'), at(0))
 * _firstName.put({ resourceType: 'Patient', name: [{ family: 'Lee' }] }, { family: 'Kim' })
 * // Output: { resourceType: 'Patient', name: [{ family: 'Kim' }] }
 * _firstName.get({ resourceType: 'Patient' })
 * // Output: undefined
 * ```
 *
 * @see {@link path} for several steps, {@link map} for every item.
 * @category combinators
 * @since 0.1.0
 */
export function at<const I extends number>(
  i: I,
): <S, A extends readonly unknown[] | null | undefined>(self: Lens<S, A>) => Lens<S, PathStep<A, I>> {
  const step = `at(${typeof i === 'number' ? String(i) : typeName(i)})`
  if (typeof i !== 'number' || !Number.isSafeInteger(i) || i < 0)
    throw new LensError({
      code: 'InvalidLens',
      pointer: '',
      step,
      message: `at: index must be a non-negative integer, got ${typeof i === 'number' ? String(i) : typeName(i)}.`,
    })
  const node = makePath<unknown, unknown>([i])
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node) as Lens<S, PathStep<A, I>>
}
