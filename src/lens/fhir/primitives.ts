/**
 * Arrays of FHIR primitives with their parallel `_x` extension arrays.
 *
 * @since 0.1.0
 */
import { LensError } from '../errors.js'
import { id, type Lens } from '../Lens.js'
import { compose } from '../compose.js'
import { deepEqual } from '../../json/equal.js'
import { toPointer } from '../../json/pointer.js'
import { type JsonRecord, isRecord, ownValue, withoutOwn } from '../_internal/record.js'
import type { Element } from './types.js'
import { memoGet } from '../_internal/memo.js'

/**
 * One item of a primitive array together with its extension: `given[i]` and `_given[i]`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PrimitiveEntry<T = string> {
  /** The primitive (`given[i]`). */
  readonly value: T
  /** Its extension element (`_given[i]`); absent where `_given` is absent or holds `null`. */
  readonly element?: Element | undefined
}

/**
 * The list of entries a {@link primitives} step works on (`undefined` when the property is absent).
 *
 * @category models
 * @since 0.1.0
 */
export type PrimitiveEntries<T = string> = readonly PrimitiveEntry<T>[] | undefined

/**
 * The `Primitives` node: a record whose primitive array `key` (zipped with `_key`) is seen through
 * `lens`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PrimitivesLens<O, T = unknown> extends Lens<O, O> {
  readonly _tag: 'Primitives'
  /** The primitive array property (`given`); its sibling is `_${key}`. */
  readonly key: string
  /** The lens over the zipped entries. */
  readonly lens: Lens<PrimitiveEntries<T>, PrimitiveEntry<T>[]>
}

/** Builds the `Primitives` node. @internal */
export function primitivesNode<O, T>(
  key: string,
  lens: Lens<PrimitiveEntries<T>, PrimitiveEntry<T>[]>,
): PrimitivesLens<O, T> {
  if (typeof key !== 'string' || key === '' || key.startsWith('_'))
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'fhir.primitives()', message: 'fhir.primitives: key must be a property name not starting with "_"' })
  const sibling = `_${key}`
  const step = `fhir.primitives(${JSON.stringify(key)}, ${lens.step})`
  const cache = new WeakMap<object, PrimitiveEntries<T>>()

  const zip = (o: JsonRecord, at: 'source' | 'view'): PrimitiveEntry<T>[] | undefined => {
    const values = ownValue(o, key)
    const elements = ownValue(o, sibling)
    if (values === undefined && elements === undefined) return undefined
    if (!Array.isArray(values) || (elements !== undefined && (!Array.isArray(elements) || elements.length !== values.length)))
      throw new LensError({
        code: at === 'view' ? 'ViewOutOfRange' : 'PathNotFound',
        pointer: toPointer([elements !== undefined && Array.isArray(values) ? sibling : key]),
        step,
        message: `${key} must be an array and ${sibling}, when present, an array of the same length (FHIR parallel primitive arrays).`,
      })
    return values.map((value, i) => {
      const element = (elements as unknown[] | undefined)?.[i]
      return element === null || element === undefined ? { value: value as T } : { value: value as T, element: element as Element }
    })
  }
  const zipCached = (o: JsonRecord): PrimitiveEntries<T> => {
    if (cache.has(o)) return cache.get(o)
    const entries = zip(o, 'source')
    cache.set(o, entries)
    return entries
  }
  const unzip = (o: JsonRecord, entries: readonly PrimitiveEntry<T>[] | undefined): JsonRecord => {
    const out = withoutOwn(o, key, sibling)
    if (entries === undefined || entries.length === 0) return out
    out[key] = entries.map((e) => e.value)
    if (entries.some((e) => e.element !== undefined)) out[sibling] = entries.map((e) => e.element ?? null)
    return out
  }
  const record = (o: unknown, what: string): JsonRecord => {
    if (!isRecord(o))
      throw new LensError({ code: what === 'view' ? 'ViewOutOfRange' : 'PathNotFound', pointer: '', step, message: `fhir.primitives: the ${what} must be an object.` })
    return o
  }
  const create = (v: O): O => {
    if (v === undefined) return undefined as O
    const w = record(v, 'view')
    return unzip(w, lens.create(zip(w, 'view') ?? [])) as O
  }
  return {
    _tag: 'Primitives',
    step,
    key,
    lens,
    get: memoGet((s: O): O => {
      if (s === undefined) return undefined as O
      const o = record(s, 'source')
      const entries = zipCached(o)
      const view = lens.get(entries) ?? []
      const before = entries ?? []
      if (view.length === before.length && view.every((e, i) => e === before[i])) return s
      const out = unzip(o, view)
      for (const k of [key, sibling]) if (Array.isArray(out[k])) Object.freeze(out[k])
      return Object.freeze(out) as O
    }),
    put(s, v) {
      if (v === undefined) return undefined as O
      if (s === undefined) return create(v)
      const o = record(s, 'source')
      const w = record(v, 'view')
      const next = lens.put(zipCached(o), zip(w, 'view') ?? []) as PrimitiveEntries<T>
      const out = unzip(w, next)
      return deepEqual(out, o) ? s : (out as O)
    },
    create,
  }
}

/**
 * Applies an array step (`filter`, `keyed`, `map`, …) to a FHIR primitive array together with its
 * parallel extension array: the step sees `{ value, element }` entries (`given[i]`, `_given[i]`),
 * and the view is the same record with both arrays rebuilt from the entries it keeps, in its order.
 *
 * **When to use** — to filter or reorder `HumanName.given`, `Address.line`, `prefix`, `suffix`,
 * `Meta.profile`, … without letting `_given` fall out of step with `given`.
 *
 * **Laws** — those of the inner step, on the zipped entries (a view whose `given`/`_given` lengths
 * differ is `ViewOutOfRange`). GetPut returns the record itself.
 *
 * **Details**
 * - The view keeps every other field of the record (identity on them).
 * - `_key` is written only when an entry has an element (`null` for the others); an empty result
 *   removes both `key` and `_key` (FHIR forbids `[]`).
 * - The zipped entries are cached per source record, so the inner step's per-array caches work.
 * - An absent record reads as absent: `get(undefined)` is `undefined` (e.g. under
 *   `path('name', 0)` of a patient without names), `put(undefined, v)` is `create(v)`, and a put
 *   of `undefined` returns `undefined` (the record goes, as with `prop`). Any other non-object
 *   source is `PathNotFound`, a non-object view `ViewOutOfRange`.
 *
 * **Example** (hide middle names, keeping `_given` aligned)
 * ```ts
 * import { fhir, filter, id, pipe } from 'lensync'
 * import type { HumanName } from 'lensync'
 * const _firstGiven = pipe(id<HumanName>(), fhir.primitives('given', filter((e: fhir.PrimitiveEntry) => e.value !== 'Q')))
 * _firstGiven.get({ given: ['Ann', 'Q', 'Bo'], _given: [null, { id: 'q' }, { id: 'b' }] })
 * // Output: { given: ['Ann', 'Bo'], _given: [null, { id: 'b' }] }
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function primitives<const K extends string, T = string>(
  key: K,
  step: (self: Lens<PrimitiveEntries<T>, PrimitiveEntries<T>>) => Lens<PrimitiveEntries<T>, PrimitiveEntry<T>[]>,
): <S, O extends { readonly [P in K]?: readonly T[] | undefined } | undefined>(self: Lens<S, O>) => Lens<S, O> {
  if (typeof step !== 'function')
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'fhir.primitives()', message: 'fhir.primitives: step must be a pipeable lens step, e.g. filter(…)' })
  const node = primitivesNode<unknown, T>(key, step(id<PrimitiveEntries<T>>()))
  return <S, O>(self: Lens<S, O>) => compose(self, node as unknown as Lens<O, O>)
}
