/**
 * `iso(to, from)`: a reversible conversion of the whole value.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { same, typeName } from './_internal/record.js'

/**
 * The `Iso` node.
 *
 * @category models
 * @since 0.1.0
 */
export interface IsoLens<A, B> extends Lens<A, B> {
  readonly _tag: 'Iso'
  readonly to: (a: A) => B
  readonly from: (b: B) => A
}

/**
 * Views a value through a pair of conversions: `get` is `to`, `put` and `create` are `from`.
 *
 * **When to use** — to change a value's representation without hiding anything: a FHIR date string
 * as `{ year, month, day }`, a `Quantity` in another unit, a code as an enum.
 *
 * **Laws** — all four hold if and only if `to` and `from` are mutually inverse on the values they
 * meet (`from(to(a))` equals `a` for every source, `to(from(b))` equals `b` for every view):
 * 1. GetPut: `put(s, get(s)) === s` — iff `from(to(s))` equals `s` (then `s` itself comes back).
 * 2. PutGet: `get(put(s, v))` equals `v` — iff `to(from(v))` equals `v`.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — always (`put` ignores the source, except
 *    for returning it when nothing changes).
 * 4. CreateGet: `get(create(v))` equals `v` — iff `to(from(v))` equals `v`.
 *
 * **Details**
 * - Both round trips are your responsibility: check them with {@link checkLaws} on the values you
 *   expect (a lossy `to`, such as rounding, breaks GetPut; a `from` that normalises breaks PutGet).
 * - `put(s, v)` returns `s` itself when `from(v)` equals `s` (reference, then structural equality).
 * - Exceptions thrown by `to`/`from` propagate unchanged. Non-function arguments are `InvalidLens`.
 *
 * **Example** (a FHIR date as its parts)
 * ```ts
 * import { id, iso, pipe, prop } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _birthParts = pipe(
 *   id<Patient>(),
 *   prop('birthDate'),
 *   iso(
 *     (d: string | undefined) => (d === undefined ? undefined : { year: Number(d.slice(0, 4)) }),
 *     (p: { year: number } | undefined) => (p === undefined ? undefined : String(p.year).padStart(4, '0')),
 *   ),
 * )
 * _birthParts.put({ resourceType: 'Patient', birthDate: '1970' }, { year: 1971 })
 * // Output: { resourceType: 'Patient', birthDate: '1971' }
 * ```
 *
 * @see {@link rename} to rename a key, {@link map} to convert every item of an array.
 * @category combinators
 * @since 0.1.0
 */
export function iso<A, B>(to: (a: A) => B, from: (b: B) => A): <S>(self: Lens<S, A>) => Lens<S, B> {
  const step = `iso(${typeof to === 'function' && to.name ? to.name : 'to'}, ${typeof from === 'function' && from.name ? from.name : 'from'})`
  if (typeof to !== 'function' || typeof from !== 'function')
    throw new LensError({
      code: 'InvalidLens',
      pointer: '',
      step,
      message: `iso: to and from must be functions, got ${typeName(to)} and ${typeName(from)}.`,
    })
  const node: IsoLens<A, B> = {
    _tag: 'Iso',
    step,
    to,
    from,
    get: to,
    put(s, v) {
      const next = from(v)
      return same(next, s) ? s : next
    },
    create: from,
  }
  return <S>(self: Lens<S, A>) => compose(self, node)
}
