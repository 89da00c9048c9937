/**
 * Array lineage: which array a path-copied array was made from, and the one window where the two
 * differ. Whoever derives something per array (a digest, a key table, a lens's view) can then
 * update the result it derived from the old array in proportion to the window instead of the length.
 *
 * Producers (patch application, lens puts and gets) record a copy with {@link noteCopy} and every
 * edit of that copy with {@link noteEdit} (or a whole derivation with {@link noteSplice}) before
 * handing the copy out; consumers ask {@link derivationOf}. An array remembers its parent and its
 * grandparent, and forgets both once it has a child of its own: lineage keeps at most two older
 * versions of an array alive, whatever the number of versions made (weak references would do
 * too, but keep every target alive until the end of the current job, which is all of them in a
 * synchronous loop). Short arrays are not recorded: they are cheap to rebuild.
 *
 * @internal
 */

/** Arrays shorter than this (before and after the edit) are not recorded. @internal */
export const lineageMinLength = 64

/**
 * `next` equals `base` outside one window: `next.slice(start, nextEnd)` replaces
 * `base.slice(start, baseEnd)`; before `start` and after the window the items are the same (`===`).
 *
 * @internal
 */
export interface Window {
  readonly start: number
  readonly baseEnd: number
  readonly nextEnd: number
}

/** A recorded derivation, as a consumer sees it. @internal */
export interface Derivation extends Window {
  readonly base: readonly unknown[]
}

interface Entry {
  /** The array this one was copied from (dropped once this array has a child). */
  base: readonly unknown[] | undefined
  start: number
  baseEnd: number
  nextEnd: number
  /** The base's own base, and the base's window against it. */
  ancestor: readonly unknown[] | undefined
  ancestorWindow: Window | undefined
}

const lineage = new WeakMap<readonly unknown[], Entry>()

/** A new entry for `next`, made from `base`: takes over `base`'s own parent and detaches `base`. */
function record(next: readonly unknown[], base: readonly unknown[], start: number, baseEnd: number, nextEnd: number): void {
  const parent = lineage.get(base)
  let ancestor: readonly unknown[] | undefined
  let ancestorWindow: Window | undefined
  if (parent !== undefined && parent.base !== undefined) {
    ancestor = parent.base
    ancestorWindow = { start: parent.start, baseEnd: parent.baseEnd, nextEnd: parent.nextEnd }
    parent.base = undefined
    parent.ancestor = undefined
    parent.ancestorWindow = undefined
  }
  lineage.set(next, { base, start, baseEnd, nextEnd, ancestor, ancestorWindow })
}

/**
 * Records that `copy` was just copied from `base` (`base.slice()`: no difference yet). Returns
 * whether it was recorded: the edits of a copy that was not need no {@link noteEdit} (which would
 * look it up for nothing).
 *
 * @internal
 */
export function noteCopy(copy: readonly unknown[], base: readonly unknown[]): boolean {
  if (base.length < lineageMinLength) return false
  const end = base.length
  record(copy, base, end, end, end)
  return true
}

/**
 * Records that `copy` (recorded by {@link noteCopy} or {@link noteSplice}) was edited in place:
 * `removed` items at `at` were replaced by `inserted` items. No-op for an unrecorded array.
 *
 * @internal
 */
export function noteEdit(copy: readonly unknown[], at: number, removed: number, inserted: number): void {
  const entry = lineage.get(copy)
  if (entry === undefined) return
  if (isEmpty(entry)) {
    // No difference yet: the window is the edit.
    entry.start = at
    entry.baseEnd = at + removed
    entry.nextEnd = at + inserted
    return
  }
  const end = Math.max(entry.nextEnd, at + removed)
  entry.baseEnd += end - entry.nextEnd
  entry.nextEnd = end + inserted - removed
  entry.start = Math.min(entry.start, at)
}

/**
 * Records that `next` is `base` with `removed` items at `at` replaced by `inserted` items.
 *
 * @internal
 */
export function noteSplice(next: readonly unknown[], base: readonly unknown[], at: number, removed: number, inserted: number): void {
  if (base.length < lineageMinLength && next.length < lineageMinLength) return
  record(next, base, at, at + removed, at + inserted)
}

/**
 * Records that `next` was rebuilt from `base` (not copied and edited): the window is found by
 * comparing the items from both ends (`===`), which costs a pass over the arrays but no work per
 * item for whoever carries a result forward.
 *
 * @internal
 */
export function noteChanged(next: readonly unknown[], base: readonly unknown[]): void {
  if (base.length < lineageMinLength && next.length < lineageMinLength) return
  const shorter = Math.min(next.length, base.length)
  let start = 0
  while (start < shorter && next[start] === base[start]) start++
  let tail = 0
  while (tail < shorter - start && next[next.length - 1 - tail] === base[base.length - 1 - tail]) tail++
  record(next, base, start, base.length - tail, next.length - tail)
}

/**
 * The parent or grandparent of `next` for which `usable` holds (e.g. one whose digest is cached),
 * with the window where they differ; `undefined` when there is none.
 *
 * @internal
 */
export function derivationOf(next: readonly unknown[], usable: (base: readonly unknown[]) => boolean): Derivation | undefined {
  const entry = lineage.get(next)
  if (entry === undefined) return undefined
  if (entry.base !== undefined && usable(entry.base)) return checked(next, entry.base, entry)
  if (entry.ancestor !== undefined && entry.ancestorWindow !== undefined && usable(entry.ancestor))
    return checked(next, entry.ancestor, compose(entry.ancestorWindow, entry))
  return undefined
}

/** The derivation, unless its window contradicts the lengths (a producer recorded it wrongly). */
function checked(next: readonly unknown[], base: readonly unknown[], window: Window): Derivation | undefined {
  const { start, baseEnd, nextEnd } = window
  if (next.length - nextEnd !== base.length - baseEnd || start > nextEnd || start > baseEnd || nextEnd > next.length) return undefined
  return { base, start, baseEnd, nextEnd }
}
/** The window of `next` against `base`, given `mid` against `base` (`first`) and `next` against `mid` (`second`). */
function compose(first: Window, second: Window): Window {
  if (isEmpty(first)) return second
  if (isEmpty(second)) return first
  const midEnd = Math.max(second.baseEnd, first.nextEnd)
  return {
    start: Math.min(first.start, second.start),
    nextEnd: second.nextEnd + (midEnd - second.baseEnd),
    baseEnd: first.baseEnd + (midEnd - first.nextEnd),
  }
}

const isEmpty = (window: Window): boolean => window.start === window.nextEnd && window.start === window.baseEnd
