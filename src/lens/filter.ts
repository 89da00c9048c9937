/**
 * A subset of an array's items.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { mergeAligned, type PlannedItem } from './_internal/align.js'
import { type ShownIndex, shownCache } from './_internal/shown.js'
import { noteChanged, noteCopy, noteEdit } from '../json/_internal/lineage.js'
import { toPointer } from '../json/pointer.js'
import { preview, typeName } from './_internal/record.js'
import { copyArray } from '../json/_internal/copyArray.js'

/**
 * Options of {@link filter}.
 *
 * @category models
 * @since 0.1.0
 */
export interface FilterOptions {
  /**
   * Return `undefined` instead of an empty array from `put`/`create`, so that an enclosing `prop`
   * removes the property (FHIR forbids `[]`).
   * @defaultValue false
   */
  readonly emptyAsAbsent?: boolean | undefined
  /** Name of the step in error messages. @defaultValue `filter(<predicate name>)` */
  readonly step?: string | undefined
}

/**
 * The `Filter` node: a lens from an array (or `undefined`, read as `[]`) to the items that satisfy
 * `predicate`.
 *
 * @category models
 * @since 0.1.0
 */
export interface FilterLens<A, B extends A = A> extends Lens<readonly A[] | undefined, B[]> {
  readonly _tag: 'Filter'
  /** Which items the view shows. */
  readonly predicate: (item: A) => boolean
  /** Whether an empty result is returned as `undefined`. */
  readonly emptyAsAbsent: boolean
}

const EMPTY: readonly never[] = Object.freeze([])

/** Builds the `Filter` node. @internal */
export function filterNode<A, B extends A = A>(predicate: (item: A) => boolean, options: FilterOptions = {}): FilterLens<A, B> {
  if (typeof predicate !== 'function')
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'filter()', message: 'filter: predicate must be a function' })
  if (options === null || typeof options !== 'object')
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'filter()', message: 'filter: options must be an object' })
  const emptyAsAbsent = options.emptyAsAbsent === true
  const step = options.step ?? `filter(${predicate.name || 'predicate'})`
  const { indexOf: shownOf, seed } = shownCache<A, A, ShownIndex<A>>(predicate, (a) => a, (index) => index)
  const notArray = (value: unknown): LensError =>
    new LensError({
      code: 'PathNotFound',
      pointer: '',
      step,
      message: `filter: expected the source to be an array (or undefined, read as []), found ${typeName(value)}.`,
      metaMessages: [`source: ${preview(value)}`],
    })
  const rejected = (item: unknown, j: number): LensError =>
    new LensError({
      code: 'ViewOutOfRange',
      pointer: toPointer([j]),
      step,
      message: 'This view item fails the filter predicate, so the view could not show it; change the item or remove it.',
      metaMessages: [`item: ${preview(item)}`],
    })
  /**
   * The common edit: a view of the same length as the shown items. Each view item replaces the
   * shown item at its ordinal (exactly what the general merge does for equal lengths), so the
   * array is copied once, on the first changed item, and hidden items stay where they are.
   */
  const replaceInPlace = (src: readonly A[], shown: ShownIndex<A>, v: readonly B[]): readonly A[] => {
    const { positions, views: items } = shown
    let out: A[] | undefined
    let noted = false
    for (let j = 0; j < v.length; j++) {
      const x = v[j]!
      if (x === items[j]) continue
      if (!predicate(x)) throw rejected(x, j)
      if (out === undefined) {
        out = copyArray(src)
        noted = noteCopy(out, src)
      }
      out[positions[j]!] = x
      if (noted) noteEdit(out, positions[j]!, 1, 1)
    }
    return out ?? src
  }
  const align = (src: readonly A[], v: readonly B[]): readonly A[] => {
    if (!Array.isArray(v))
      throw new LensError({ code: 'ViewOutOfRange', pointer: '', step, message: `filter: the view must be an array, got ${typeof v}.` })
    const { positions } = shownOf(src)
    const plan: PlannedItem<A>[] = []
    for (let j = 0; j < v.length; j++) {
      const item = v[j]!
      if (!predicate(item)) throw rejected(item, j)
      plan.push({ from: positions[j], item })
    }
    const shownSet = new Set(positions)
    const out = mergeAligned(src, (i) => shownSet.has(i), plan, undefined)
    if (out !== src) noteChanged(out, src)
    return out
  }
  const finish = (s: readonly A[] | undefined, out: readonly A[]): readonly A[] | undefined =>
    out.length === 0 && emptyAsAbsent && out !== s ? undefined : out
  const node: FilterLens<A, B> & {
    readonly sharedView: (s: readonly A[] | undefined) => readonly A[]
    readonly putOwned: (s: readonly A[] | undefined, v: B[]) => readonly A[] | undefined
  } = {
    _tag: 'Filter',
    step,
    predicate,
    emptyAsAbsent,
    get(s) {
      if (s === undefined) return EMPTY as unknown as B[]
      if (!Array.isArray(s)) throw notArray(s)
      return shownOf(s).views as unknown as B[]
    },
    // Internal (see compose): the view, for a next node that only reads it.
    sharedView(s: readonly A[] | undefined): readonly A[] {
      if (s === undefined) return EMPTY
      if (!Array.isArray(s)) throw notArray(s)
      return shownOf(s).views
    },
    put(s, v) {
      if (s === undefined) return Array.isArray(v) && v.length === 0 ? s : finish(s, align(EMPTY, v))
      if (!Array.isArray(s)) throw notArray(s)
      if (Array.isArray(v)) {
        const shown = shownOf(s)
        if (v.length === shown.views.length) return replaceInPlace(s, shown, v)
      }
      return finish(s, align(s, v))
    },
    // Internal (see compose): a put whose view array is handed over; an in-place edit keeps it
    // (frozen) as the view of the array it returns, so the next read of that array is a cache hit.
    putOwned(s, v) {
      if (s === undefined || !Array.isArray(s) || !Array.isArray(v)) return node.put(s, v)
      const shown = shownOf(s)
      if (v.length !== shown.views.length) return finish(s, align(s, v))
      const out = replaceInPlace(s, shown, v)
      if (out !== s) seed(out, { positions: shown.positions, views: Object.freeze(v) })
      return out
    },
    create(v) {
      return finish(undefined, align(EMPTY, v).slice())
    },
  }
  return node
}

/**
 * Shows the items of an array that satisfy `predicate`; hidden items keep their relative positions
 * on `put`.
 *
 * **When to use** — for a subset of a list whose items have no key, or where position is the
 * identity: only the `official` names, only the `phone` telecoms, no `note`s written by a given
 * author. Use {@link keyed} with `where` when items have a key (edits then follow the key, not the
 * position). For an array of FHIR primitives with a parallel `_x` array (`given`/`_given`), wrap
 * it in `fhir.primitives(key, filter(…))`, which keeps both arrays aligned.
 *
 * **Laws**
 * 1. GetPut — `put(s, get(s)) === s`: always (the same array comes back).
 * 2. PutGet — `get(put(s, v))` equals `v`: for every view whose items all satisfy the predicate
 *    (others are `ViewOutOfRange`).
 * 3. PutPut — `put(put(s, v1), v2)` equals `put(s, v2)`: when `v1` has at least as many items as
 *    `v2`, or the source has no hidden item after its `|v1|`-th shown item. Otherwise it fails:
 *    items v2 appends land right after the last shown item that v1 kept, not in the slots v1
 *    removed between hidden items.
 * 4. CreateGet — `get(create(v))` equals `v`: for every view whose items satisfy the predicate.
 *
 * **Details**
 * - Alignment is positional: the j-th view item replaces the j-th shown source item; extra view
 *   items are inserted right after the last shown item (at the end when none is shown); missing
 *   ones delete the trailing shown items. Hidden items never move relative to one another.
 * - The shown positions are cached per source array (a `WeakMap`).
 * - An `undefined` source reads as `[]`; with `emptyAsAbsent`, an empty result is `undefined`.
 * - A put whose view has as many items as the source shows (the common edit) copies the array
 *   once and writes only the changed items; other puts merge the view with the hidden items.
 * - Errors: `ViewOutOfRange` (a view item fails the predicate; pointer to it), `PathNotFound` (a
 *   source that is neither an array nor `undefined`; pointer `""`), `InvalidLens` (bad options, at
 *   construction).
 *
 * **Example** (only official names)
 * ```ts
 * import { filter, id, pipe, prop } from 'lensync'
 * import type { HumanName, Patient } from 'lensync'
 * const _official = pipe(id<Patient>(), prop('name'), filter((n: HumanName) => n.use === 'official'))
 * _official.get({ resourceType: 'Patient', name: [{ use: 'nickname', given: ['Bo'] }, { use: 'official', family: 'Lee' }] })
 * // Output: [{ use: 'official', family: 'Lee' }]
 * ```
 *
 * @see {@link keyed} for key-based alignment with hidden items.
 * @category combinators
 * @since 0.1.0
 */
export function filter<A, B extends A>(
  predicate: (item: A) => item is B,
  options?: FilterOptions,
): <S, T extends readonly A[] | undefined>(self: Lens<S, T>) => Lens<S, B[]>
export function filter<A>(
  predicate: (item: A) => boolean,
  options?: FilterOptions,
): <S, T extends readonly A[] | undefined>(self: Lens<S, T>) => Lens<S, A[]>
export function filter<A>(
  predicate: (item: A) => boolean,
  options?: FilterOptions,
): <S, T extends readonly A[] | undefined>(self: Lens<S, T>) => Lens<S, A[]> {
  const node = filterNode<A>(predicate, options)
  return <S, T extends readonly A[] | undefined>(self: Lens<S, T>) => compose(self, node as unknown as Lens<T, A[]>)
}
