/**
 * The key table of an array lens (`keyed` and the FHIR presets): each shown item's key, looked up by
 * key. Short tables are searched linearly (`indexOf` over the keys), which costs less than building
 * and copying a `Map` for the few items most FHIR arrays hold; longer ones keep a `Map`.
 *
 * @internal
 */

/** Up to this many keys, a table is searched linearly instead of through a `Map`. */
const linearMax = 16

/** @internal */
export interface KeyTable {
  /** The key of each shown item, by ordinal (`undefined`: an unkeyed item). */
  readonly keys: readonly (string | undefined)[]
  /** Ordinals among the shown items of the unkeyed ones, in order. */
  readonly unkeyed: readonly number[]
  /** The first duplicate, as ordinals among the shown items. */
  readonly duplicate: { readonly key: string; readonly first: number; readonly second: number } | undefined
  /** The ordinal of the first item with key `k`. */
  readonly ordinalOf: (k: string) => number | undefined
}

/** The key table of `keys` (one per shown item, in order). @internal */
export function keyTable(keys: readonly (string | undefined)[]): KeyTable {
  const unkeyed: number[] = []
  let duplicate: KeyTable['duplicate']
  const byKey = keys.length > linearMax ? new Map<string, number>() : undefined
  for (let o = 0; o < keys.length; o++) {
    const k = keys[o]
    if (k === undefined) {
      unkeyed.push(o)
      continue
    }
    // indexOf finds k at o itself when no earlier item holds it.
    const first = byKey !== undefined ? byKey.get(k) : keys.indexOf(k)
    if (first === undefined || first === o) byKey?.set(k, o)
    else duplicate ??= { key: k, first, second: o }
  }
  return { keys, unkeyed, duplicate, ordinalOf: lookup(keys, byKey) }
}

/**
 * `table` after the keyed items at the given ordinals took new keys that no other item holds (the
 * caller checked it); `undefined` when one of them had no key (build the table again).
 *
 * @internal
 */
export function rekeyed(table: KeyTable, changes: readonly (readonly [number, string])[]): KeyTable | undefined {
  const keys = table.keys.slice()
  for (const [o, k] of changes) {
    if (keys[o] === undefined) return undefined
    keys[o] = k
  }
  if (keys.length <= linearMax) return { keys, unkeyed: table.unkeyed, duplicate: undefined, ordinalOf: lookup(keys, undefined) }
  const byKey = new Map<string, number>()
  for (let o = 0; o < keys.length; o++) if (keys[o] !== undefined) byKey.set(keys[o]!, o)
  return { keys, unkeyed: table.unkeyed, duplicate: undefined, ordinalOf: lookup(keys, byKey) }
}

function lookup(keys: readonly (string | undefined)[], byKey: ReadonlyMap<string, number> | undefined): (k: string) => number | undefined {
  if (byKey !== undefined) return (k) => byKey.get(k)
  return (k) => {
    const o = keys.indexOf(k)
    return o === -1 ? undefined : o
  }
}
