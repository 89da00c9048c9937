/**
 * What a translator derives from a lens node's fields (member names, a classifier), computed once
 * per node: nodes are immutable, and a translation visits each node of its chain once per call.
 *
 * @internal
 */
import type { AnyLens } from './ops.js'

/** `derive`, memoized per lens node. @internal */
export function perNode<T>(derive: (lens: AnyLens) => T): (lens: AnyLens) => T {
  const cache = new WeakMap<AnyLens, T>()
  return (lens) => {
    let value = cache.get(lens)
    if (value === undefined) {
      value = derive(lens)
      cache.set(lens, value)
    }
    return value
  }
}
