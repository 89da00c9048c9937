/**
 * `map(item)`: a lens applied to every item of an array, by position.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { preview, typeName } from './_internal/record.js'
import { type ShownIndex, shownCache } from './_internal/shown.js'
import { noteChanged } from '../json/_internal/lineage.js'
import { copyArray } from '../json/_internal/copyArray.js'

/**
 * The `Map` node.
 *
 * @category models
 * @since 0.1.0
 */
export interface MapLens<A, B> extends Lens<readonly A[] | undefined, B[] | undefined> {
  readonly _tag: 'Map'
  readonly item: Lens<A, B>
}

/**
 * The view of {@link map}: an array of item views, `undefined` where the source array may be.
 *
 * @category models
 * @since 0.1.0
 */
export type MapView<X, B> = X extends null | undefined ? undefined : B[]

/**
 * Applies `item` to every item of an array; items are matched by position.
 *
 * **When to use** — for arrays whose order is their identity, or that are only read: the family
 * names of all `Patient.name`s, the values of a `given` array. When items have keys (identifiers,
 * codings, extensions) and a view may reorder, insert or delete them, use `keyed` instead:
 * positions shift, keys do not.
 *
 * **Laws**
 * 1. GetPut: `put(s, get(s)) === s` — if `item` satisfies GetPut (the very same array comes back).
 * 2. PutGet: `get(put(s, v))` equals `v` — if `item` satisfies PutGet and CreateGet.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — only under positional stability: `item`
 *    satisfies PutPut, and `v1` keeps every position that `s` and `v2` both have (`v1.length >=
 *    min(s.length, v2.length)`) and `item.put(item.create(b1), b2)` equals `item.create(b2)`.
 *    Otherwise an item dropped by `v1` comes back through `item.create` without its hidden parts.
 *    Always holds when `item` hides nothing (e.g. an `iso`).
 * 4. CreateGet: `get(create(v))` equals `v` — if `item` satisfies CreateGet.
 *
 * **Details**
 * - `put(s, v)` zips by position: item `i < s.length` is `item.put(s[i], v[i])`, extra view items are
 *   `item.create(v[i])`, source items past `v.length` are dropped (with their hidden parts). It
 *   returns `s` itself when the lengths match and every item comes back unchanged, and copies the
 *   array once otherwise.
 * - `undefined` passes through: `get(undefined)` is `undefined`, `put(s, undefined)` is `undefined`.
 * - Raises what `item` raises. A source or view that is not an array is `PathNotFound` /
 *   `ViewOutOfRange`; an `item` that is not a lens is `InvalidLens` when the lens is built.
 *
 * **Example** (every family name)
 * ```ts
 * import { id, map, pipe, prop } from 'lensync'
 * import type { HumanName, Patient } from 'lensync'
 * const _families = pipe(id<Patient>(), prop('name'), map(pipe(id<HumanName>(), prop('family'))))
 * _families.put({ resourceType: 'Patient', name: [{ family: 'Lee', given: ['Ana'] }] }, ['Kim'])
 * // Output: { resourceType: 'Patient', name: [{ family: 'Kim', given: ['Ana'] }] }
 * ```
 *
 * @see {@link at} for one position, `keyed` to align items by key, `filter` for a subset.
 * @category combinators
 * @since 0.1.0
 */
export function map<A, B>(
  item: Lens<A, B>,
): <S, X extends readonly A[] | null | undefined>(self: Lens<S, X>) => Lens<S, MapView<X, B>> {
  const isLens =
    typeof item === 'object' && item !== null && typeof item.get === 'function' && typeof item.put === 'function' && typeof item.create === 'function'
  const step = `map(${isLens ? item.step : typeName(item)})`
  if (!isLens)
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `map: item must be a lens (get, put, create), got ${typeName(item)}.` })

  const notArray = (value: unknown, role: 'source' | 'view') =>
    new LensError({
      code: role === 'view' ? 'ViewOutOfRange' : 'PathNotFound',
      pointer: '',
      step,
      message: `expected the ${role} to be an array, found ${typeName(value)}.`,
      metaMessages: [`${role}: ${preview(value)}`],
    })
  const create = (v: readonly B[] | undefined): A[] | undefined => {
    if (v === undefined || v === null) return v
    if (!Array.isArray(v)) throw notArray(v, 'view')
    return v.map((b) => item.create(b))
  }

  const { indexOf } = shownCache<A, B, ShownIndex<B>>(undefined, (a) => item.get(a), (index) => index)

  const node: MapLens<A, B> = {
    _tag: 'Map',
    step,
    item,
    get(s) {
      if (s === undefined || s === null) return undefined
      if (!Array.isArray(s)) throw notArray(s, 'source')
      return indexOf(s).views as B[]
    },
    put(s, v) {
      if (v === undefined || v === null) return v as undefined
      if (s === undefined || s === null) return create(v)
      if (!Array.isArray(s)) throw notArray(s, 'source')
      if (!Array.isArray(v)) throw notArray(v, 'view')
      // A copy is started at the first changed item (at once when the lengths differ).
      let out: A[] | undefined = v.length === s.length ? undefined : []
      for (let i = 0; i < v.length; i++) {
        const before = s[i] as A
        const next = i < s.length ? item.put(before, v[i] as B) : item.create(v[i] as B)
        if (out === undefined) {
          if (next === before) continue
          out = copyArray(s, i)
        }
        out.push(next)
      }
      if (out !== undefined) noteChanged(out, s)
      return out ?? s
    },
    create,
  }
  return <S, X>(self: Lens<S, X>) => compose(self as Lens<S, unknown>, node as Lens<unknown, unknown>) as Lens<S, MapView<X, B>>
}
