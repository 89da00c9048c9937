/**
 * Key-based alignment of arrays.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { mergeAligned, type PlannedItem } from './_internal/align.js'
import { type ShownIndex, shownCache } from './_internal/shown.js'
import { type KeyTable, keyTable, rekeyed } from './_internal/keyTable.js'
import { derivationOf, lineageMinLength, noteChanged, noteCopy, noteEdit } from '../json/_internal/lineage.js'
import { deepEqual } from '../json/equal.js'
import { toPointer } from '../json/pointer.js'
import { preview, typeName } from './_internal/record.js'
import { copyArray } from '../json/_internal/copyArray.js'

/**
 * Options of {@link keyed}.
 *
 * @category models
 * @since 0.1.0
 */
export interface KeyedOptions<A, B> {
  /**
   * Which source items the view shows. Items failing it are hidden: `get` leaves them out, `put`
   * keeps them at their positions, and they take no part in key matching.
   * @defaultValue every item is shown
   */
  readonly where?: ((item: A) => boolean) | undefined
  /**
   * Builds a source item for a view item whose key matches no source item.
   * @defaultValue the item lens's `create`
   */
  readonly create?: ((view: B) => A) | undefined
  /**
   * What happens to a shown source item whose key the view no longer holds: return `undefined` to
   * delete it, or an item that fails `where` to keep it hidden in place. Requires `where`.
   * @defaultValue delete
   */
  readonly conceal?: ((item: A) => A | undefined) | undefined
  /**
   * Return `undefined` instead of an empty array from `put`/`create`, so that an enclosing `prop`
   * removes the property (FHIR forbids `[]`). The FHIR presets set it.
   * @defaultValue false
   */
  readonly emptyAsAbsent?: boolean | undefined
  /**
   * What a key of `undefined` means: `'error'` refuses it (`InvalidLens`, like any non-string key);
   * `'positional'` marks an item without identity (a Bundle entry with neither `fullUrl` nor id),
   * aligned by position among the unkeyed items — the first unkeyed view item with the first
   * unkeyed shown source item, and so on — and never a duplicate of another.
   * @defaultValue 'error'
   */
  readonly unkeyed?: 'error' | 'positional' | undefined
  /** Name of the step in error messages. @defaultValue `keyed(<key function name>)` */
  readonly step?: string | undefined
}

/**
 * The `Keyed` node: a lens from an array of `A` (or `undefined`, read as `[]`) to the array of views
 * of its shown items.
 *
 * **Details** — fields expose how it was built, for edit translation. The item factory is
 * `createItem` (the name `create` is the lens's own method).
 *
 * @category models
 * @since 0.1.0
 */
export interface KeyedLens<A, B> extends Lens<readonly A[] | undefined, B[]> {
  readonly _tag: 'Keyed'
  /** Key of a view item (applied to `item.get(sourceItem)` for source items); `undefined` for an unkeyed item. */
  readonly key: (item: B) => string | undefined
  /** Lens applied to each matched item. */
  readonly item: Lens<A, B>
  /** Which source items are shown (`undefined`: all). */
  readonly where: ((item: A) => boolean) | undefined
  /** Builds a source item for an unmatched view item. */
  readonly createItem: (view: B) => A
  /** Keeps a dropped item hidden (`undefined`: dropped items are deleted). */
  readonly conceal: ((item: A) => A | undefined) | undefined
  /** Whether an empty result is returned as `undefined`. */
  readonly emptyAsAbsent: boolean
  /** What a key of `undefined` means (see {@link KeyedOptions.unkeyed}). */
  readonly unkeyed: 'error' | 'positional'
}

interface SourceIndex<B> extends ShownIndex<B> {
  /** Filled on first `put` (or carried from the index this one was carried forward from). */
  keys?: KeyTable
}


/** What `keyed` hands its edit translator: the shown positions and views of a source, and its key table on demand. @internal */
export interface KeyedIndex<B> {
  readonly positions: readonly number[]
  readonly views: readonly B[]
  /** The key table (built on first call; throws `InvalidLens` for a non-string key, as a put does). */
  readonly keys: () => Pick<KeyTable, 'ordinalOf' | 'duplicate'>
}

const EMPTY: readonly never[] = Object.freeze([])

/** Builds the `Keyed` node. @internal */
export function keyedNode<A, B>(
  key: (item: B) => string | undefined,
  item: Lens<A, B>,
  options: KeyedOptions<A, B> = {},
): KeyedLens<A, B> {
  if (typeof key !== 'function') invalid('keyed: key must be a function')
  if (item === null || typeof item !== 'object' || typeof item.get !== 'function' || typeof item.put !== 'function')
    invalid('keyed: item must be a lens')
  if (options === null || typeof options !== 'object') invalid('keyed: options must be an object')
  const { where, conceal } = options
  if (where !== undefined && typeof where !== 'function') invalid('keyed: where must be a function')
  if (options.create !== undefined && typeof options.create !== 'function') invalid('keyed: create must be a function')
  if (conceal !== undefined && typeof conceal !== 'function') invalid('keyed: conceal must be a function')
  if (conceal !== undefined && where === undefined)
    invalid('keyed: conceal needs where (a concealed item must fail where to stay hidden)')
  const createItem = options.create ?? ((v: B) => item.create(v))
  const emptyAsAbsent = options.emptyAsAbsent === true
  if (options.unkeyed !== undefined && options.unkeyed !== 'error' && options.unkeyed !== 'positional')
    invalid("keyed: unkeyed must be 'error' or 'positional'")
  const unkeyed = options.unkeyed ?? 'error'
  const step = options.step ?? `keyed(${key.name || 'key'})`

  const { indexOf, seed } = shownCache<A, B, SourceIndex<B>>(
    where,
    (a) => item.get(a),
    (index, from) => {
      // The key table still holds when the carried window kept every key at its ordinal.
      if (from === undefined || from.old.keys === undefined) return index
      const { old, carried } = from
      if (carried.nextEnd !== carried.baseEnd) return index
      try {
        for (let o = carried.first; o < carried.nextEnd; o++) if (index.views[o] !== old.views[o] && key(index.views[o]!) !== key(old.views[o]!)) return index
      } catch {
        return index
      }
      return { ...index, keys: old.keys }
    },
  )
  /** The key of `view`, found at index `at` (of the source for a source item, of the view otherwise). */
  const keyOf = (view: B, at: number): string | undefined => {
    const k = key(view)
    if (typeof k === 'string' || (k === undefined && unkeyed === 'positional')) return k
    throw new LensError({
      code: 'InvalidLens',
      pointer: toPointer([at]),
      step,
      message: `keyed: key must return a string, got ${k === null ? 'null' : typeof k}.`,
      metaMessages: [`item: ${preview(view)}`],
    })
  }
  const keysOf = (index: SourceIndex<B>): KeyTable => {
    if (index.keys === undefined) {
      const keys: (string | undefined)[] = []
      for (let o = 0; o < index.views.length; o++) keys.push(keyOf(index.views[o]!, index.positions[o]!))
      index.keys = keyTable(keys)
    }
    return index.keys
  }
  const isShown = (a: A): boolean => where === undefined || where(a)

  const align = (src: readonly A[], index: SourceIndex<B> | undefined, v: readonly B[]): readonly A[] => {
    const table = index === undefined ? undefined : keysOf(index)
    if (!Array.isArray(v))
      throw new LensError({ code: 'ViewOutOfRange', pointer: '', step, message: `keyed: the view must be an array, got ${typeof v}.` })
    const seen = new Map<string, number>()
    const plan: PlannedItem<A>[] = []
    const matched = new Set<number>()
    let positional = 0
    for (let j = 0; j < v.length; j++) {
      const view = v[j]!
      const k = keyOf(view, j)
      const earlier = k === undefined ? undefined : seen.get(k)
      if (earlier !== undefined)
        throw new LensError({
          code: 'AmbiguousKey',
          pointer: toPointer([j]),
          step,
          message: `The view holds two items with key ${JSON.stringify(k)}; give each item a distinct key.`,
          metaMessages: [`first: index ${earlier}`, `second: index ${j}`, `key: ${JSON.stringify(k)}`],
        })
      if (k !== undefined) seen.set(k, j)
      const o = k === undefined ? table?.unkeyed[positional++] : table?.ordinalOf(k)
      let next: A
      let from: number | undefined
      if (o !== undefined) {
        from = index!.positions[o]!
        next = item.put(src[from]!, view)
        matched.add(o)
      } else {
        next = createItem(view)
      }
      if (!isShown(next))
        throw new LensError({
          code: 'ViewOutOfRange',
          pointer: toPointer([j]),
          step,
          message: `keyed: this view item would be stored as an item that \`where\` hides; change the item or the lens's where.`,
          metaMessages: [`item: ${preview(view)}`],
        })
      plan.push({ from, item: next })
    }
    let concealed: Map<number, A> | undefined
    if (conceal !== undefined && index !== undefined) {
      for (let o = 0; o < index.positions.length; o++) {
        if (matched.has(o)) continue
        const at = index.positions[o]!
        const hidden = conceal(src[at]!)
        if (hidden === undefined) continue
        if (isShown(hidden))
          throw new LensError({
            code: 'InvalidLens',
            pointer: toPointer([at]),
            step,
            message: 'keyed: conceal returned an item that where still shows; return an item that fails where, or undefined to delete.',
            metaMessages: [`source index: ${at}`, `concealed item: ${preview(hidden)}`],
          })
        ;(concealed ??= new Map()).set(at, hidden)
      }
    }
    const shownSet = index === undefined ? undefined : new Set(index.positions)
    return mergeAligned(src, (i) => shownSet?.has(i) ?? false, plan, concealed)
  }

  const notArray = (value: unknown): LensError =>
    new LensError({
      code: 'PathNotFound',
      pointer: '',
      step,
      message: `keyed: expected the source to be an array (or undefined, read as []), found ${typeName(value)}.`,
      metaMessages: [`source: ${preview(value)}`],
    })

  /**
   * The common edit: a view as long as the shown items, each item either the very view `get`
   * returned or one with the same key at the same position. The general alignment would put every
   * item back where it was, so this copies the array once and puts only the changed items through
   * the item lens. An item whose key changed to a key no other item holds is, without `where` and
   * `conceal`, what the general alignment makes of it too: the old item deleted and the new one
   * created in its place. Returns `undefined` (use the general alignment) for anything else: a
   * moved, added or dropped key, a non-string key, or an item that `where` would hide.
   */
  const replaceInPlace = (src: readonly A[], index: SourceIndex<B>, table: KeyTable, v: readonly B[], owned: boolean): readonly A[] | undefined => {
    const { positions, views } = index
    let out: A[] | undefined
    let noted = false
    let outViews: B[] | undefined
    let newKeys: [number, string][] | undefined
    // An owned view (handed over by the node after this one) becomes the new view as it is while
    // each changed item views back as itself; then no copy of the views is made.
    let reuse = owned
    // A view path-copied from this very view (a put through a next node) differs only in its window.
    // (Arrays as short as these views carry no lineage.)
    const window = views.length < lineageMinLength ? undefined : derivationOf(v, (base) => base === views)
    const from = window === undefined ? 0 : window.start
    const to = window === undefined ? v.length : window.nextEnd
    for (let j = from; j < to; j++) {
      const view = v[j]!
      if (view === views[j]) continue
      const k = key(view)
      if (typeof k !== 'string') return undefined
      const at = positions[j]!
      const before = src[at]!
      let next: A
      // Without duplicates, the key at ordinal j is k exactly when k's ordinal is j.
      if (table.keys[j] === k) next = item.put(before, view)
      else {
        if (where !== undefined || conceal !== undefined || table.ordinalOf(k) !== undefined || holds(newKeys, k)) return undefined
        ;(newKeys ??= []).push([j, k])
        next = createItem(view)
      }
      if (next === before) {
        // The view keeps the old item's view, not this one.
        reuse = false
        continue
      }
      if (!isShown(next)) return undefined
      if (out === undefined) {
        out = copyArray(src)
        noted = noteCopy(out, src)
      }
      out[at] = next
      if (noted) noteEdit(out, at, 1, 1)
      const viewed = item.get(next)
      if (reuse && viewed === view) continue
      reuse = false
      outViews ??= viewsUpTo(src, positions, views, out, v, from, j)
      setView(outViews, j, viewed)
    }
    if (out === undefined) return src
    if (!reuse) outViews ??= viewsUpTo(src, positions, views, out, v, from, to)
    seed(out, { positions, views: Object.freeze(outViews ?? (v as B[])), keys: newKeys === undefined ? table : rekeyed(table, newKeys) })
    return out
  }

  const finish = (s: readonly A[] | undefined, out: readonly A[]): readonly A[] | undefined =>
    out.length === 0 && emptyAsAbsent && out !== s ? undefined : out

  /** `put`; `owned`: `v` is handed over by the next node (see replaceInPlace). */
  const putWith = (s: readonly A[] | undefined, v: B[], owned: boolean): readonly A[] | undefined => {
    if (s === undefined) return Array.isArray(v) && v.length === 0 ? s : finish(s, align(EMPTY, undefined, v))
    if (!Array.isArray(s)) throw notArray(s)
    const index = indexOf(s)
    const table = keysOf(index)
    if (table.duplicate === undefined && Array.isArray(v) && v.length === index.views.length) {
      const out = replaceInPlace(s, index, table, v, owned)
      if (out !== undefined) return out
    }
    if (table.duplicate !== undefined) {
      const views = index.views
      if (v.length === views.length && v.every((x, j) => x === views[j] || deepEqual(x, views[j]))) return s
      const { key: k, first, second } = table.duplicate
      throw duplicateKeyError(step, k, index.positions[first]!, index.positions[second]!)
    }
    const out = align(s, index, v)
    if (out !== s) noteChanged(out, s)
    return finish(s, out)
  }

  const node: KeyedLens<A, B> & {
    readonly sharedView: (s: readonly A[] | undefined) => readonly B[]
    readonly indexed: (s: readonly A[]) => KeyedIndex<B>
    readonly putOwned: (s: readonly A[] | undefined, v: B[]) => readonly A[] | undefined
  } = {
    _tag: 'Keyed',
    step,
    key,
    item,
    where,
    createItem,
    conceal,
    emptyAsAbsent,
    unkeyed,
    get(s) {
      if (s === undefined) return EMPTY as unknown as B[]
      if (!Array.isArray(s)) throw notArray(s)
      return indexOf(s).views as unknown as B[]
    },
    // Internal (see compose): the view, for a next node that only reads it.
    sharedView(s: readonly A[] | undefined): readonly B[] {
      if (s === undefined) return EMPTY
      if (!Array.isArray(s)) throw notArray(s)
      return indexOf(s).views
    },
    // Internal (see translate/keyed): the index of a source array.
    indexed(s: readonly A[]): KeyedIndex<B> {
      const index = indexOf(s)
      return { positions: index.positions, views: index.views, keys: () => keysOf(index) }
    },
    put(s, v) {
      return putWith(s, v, false)
    },
    // Internal (see compose): a put whose view array is handed over (see replaceInPlace).
    putOwned(s: readonly A[] | undefined, v: B[]): readonly A[] | undefined {
      return putWith(s, v, true)
    },
    create(v) {
      return finish(undefined, align(EMPTY, undefined, v).slice())
    },
  }
  return node
}

/**
 * The `DuplicateKey` refusal of a put (or a translated edit) into a source array holding two shown
 * items with the same key, at source indices `first` and `second`.
 *
 * @internal
 */
export function duplicateKeyError(step: string, key: string, first: number, second: number, data?: unknown): LensError {
  return new LensError({
    code: 'DuplicateKey',
    pointer: toPointer([second]),
    step,
    message: `The source holds two items with key ${JSON.stringify(key)}, so view items cannot be aligned with them; make the source keys unique (pointer is into the source array).`,
    metaMessages: [`first: source index ${first}`, `second: source index ${second}`, `key: ${JSON.stringify(key)}`],
    data,
  })
}

function invalid(message: string): never {
  throw new LensError({ code: 'InvalidLens', pointer: '', step: 'keyed()', message })
}

/**
 * Aligns an array with its view by key, in the style of BiGUL's `align` and Boomerang's dictionary
 * lenses: each view item is matched with the source item of the same key, and the item lens puts it
 * there, so the hidden parts of every item survive reordering.
 *
 * **When to use** — for FHIR lists whose items have an identity (`identifier` by `system|value`,
 * `extension` by `url`, questionnaire `item` by `linkId`); the FHIR presets are built on it. Use
 * `map` when position is the identity.
 *
 * **Laws**
 * 1. GetPut — `put(s, get(s)) === s`: always (the same reference, even for a source with duplicate
 *    keys, which is otherwise out of the domain of `put`).
 * 2. PutGet — `get(put(s, v))` equals `v`: for every view with distinct string keys whose items
 *    are stored as shown items (else `AmbiguousKey` / `ViewOutOfRange`), provided the item lens
 *    satisfies PutGet and CreateGet.
 * 3. PutPut — `put(put(s, v1), v2)` equals `put(s, v2)`: holds when every item v2 keeps was kept
 *    by v1 too, and no item was both dropped by v1 and hidden by `where`; in general it fails, for
 *    two reasons: an item deleted by v1 and re-added by v2 is re-created, so its hidden parts
 *    (fields the item lens hides, `_x` extensions it does not show) are lost — delete-then-recreate
 *    is not a no-op — unless the item lens has no hidden parts (`item.put(a, b)` equals
 *    `item.create(b)`); and a re-added item lands next to its view neighbours, not in its old slot
 *    between hidden items. With `conceal`, v1 leaves a hidden copy behind that v2 does not revive.
 *    An `undefined` source and `[]` both read as `[]`: without `emptyAsAbsent`, `put(put(undefined,
 *    v1), [])` is `[]`, not `undefined` — set `emptyAsAbsent` under a `prop` (the presets do).
 * 4. CreateGet — `get(create(v))` equals `v`: when keys are distinct and the item lens (or
 *    `options.create`) satisfies CreateGet.
 *
 * **Details**
 * - `key` is applied to view items and to `item.get(sourceItem)` for shown source items; hidden
 *   items take no part in matching. It must return a string (`InvalidLens` otherwise), or, with
 *   `unkeyed: 'positional'`, `undefined` for an item without identity: unkeyed items align by their
 *   order among the unkeyed items and are never duplicates.
 * - Matched items are put with `item.put`; unmatched view items are built with `options.create`
 *   (default `item.create`); shown source items missing from the view are deleted, or kept hidden
 *   with `options.conceal`.
 * - Positions: hidden and concealed items stay where they are; matched items take the positions of
 *   the matched source items in view order; a new item goes right before the next matched item of
 *   the view (or after the last one).
 * - The key table is cached per source array (sources are immutable): arrays of 64 items or more in
 *   a `WeakMap`, shorter ones in one slot per lens (the last one seen, which is also what a put
 *   caches for the array it returns, so chained puts never rebuild it). A put whose result equals
 *   the source returns the source array itself.
 * - Errors: `AmbiguousKey` (two view items share a key; pointer to the second, both indices in
 *   `metaMessages`), `DuplicateKey` (two shown source items share a key and the view is not the
 *   unchanged view; pointer into the source array, to the second), `ViewOutOfRange` (a view item
 *   would be stored hidden by `where`), `InvalidLens` (bad options, a non-string key, a `conceal`
 *   result that `where` still shows).
 * - An `undefined` source reads as `[]`; with `emptyAsAbsent`, an empty result is `undefined`.
 *   Any other non-array source is `PathNotFound` (pointer `""`) on `get` and `put`.
 * - Fast path: a view as long as the shown items whose changed items keep the key of the item at
 *   their position (an in-place edit, the common case) copies the array once and puts only the
 *   changed items through the item lens; every other view goes through the full alignment.
 *
 * **Example** (identifiers keyed by `system|value`, reordered without losing their extensions)
 * ```ts
 * import { id, keyed, pick, pipe, prop } from 'lensync'
 * import type { Identifier, Patient } from 'lensync'
 * declare const patient: Patient
 * const _identifiers = pipe(
 *   id<Patient>(),
 *   prop('identifier'),
 *   keyed((i) => `${i.system ?? ''}|${i.value ?? ''}`, pipe(id<Identifier>(), pick(['system', 'value']))),
 * )
 * _identifiers.put(patient, [..._identifiers.get(patient)].reverse())
 * // Output: the patient with its identifiers reversed, each with its `use`, `period`, `_value`
 * ```
 *
 * @see {@link filter} for a subset without keys.
 * @category combinators
 * @since 0.1.0
 */
export function keyed<A, B>(
  key: (item: B) => string | undefined,
  item: Lens<A, B>,
  options?: KeyedOptions<A, B>,
): <S, T extends readonly A[] | undefined>(self: Lens<S, T>) => Lens<S, B[]> {
  const node = keyedNode(key, item, options)
  return <S, T extends readonly A[] | undefined>(self: Lens<S, T>) => compose(self, node as unknown as Lens<T, B[]>)
}

/**
 * The new views of the items before ordinal `end`, while each item changed so far views back as
 * its view item `v[i]`: the old views, with those of the changed items taken from `v`.
 */
function viewsUpTo<A, B>(src: readonly A[], positions: readonly number[], views: readonly B[], out: readonly A[], v: readonly B[], from: number, end: number): B[] {
  const outViews = copyArray(views)
  // The views' lineage lets the next node (a filter, the digest) carry its own index forward.
  noteCopy(outViews, views)
  for (let i = from; i < end; i++) if (out[positions[i]!] !== src[positions[i]!]) setView(outViews, i, v[i]!)
  return outViews
}

/** Sets a view in a copy made by {@link viewsUpTo} (noted when the views are long enough to be). */
function setView<B>(views: B[], j: number, view: B): void {
  views[j] = view
  if (views.length >= lineageMinLength) noteEdit(views, j, 1, 1)
}

function holds(keys: readonly (readonly [number, string])[] | undefined, k: string): boolean {
  if (keys !== undefined) for (const [, held] of keys) if (held === k) return true
  return false
}
