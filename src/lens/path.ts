/**
 * `path(...keys)`: a run of object keys and array indices, as one `Path` node.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import type { Lens, PathKey } from './Lens.js'
import { id } from './Lens.js'
import { assertPathKey, makePath } from './_internal/pathNode.js'

/**
 * The value one step below `A`: `A[K]` for an object key, the item type (or `undefined`) for an
 * array index, and `undefined` wherever `A` may be `undefined`/`null` or lacks the step; `unknown`
 * below an `unknown` (schemaless) value.
 *
 * @category models
 * @since 0.1.0
 */
export type PathStep<A, K extends PathKey> = unknown extends A
  ? unknown
  : A extends unknown
    ? A extends null | undefined
      ? undefined
      : K extends number
        ? A extends readonly (infer T)[]
          ? T | undefined
          : undefined
        : A extends readonly unknown[]
          ? undefined
          : K extends keyof A
            ? A[K]
            : undefined
    : never

/**
 * The value at the end of a key path, step by step with {@link PathStep}.
 *
 * @category models
 * @since 0.1.0
 */
export type PathValue<A, Ks extends readonly PathKey[]> = Ks extends readonly [
  infer K extends PathKey,
  ...infer Rest extends readonly PathKey[],
]
  ? PathValue<PathStep<A, K>, Rest>
  : A

/**
 * The shapes that have a given key path: used as a constraint so that a misspelt key is a compile
 * error.
 *
 * @category models
 * @since 0.1.0
 */
export type HasPath<Ks extends readonly PathKey[]> = Ks extends readonly [
  infer K extends PathKey,
  ...infer Rest extends readonly PathKey[],
]
  ? K extends number
    ? readonly HasPath<Rest>[] | null | undefined
    : { readonly [P in K & string]?: HasPath<Rest> } | null | undefined
  : unknown

/**
 * A compile-time guard for {@link path}: `unknown` when `A` has the key path `Ks` (or is itself
 * `unknown`, a schemaless source), otherwise an object type naming the path (so a misspelt key shows
 * up in the error message).
 *
 * @category models
 * @since 0.1.0
 */
export type PathCheck<A, Ks extends readonly PathKey[]> = unknown extends A
  ? unknown
  : [A] extends [HasPath<Ks>]
    ? unknown
    : { readonly 'path: the source type has no such key path': Ks }

/**
 * Focuses on the value at a key path: object keys (strings) and array indices (numbers), walked in
 * one loop.
 *
 * **When to use** — to reach a nested field in one step, e.g. `path('contact', 0, 'name', 'family')`.
 * `prop` and `at` are the one-step forms; consecutive steps fuse into one `Path` node anyway.
 *
 * **Laws**
 * 1. GetPut: `put(s, get(s)) === s` — always (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — whenever `put` does not throw, i.e. every index step is
 *    within its array or exactly at its end, and removing (`v === undefined`) an array item only
 *    when it is the last one; and, for a removal that empties an array item other than the last
 *    (outside a parallel `_x` array), when the item after it has nothing at the rest of the path
 *    (the emptied item is removed, so the later items shift up).
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — whenever both puts succeed, `s` holds no
 *    empty objects or arrays on the path (FHIR forbids them), and a removal empties no array item
 *    but the last (or one in a parallel `_x` array): a removal prunes the containers it empties, and
 *    a `put` rebuilds them.
 * 4. CreateGet: `get(create(v))` equals `v` — whenever no index step other than 0 has to be created.
 *
 * **Details**
 * - `get` through a missing (or `null`) intermediate, an index past the end, a key on an array or an
 *   index on an object yields `undefined`.
 * - `put` copies only the containers on the path (one shallow copy each) and returns `s` itself when
 *   the leaf is unchanged (same reference, or structurally equal objects).
 * - `put` through a missing intermediate creates it: an object for a key step, a one-item array for
 *   index 0. An index past the end of an existing array, or above 0 in a missing one, is
 *   `ViewOutOfRange`; index `length` appends.
 * - `put(s, undefined)` removes the leaf key (or the last array item) and then every container this
 *   leaves empty, up to the source itself; removing an array item that is not the last is
 *   `ViewOutOfRange`. Removing a missing leaf returns `s`.
 * - FHIR forbids empty objects, so an array item the removal empties never stays as `{}`: it is
 *   removed (first, middle or last alike), except in a parallel primitive-extension array (`_given`,
 *   `_line`: an array under a key starting with `_`), where it becomes `null` so that `_given[i]`
 *   stays aligned with `given[i]`; such an array left holding only `null`s is removed.
 * - A value of the wrong kind in the way (a string where the path needs an object) is
 *   `PathNotFound`. Error pointers are relative to the source of the path.
 * - Bad keys are `InvalidLens` when the lens is built. `path()` with no keys is the identity.
 *
 * **Example** (the family name of the first contact)
 * ```ts
 * import { id, path, pipe } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _contactFamily = pipe(id<Patient>(), path('contact', 0, 'name', 'family'))
 * _contactFamily.get({ resourceType: 'Patient', contact: [{ name: { family: 'Lee' } }] })
 * // Output: 'Lee'
 * _contactFamily.put({ resourceType: 'Patient' }, 'Kim')
 * // Output: { resourceType: 'Patient', contact: [{ name: { family: 'Kim' } }] }
 * ```
 *
 * @see {@link prop} and {@link at} for single steps.
 * @category combinators
 * @since 0.1.0
 */
export function path(): <S, A>(self: Lens<S, A>) => Lens<S, A>
export function path<const K1 extends PathKey>(
  k1: K1,
): <S, A>(self: Lens<S, A> & PathCheck<A, [K1]>) => Lens<S, PathValue<A, [K1]>>
export function path<const K1 extends PathKey, const K2 extends PathKey>(
  k1: K1,
  k2: K2,
): <S, A>(self: Lens<S, A> & PathCheck<A, [K1, K2]>) => Lens<S, PathValue<A, [K1, K2]>>
export function path<const K1 extends PathKey, const K2 extends PathKey, const K3 extends PathKey>(
  k1: K1,
  k2: K2,
  k3: K3,
): <S, A>(self: Lens<S, A> & PathCheck<A, [K1, K2, K3]>) => Lens<S, PathValue<A, [K1, K2, K3]>>
export function path<
  const K1 extends PathKey,
  const K2 extends PathKey,
  const K3 extends PathKey,
  const K4 extends PathKey,
>(
  k1: K1,
  k2: K2,
  k3: K3,
  k4: K4,
): <S, A>(self: Lens<S, A> & PathCheck<A, [K1, K2, K3, K4]>) => Lens<S, PathValue<A, [K1, K2, K3, K4]>>
export function path<
  const K1 extends PathKey,
  const K2 extends PathKey,
  const K3 extends PathKey,
  const K4 extends PathKey,
  const K5 extends PathKey,
>(
  k1: K1,
  k2: K2,
  k3: K3,
  k4: K4,
  k5: K5,
): <S, A>(self: Lens<S, A> & PathCheck<A, [K1, K2, K3, K4, K5]>) => Lens<S, PathValue<A, [K1, K2, K3, K4, K5]>>
export function path(...keys: readonly PathKey[]): <S, A>(self: Lens<S, A>) => Lens<S, unknown>
export function path(...keys: readonly PathKey[]): (self: never) => unknown {
  const step = `path(${keys.map((k) => (typeof k === 'number' ? String(k) : JSON.stringify(k) ?? String(k))).join(', ')})`
  keys.forEach((k, i) => assertPathKey('path', step, k, `key ${i}`))
  const node: Lens<unknown, unknown> = keys.length === 0 ? id<unknown>() : makePath(keys)
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node)
}
