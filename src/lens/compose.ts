/**
 * Sequential composition of lenses, fused when the lens is built.
 *
 * @since 0.1.0
 */
import type { Lens } from './Lens.js'
import { fuse } from './_internal/fuse.js'

type AnyLens = Lens<unknown, unknown>

/**
 * Composes two lenses: the view of `self` is the source of `that`.
 *
 * **When to use** — to append a lens value you already hold (a preset, a lens built elsewhere) to a
 * pipeline: `pipe(id<Patient>(), prop('name'), compose(_officialNames))`. The pipeable combinators
 * (`prop`, `pick`, …) call it for you.
 *
 * **Laws** — each law holds for the composite whenever it holds for both parts:
 * 1. GetPut: `put(s, get(s)) === s` — if `self` and `that` satisfy GetPut (the same reference comes
 *    back: an unchanged inner source stops the put from climbing further).
 * 2. PutGet: `get(put(s, v))` equals `v` — if both satisfy PutGet.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — if both satisfy PutPut.
 * 4. CreateGet: `get(create(v))` equals `v` — if both satisfy CreateGet.
 *
 * **Details**
 * - Fused at construction: nested `Compose` nodes are flattened, `Identity` nodes dropped, and
 *   adjacent `Path` nodes (from `prop`, `at`, `path`) merged into one `Path` node, so a chain of
 *   steps costs one walk on `get` and one spine copy on `put`.
 * - The result is the `Identity` node, the single remaining lens, or a {@link ComposeLens}.
 * - `put(s, v)` runs the `get`s down once, then the `put`s back up, stopping with `s` as soon as a
 *   `put` returns its source unchanged.
 * - Raises whatever the parts raise.
 *
 * **Example** (appending a lens value)
 * ```ts
 * import { compose, id, path, pipe, prop } from 'lensync'
 * import type { HumanName, Patient } from 'lensync'
 * const _family = pipe(id<HumanName | undefined>(), prop('family'))
 * const _firstFamily = pipe(id<Patient>(), path('name', 0), compose(_family))
 * _firstFamily.step
 * // Output: 'path("name", 0, "family")'
 * ```
 *
 * @see {@link pipe} to chain pipeable combinators.
 * @category combinators
 * @since 0.1.0
 */
export function compose<S, A, B>(self: Lens<S, A>, that: Lens<A, B>): Lens<S, B>
export function compose<A, B>(that: Lens<A, B>): <S>(self: Lens<S, A>) => Lens<S, B>
export function compose(...args: readonly AnyLens[]): AnyLens | ((self: AnyLens) => AnyLens) {
  if (args.length === 1) {
    const that = args[0]!
    return (self: AnyLens) => fuse(self, that)
  }
  return fuse(args[0]!, args[1]!)
}
