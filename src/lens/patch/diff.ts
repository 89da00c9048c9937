/**
 * Minimal RFC 6902 patches between two versions of a JSON document.
 *
 * @since 0.1.0
 */
import type { ParsedOp } from './_internal/parse.js'
import { toPatch } from './_internal/parse.js'
import type { PatchOperation } from './types.js'

/**
 * Options of {@link diff}.
 *
 * @category patches
 * @since 0.1.0
 */
export interface DiffOptions {
  /**
   * The key of an item of the array found at `path` (tokens from the document root), or `undefined`
   * when that array is not keyed. When every item of both versions of an array has a key and keys are
   * unique, items are matched by key: a changed key is a removed item plus an added one, never an
   * edit in place. Pass the keys of your {@link keyed} lens here.
   * @defaultValue no keys: items are matched by reference (and primitives by value)
   */
  readonly key?: ((item: unknown, path: readonly string[]) => string | number | undefined) | undefined
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The patch that turns `before` into `after`.
 *
 * **When to use** — when a caller edits a whole view (a form that returns the new view) instead of
 * sending a patch: `translate(lens, s, diff(lens.get(s), edited))`. {@link project} and the
 * state-based fallback of {@link translate} use it on the touched subtree only.
 *
 * **Details**
 * - Cost follows the changed spine: subtrees identical by reference are skipped without a look, so a
 *   diff of a path-copied update costs the depth of the edit, not the size of the document.
 * - Objects: `remove` for vanished members, `add` for new ones, recursion into changed ones
 *   (`undefined` members count as absent). Scalars and changes of kind: `replace`.
 * - Arrays: an equal-by-reference prefix and suffix are skipped; the rest is matched by key
 *   ({@link DiffOptions.key}), or else by reference (primitives by value) with the leftover items
 *   paired in order and diffed in place. Unmatched old items are `remove`d (highest index first),
 *   matched items out of order are `move`d (only those outside a longest increasing run, so the number
 *   of moves is minimal), new items are `add`ed (`-` when they land at the end), then matched items
 *   that changed are diffed at their final index. Positions are never rewritten one by one.
 * - The result applied to `before` with {@link applyPatch} equals `after` (structural equality).
 *
 * **Example** (a keyed array: one item removed, one reordered)
 * ```ts
 * import { diff } from 'lensync'
 * diff(
 *   { identifier: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] },
 *   { identifier: [{ value: 'c' }, { value: 'a' }] },
 *   { key: (item) => (item as { value: string }).value },
 * )
 * // Output: [ { op: 'remove', path: '/identifier/1' }, { op: 'move', from: '/identifier/0', path: '/identifier/1' } ]
 * ```
 *
 * @category patches
 * @since 0.1.0
 */
export function diff(before: unknown, after: unknown, options: DiffOptions = {}): PatchOperation[] {
  const out: ParsedOp[] = []
  diffInto(out, before, after, [], options.key)
  return toPatch(out)
}

/** @internal */
export type KeyOf = DiffOptions['key']

/**
 * Appends to `out` the parsed operations turning `before` into `after`, at `path`.
 *
 * @internal
 */
export function diffInto(out: ParsedOp[], before: unknown, after: unknown, path: string[], key: KeyOf): void {
  if (before === after) return
  if (after === undefined) {
    out.push({ op: 'remove', path: path.slice() })
    return
  }
  if (before === undefined) {
    out.push({ op: 'add', path: path.slice(), value: after })
    return
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffArray(out, before, after, path, key)
  if (isObject(before) && isObject(after)) return diffObject(out, before, after, path, key)
  if (typeof before === 'number' && typeof after === 'number' && Number.isNaN(before) && Number.isNaN(after)) return
  out.push({ op: 'replace', path: path.slice(), value: after })
}

function diffObject(out: ParsedOp[], before: Record<string, unknown>, after: Record<string, unknown>, path: string[], key: KeyOf): void {
  for (const k in before) {
    if (!hasOwn(before, k) || before[k] === undefined) continue
    if (!hasOwn(after, k) || after[k] === undefined) out.push({ op: 'remove', path: [...path, k] })
  }
  for (const k in after) {
    if (!hasOwn(after, k)) continue
    const a = after[k]
    if (a === undefined) continue
    const b = hasOwn(before, k) ? before[k] : undefined
    if (b === a) continue
    path.push(k)
    diffInto(out, b, a, path, key)
    path.pop()
  }
}

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = []
  const prev = new Array<number>(seq.length).fill(-1)
  for (let i = 0; i < seq.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const keep = new Set<number>()
  let k = tails.length ? tails[tails.length - 1]! : -1
  while (k >= 0) {
    keep.add(k)
    k = prev[k]!
  }
  return keep
}

function keysOf(items: readonly unknown[], from: number, to: number, key: NonNullable<KeyOf>, path: readonly string[]): (string | number)[] | undefined {
  const keys: (string | number)[] = []
  const seen = new Set<string | number>()
  for (let i = from; i < to; i++) {
    const k = key(items[i], path)
    if (k === undefined || seen.has(k)) return undefined
    seen.add(k)
    keys.push(k)
  }
  return keys
}

function diffArray(out: ParsedOp[], b: readonly unknown[], a: readonly unknown[], path: string[], key: KeyOf): void {
  let start = 0
  while (start < b.length && start < a.length && b[start] === a[start]) start++
  let endB = b.length
  let endA = a.length
  while (endB > start && endA > start && b[endB - 1] === a[endA - 1]) {
    endB--
    endA--
  }
  const nB = endB - start
  const nA = endA - start
  if (nB === 0 && nA === 0) return

  // match[j] = index (relative to start) of the old item matched with new item j, or -1.
  const match = new Array<number>(nA).fill(-1)
  const used = new Array<boolean>(nB).fill(false)
  const keysB = key ? keysOf(b, start, endB, key, path) : undefined
  const keysA = keysB ? keysOf(a, start, endA, key!, path) : undefined
  if (keysB && keysA) {
    const byKey = new Map<string | number, number>()
    keysB.forEach((k, i) => byKey.set(k, i))
    for (let j = 0; j < nA; j++) {
      const i = byKey.get(keysA[j]!)
      if (i !== undefined) {
        match[j] = i
        used[i] = true
      }
    }
  } else {
    const byRef = new Map<unknown, number[]>()
    for (let i = 0; i < nB; i++) {
      const v = b[start + i]
      const q = byRef.get(v)
      if (q) q.push(i)
      else byRef.set(v, [i])
    }
    for (let j = 0; j < nA; j++) {
      const q = byRef.get(a[start + j])
      if (q && q.length) {
        const i = q.shift()!
        match[j] = i
        used[i] = true
      }
    }
    // Leftovers are paired in order and diffed in place (an edited item keeps its slot).
    let i = 0
    for (let j = 0; j < nA; j++) {
      if (match[j] !== -1) continue
      while (i < nB && used[i]) i++
      if (i >= nB) break
      match[j] = i
      used[i] = true
    }
  }

  // 1. Removals, highest index first.
  for (let i = nB - 1; i >= 0; i--) if (!used[i]) out.push({ op: 'remove', path: [...path, String(start + i)] })

  // 2. Moves: W is the surviving old items in their order; target is the same items in new order.
  const work: number[] = []
  for (let i = 0; i < nB; i++) if (used[i]) work.push(i)
  const target: number[] = []
  const rank = new Map<number, number>()
  for (let j = 0; j < nA; j++)
    if (match[j] !== -1) {
      rank.set(match[j]!, target.length)
      target.push(match[j]!)
    }
  const stable = longestIncreasing(work.map((i) => rank.get(i)!))
  const stableItems = new Set<number>()
  stable.forEach((w) => stableItems.add(work[w]!))
  for (let r = 0; r < target.length; r++) {
    const item = target[r]!
    if (stableItems.has(item)) continue
    const from = work.indexOf(item)
    work.splice(from, 1)
    const to = r === 0 ? 0 : work.indexOf(target[r - 1]!) + 1
    work.splice(to, 0, item)
    if (from !== to) out.push({ op: 'move', from: [...path, String(start + from)], path: [...path, String(start + to)] })
  }

  // 3. Additions in ascending position (everything before each one is already final).
  let length = b.length - (nB - work.length)
  for (let j = 0; j < nA; j++) {
    if (match[j] !== -1) continue
    const at = start + j
    out.push({ op: 'add', path: [...path, at === length ? '-' : String(at)], value: a[at] })
    length++
  }

  // 4. Matched items that changed, at their final index.
  for (let j = 0; j < nA; j++) {
    const i = match[j]!
    if (i === -1) continue
    const old = b[start + i]
    const now = a[start + j]
    if (old === now) continue
    path.push(String(start + j))
    diffInto(out, old, now, path, key)
    path.pop()
  }
}
