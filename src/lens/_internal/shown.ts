/**
 * The index of the items an array lens shows (`keyed`, `filter`, `map`): the source positions of the
 * shown items and their views, cached per source array. A source array made from an indexed one by
 * path copying (its lineage) gets its index from the old one in proportion to the changed window:
 * the positions and views outside it are kept (positions after it shifted), only the items inside
 * it are tested and viewed. The views array is frozen (it is handed out as the view) and records
 * its own lineage, so the next node (a filter over a keyed view, the digest) can carry forward too.
 *
 * @internal
 */
import { type Window, derivationOf, lineageMinLength, noteSplice } from '../../json/_internal/lineage.js'
import { copyArray } from '../../json/_internal/copyArray.js'

/** @internal */
export interface ShownIndex<B> {
  /** Source positions of the shown items, in order. */
  readonly positions: readonly number[]
  /** The view of each shown item (frozen). */
  readonly views: readonly B[]
}

/** How an index was carried forward: shown ordinals `[first, baseEnd)` became `[first, nextEnd)`. @internal */
export interface Carried {
  readonly first: number
  readonly baseEnd: number
  readonly nextEnd: number
}

/** @internal */
export interface ShownCache<A, B, I extends ShownIndex<B>> {
  /** The index of `src`, built or carried forward, and cached. */
  readonly indexOf: (src: readonly A[]) => I
  /** The cached index of `src`, if any. */
  readonly peek: (src: readonly A[]) => I | undefined
  /** Caches `index` as the index of `src` (a node that built `src` knows its index already). */
  readonly seed: (src: readonly A[], index: I) => void
}

/**
 * A per-array cache of shown indexes. `shows` picks the shown items (`undefined`: all), `view`
 * views one; `extend` adds a lens's own fields to a new index (given the old index and how it was
 * carried, when it was).
 *
 * Arrays shorter than {@link lineageMinLength} carry no lineage, so their index is rebuilt for each
 * new array anyway; they are cached in one slot (the last such array) instead of the `WeakMap`,
 * whose insertions cost more than rebuilding a short index. The slot keeps at most one short array
 * alive per lens node.
 *
 * @internal
 */
export function shownCache<A, B, I extends ShownIndex<B>>(
  shows: ((item: A) => boolean) | undefined,
  view: (item: A) => B,
  extend: (index: ShownIndex<B>, from?: { readonly old: I; readonly carried: Carried }) => I,
): ShownCache<A, B, I> {
  const cache = new WeakMap<readonly A[], I>()
  let lastShort: readonly A[] | undefined
  let lastShortIndex: I | undefined
  const known = (array: readonly unknown[]): boolean => cache.has(array as readonly A[])
  const peek = (src: readonly A[]): I | undefined => (src === lastShort ? lastShortIndex : cache.get(src))
  const indexOf = (src: readonly A[]): I => {
    let index = peek(src)
    if (index !== undefined) return index
    if (src.length < lineageMinLength) {
      index = build(src)
      lastShort = src
      lastShortIndex = index
      return index
    }
    const derivation = derivationOf(src, known)
    if (derivation === undefined) {
      index = build(src)
    } else {
      const old = cache.get(derivation.base as readonly A[])!
      index = sameShape(old, derivation.base as readonly A[], src, derivation)
      if (index !== undefined) {
        cache.set(src, index)
        return index
      }
      const { start, baseEnd, nextEnd } = derivation
      const shift = nextEnd - baseEnd
      const first = firstAtOrAfter(old.positions, start)
      const last = firstAtOrAfter(old.positions, baseEnd)
      const positions = old.positions.slice(0, first)
      const views = copyArray(old.views, first)
      for (let i = start; i < nextEnd; i++) {
        const item = src[i]!
        if (shows === undefined || shows(item)) {
          positions.push(i)
          views.push(view(item))
        }
      }
      const carried: Carried = { first, baseEnd: last, nextEnd: positions.length }
      for (let o = last; o < old.positions.length; o++) {
        positions.push(old.positions[o]! + shift)
        views.push(old.views[o]!)
      }
      noteSplice(views, old.views, first, last - first, carried.nextEnd - first)
      index = extend({ positions, views: Object.freeze(views) }, { old, carried })
    }
    cache.set(src, index)
    return index
  }
  const build = (src: readonly A[]): I => {
    const positions: number[] = []
    const views: B[] = []
    for (let i = 0; i < src.length; i++) {
      const item = src[i]!
      if (shows === undefined || shows(item)) {
        positions.push(i)
        views.push(view(item))
      }
    }
    return extend({ positions, views: Object.freeze(views) })
  }
  /**
   * The common case, an item replaced in place: the window keeps its length and shows the same
   * positions as before. Then the positions are shared with the old index and the views are a copy
   * of the old ones (one `slice`) with the window's changed items viewed anew; `undefined` otherwise.
   */
  const sameShape = (old: I, base: readonly A[], src: readonly A[], window: Window): I | undefined => {
    const { start, baseEnd, nextEnd } = window
    if (nextEnd !== baseEnd) return undefined
    const positions = old.positions
    const first = firstAtOrAfter(positions, start)
    let o = first
    for (let i = start; i < nextEnd; i++) {
      if (shows !== undefined && !shows(src[i]!)) {
        if (positions[o] === i) return undefined
        continue
      }
      if (positions[o] !== i) return undefined
      o++
    }
    const last = o
    const views = copyArray(old.views)
    for (let k = first; k < last; k++) {
      const at = positions[k]!
      const item = src[at]!
      if (item !== base[at]) views[k] = view(item)
    }
    noteSplice(views, old.views, first, last - first, last - first)
    return extend({ positions, views: Object.freeze(views) }, { old, carried: { first, baseEnd: last, nextEnd: last } })
  }
  const seed = (src: readonly A[], index: I): void => {
    if (src.length < lineageMinLength) {
      lastShort = src
      lastShortIndex = index
    } else cache.set(src, index)
  }
  return { indexOf, peek, seed }
}

/** The first ordinal whose position is at least `at` (binary search). */
function firstAtOrAfter(positions: readonly number[], at: number): number {
  let lo = 0
  let hi = positions.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (positions[mid]! < at) lo = mid + 1
    else hi = mid
  }
  return lo
}
