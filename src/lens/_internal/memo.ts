/**
 * `get` memoized per lens node by source identity. Sources are immutable and puts path-copy, so a
 * source object that is still the same object still has the same view: a get after a put
 * recomputes only the nodes over the changed spine, and an unchanged subtree keeps the very view
 * object it had (whose digest and indexes are then cached too). The cache is a `WeakMap`: the
 * garbage collector bounds it.
 *
 * A memoized view is shared by every caller, so the objects a node creates for its view are frozen:
 * changing a view in place throws (strict mode) instead of corrupting the next caller's view. Nodes
 * freeze only what they allocated, never a part of the source.
 *
 * @internal
 */

/** `get` with its results cached per source object (primitives and `undefined` are not cached). @internal */
export function memoGet<S, V>(get: (s: S) => V): (s: S) => V {
  const cache = new WeakMap<object, V & {}>()
  // The last source read, checked before the map: repeated reads of one source (a translation
  // walks the chain's views twice) cost a comparison instead of a hash lookup. Keeps one source
  // and its view alive per node.
  let last: object | undefined
  let lastView: (V & {}) | undefined
  return (s) => {
    if (typeof s !== 'object' || s === null) return get(s)
    if (s === last) return lastView!
    let view = cache.get(s)
    if (view === undefined) {
      const fresh = get(s)
      if (fresh === undefined || fresh === null) return fresh
      view = fresh
      cache.set(s, view)
    }
    last = s
    lastView = view
    return view
  }
}

/** Freezes `view` when it is a new object (not `source` itself); returns it. @internal */
export function frozenView<V>(view: V, source: unknown): V {
  if (view !== source && typeof view === 'object' && view !== null) Object.freeze(view)
  return view
}
