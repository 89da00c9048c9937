/**
 * `defaults(value)`: a value to show, and to create from, where the source has none.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { preview, same } from './_internal/record.js'

/**
 * The `Defaults` node.
 *
 * @category models
 * @since 0.1.0
 */
export interface DefaultsLens<V> extends Lens<V | undefined, V> {
  readonly _tag: 'Defaults'
  readonly value: V
}

/**
 * A compile-time guard: `unknown` when the default `D` is a valid view (assignable to `A` without
 * `undefined`), otherwise an object type naming the problem.
 *
 * @category models
 * @since 0.1.0
 */
export type DefaultFits<D, A> = [D] extends [Exclude<A, undefined>]
  ? unknown
  : { readonly 'defaults: the value is not a valid view': D }

/**
 * Shows `value` where the source is `undefined`, so the view is never `undefined`.
 *
 * **When to use** — before a combinator that needs an object, on an optional part:
 * `pipe(id<Patient>(), prop('name'), at(0), defaults({}), pick(['family']))`, or to show a default
 * such as `defaults('unknown')` for a missing gender.
 *
 * **Laws**
 * 1. GetPut: `put(s, get(s)) === s` — always: `put(undefined, value)` is `undefined` again, and a
 *    defined source comes back itself.
 * 2. PutGet: `get(put(s, v))` equals `v` — always.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — except when `s` is `undefined`, `v1` is not
 *    `value` and `v2` equals `value`: the left side is `value`, the right side `undefined` (the same
 *    view, a different source).
 * 4. CreateGet: `get(create(v))` equals `v` — always (`create(v)` is `v`).
 *
 * **Details**
 * - `get(undefined)` is `value` itself (shared: never mutate it); `get(s)` is `s` otherwise.
 * - `put(undefined, v)` is `undefined` when `v` equals `value` (so an untouched default does not
 *   materialise in the source), else `v`; `put(s, v)` for a defined `s` is `v` (or `s` itself when
 *   equal).
 * - Raises no error at run time; `value === undefined` is `InvalidLens` when the lens is built.
 *
 * **Example** (a missing gender shown as `'unknown'`)
 * ```ts
 * import { defaults, id, pipe, prop } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _gender = pipe(id<Patient>(), prop('gender'), defaults('unknown'))
 * _gender.get({ resourceType: 'Patient' })
 * // Output: 'unknown'
 * _gender.put({ resourceType: 'Patient' }, 'unknown')
 * // Output: { resourceType: 'Patient' }
 * ```
 *
 * @see {@link pick} whose object views often need a default.
 * @category combinators
 * @since 0.1.0
 */
export function defaults<const D>(
  value: D,
): <S, A>(self: Lens<S, A> & DefaultFits<D, A>) => Lens<S, Exclude<A, undefined>> {
  const step = `defaults(${preview(value)})`
  if (value === undefined)
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: 'defaults: value must not be undefined.' })
  const node: DefaultsLens<unknown> = {
    _tag: 'Defaults',
    step,
    value,
    get: (s) => (s === undefined ? value : s),
    put(s, v) {
      if (s === undefined) return same(v, value) ? undefined : v
      return same(v, s) ? s : v
    },
    create: (v) => v,
  }
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node) as Lens<S, Exclude<A, undefined>>
}
