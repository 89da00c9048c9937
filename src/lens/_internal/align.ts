/**
 * Merging an aligned view back into a source array that holds hidden items (shared by `keyed` and
 * `filter`).
 *
 * @internal
 */

/** One item of the new shown sequence, in view order. */
export interface PlannedItem<A> {
  /** Source index of the item it was aligned with, or `undefined` for a created item. */
  readonly from: number | undefined
  /** The item to write. */
  readonly item: A
}

/**
 * Builds the new source array.
 *
 * - Hidden items (not in `shown`) stay where they are, in their relative order.
 * - A concealed item (a shown item the view dropped, kept hidden) stays at its own position.
 * - Matched items fill the positions of the matched source items, in view order; created items go
 *   right before the next matched item of the view, or right after the last matched position (at
 *   the end when nothing matched).
 * - Other shown items (deleted) disappear.
 *
 * Returns `src` itself when the result has the same items (by reference) in the same order.
 */
export function mergeAligned<A>(
  src: readonly A[],
  isShown: (index: number) => boolean,
  plan: readonly PlannedItem<A>[],
  concealed: ReadonlyMap<number, A> | undefined,
): readonly A[] {
  const slots: number[] = []
  for (const p of plan) if (p.from !== undefined) slots.push(p.from)
  slots.sort((a, b) => a - b)
  const groups: A[][] = []
  let pending: A[] = []
  for (const p of plan) {
    pending.push(p.item)
    if (p.from !== undefined) {
      groups.push(pending)
      pending = []
    }
  }
  const out: A[] = []
  let g = 0
  for (let i = 0; i < src.length; i++) {
    if (!isShown(i)) {
      out.push(src[i]!)
      continue
    }
    const c = concealed?.get(i)
    if (c !== undefined) {
      out.push(c)
      continue
    }
    if (g < slots.length && slots[g] === i) {
      for (const item of groups[g]!) out.push(item)
      g++
      if (g === slots.length) for (const item of pending) out.push(item)
    }
  }
  if (slots.length === 0) for (const item of pending) out.push(item)
  return sameItems(out, src) ? src : out
}

/** Same length and the same item references at every position. */
export function sameItems<A>(a: readonly A[], b: readonly A[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

