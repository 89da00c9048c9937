/**
 * `under(key, lens)`: run a lens on one property and keep the rest of the object.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { escapeToken } from '../json/pointer.js'
import { hasOwn, isRecord, setOwn, typeName, withoutOwn, type JsonRecord } from './_internal/record.js'
import { memoGet } from './_internal/memo.js'

/**
 * The view of {@link under}: `A` with property `K` replaced by the inner lens's view `O`.
 *
 * @category models
 * @since 0.1.0
 */
export type UnderView<A, K extends string, O> = Omit<A, K> & { [P in K]?: O }

/**
 * The `Under` node.
 *
 * @category models
 * @since 0.1.0
 */
export interface UnderLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Under'
  /** The property the inner lens runs on. */
  readonly key: string
  /** The lens applied to the property's value. */
  readonly lens: Lens<unknown, unknown>
}

/**
 * Applies `lens` to the value of one property and leaves every other property as it is.
 *
 * **When to use** — to shape a part of a record while the view keeps the record's shape: the
 * doctor's view of a Bundle that filters its entries is
 * `pipe(id<Bundle>(), under('entry', filter(isClinical)))`; a Patient whose names drop their `_given`
 * extensions is `under('name', map(omit(['_given'])))`.
 *
 * **Laws** (given the same law of `lens`)
 * 1. GetPut: `put(s, get(s)) === s` — holds when `lens` satisfies GetPut (the same reference comes back).
 * 2. PutGet: `get(put(s, v))` equals `v` — holds when `lens` satisfies PutGet and CreateGet.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — holds when `lens` satisfies PutPut, and when
 *    `lens`'s hidden parts survive a delete-then-create of the property (e.g. `lens` hides nothing).
 * 4. CreateGet: `get(create(v))` equals `v` — holds when `lens` satisfies CreateGet.
 *
 * **Details**
 * - A property absent in the source is absent in the view, and so is an inner view of `undefined`
 *   or `[]` (FHIR forbids empty arrays: a list whose items are all hidden is left out of the view,
 *   and its hidden items stay in the source). Views therefore never hold `[]` at `key`.
 * - `put` takes the other properties from the view (they are not hidden), runs `lens.put` on the
 *   property (or `lens.create` when the source has no value). A view without the property empties
 *   a list view (`lens.put(value, [])`, so hidden items stay), keeps a value whose inner view is
 *   absent, and otherwise removes the property. A put or create whose result for the property is
 *   `undefined` or `[]` removes the property.
 * - Errors raised by `lens` have their pointer prefixed with `/key`.
 * - A non-object source or view is `ViewOutOfRange`.
 *
 * **Example** (keep only final Observations in a Bundle, the rest of the Bundle untouched)
 * ```ts
 * import { filter, id, pipe, under } from 'lensync'
 * import type { Bundle, BundleEntry } from 'lensync'
 * const _final = pipe(id<Bundle>(), under('entry', pipe(id<BundleEntry[]>(), filter((e: BundleEntry) =>
 *   e.resource?.resourceType === 'Observation' && e.resource.status === 'final'))))
 * const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [
 *   { resource: { resourceType: 'Observation', id: 'o1', status: 'final' } },
 *   { resource: { resourceType: 'Observation', id: 'o2', status: 'preliminary' } },
 *   { resource: { resourceType: 'Observation', id: 'o3', status: 'final' } },
 * ] }
 * _final.get(bundle).entry?.length
 * // Output: 2
 * ```
 *
 * @see {@link prop} to make the property itself the view.
 * @category combinators
 * @since 0.1.0
 */
export function under<const K extends string, I, O>(
  key: K,
  lens: Lens<I, O>,
): <S, A extends { readonly [P in K]?: I }>(self: Lens<S, A>) => Lens<S, UnderView<A, K, O>> {
  const step = `under(${JSON.stringify(key)}, ${lens?.step})`
  if (typeof key !== 'string')
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `under: key must be a string, got ${typeName(key)}.` })
  if (typeof lens?.get !== 'function' || typeof lens.put !== 'function' || typeof lens.create !== 'function')
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: 'under: lens must be a lens (get, put and create).' })
  const node = makeUnder(key, lens as Lens<unknown, unknown>, step)
  return (self) => compose(self, node as never)
}

/** An inner view the outer view leaves out: `undefined`, or `[]` (FHIR forbids empty arrays). */
function isAbsent(view: unknown): boolean {
  return view === undefined || (Array.isArray(view) && view.length === 0)
}

function prefixed(error: unknown, key: string): unknown {
  if (!(error instanceof LensError)) return error
  return new LensError({
    code: error.code,
    pointer: `/${escapeToken(key)}${error.pointer}`,
    step: error.step,
    message: error.shortMessage.slice(error.shortMessage.indexOf(': ') + 2),
    metaMessages: error.metaMessages,
    data: error.data,
    cause: error.cause,
  })
}

function makeUnder(key: string, inner: Lens<unknown, unknown>, step: string): UnderLens<JsonRecord, JsonRecord> {
  const outOfRange = (what: string, value: unknown) =>
    new LensError({ code: 'ViewOutOfRange', pointer: '', step, message: `under: the ${what} must be an object, got ${typeName(value)}.` })
  const run = <T>(f: () => T): T => {
    try {
      return f()
    } catch (error) {
      throw prefixed(error, key)
    }
  }
  // A view without the property: a list view is emptied (its hidden items stay), an absent inner
  // view keeps the source value as it is, any other view removes the property.
  const withoutView = (value: unknown): unknown => {
    const view = run(() => inner.get(value))
    if (isAbsent(view)) return value
    return Array.isArray(view) ? run(() => inner.put(value, [])) : undefined
  }
  return {
    _tag: 'Under',
    step,
    key,
    lens: inner,
    get: memoGet((s) => {
      if (!isRecord(s)) throw outOfRange('source', s)
      if (!hasOwn(s, key) || s[key] === undefined) return s
      const view = run(() => inner.get(s[key]))
      if (view === s[key]) return s
      // The property keeps its position (key order is not significant); it exists, so the native
      // copy stays cheap to update (see withOwn).
      if (isAbsent(view)) return Object.freeze(withoutOwn(s, key))
      const out: JsonRecord = { ...s }
      setOwn(out, key, view)
      return Object.freeze(out)
    }),
    put(s, v) {
      if (!isRecord(s)) throw outOfRange('source', s)
      if (!isRecord(v)) throw outOfRange('view', v)
      const had = hasOwn(s, key) && s[key] !== undefined
      const wants = hasOwn(v, key) && v[key] !== undefined
      const put = wants ? run(() => (had ? inner.put(s[key], v[key]) : inner.create(v[key]))) : had ? withoutView(s[key]) : undefined
      const value = isAbsent(put) ? undefined : put
      // Same reference back when nothing changed: every other key identical, and the property too.
      let changed = had ? value !== s[key] : value !== undefined
      if (!changed) {
        let count = 0
        for (const k in v) {
          if (!hasOwn(v, k) || k === key || v[k] === undefined) continue
          count++
          if (!hasOwn(s, k) || s[k] !== v[k]) {
            changed = true
            break
          }
        }
        if (!changed) for (const k in s) if (hasOwn(s, k) && k !== key && s[k] !== undefined) count--
        if (count !== 0) changed = true
      }
      if (!changed) return s
      const out: JsonRecord = {}
      for (const k in v) if (hasOwn(v, k) && k !== key && v[k] !== undefined) setOwn(out, k, v[k])
      if (value !== undefined) setOwn(out, key, value)
      return out
    },
    create(v) {
      if (!isRecord(v)) throw outOfRange('view', v)
      const out: JsonRecord = {}
      for (const k in v) if (hasOwn(v, k) && k !== key && v[k] !== undefined) setOwn(out, k, v[k])
      if (hasOwn(v, key) && v[key] !== undefined) {
        const value = run(() => inner.create(v[key]))
        if (!isAbsent(value)) setOwn(out, key, value)
      }
      return out
    },
  }
}
