/**
 * Shared by the array-subset translators (`Keyed`, `Filter`): view index → source index.
 *
 * @internal
 */
import { arrayIndex } from '../../patch/_internal/apply.js'

/** Source positions of the items a view shows (in order). @internal */
export function shownPositions<A>(src: readonly A[], shows: ((item: A) => boolean) | undefined): number[] {
  const out: number[] = []
  for (let i = 0; i < src.length; i++) if (shows === undefined || shows(src[i]!)) out.push(i)
  return out
}

/** A view index token (`-` is the end). @internal */
export function viewIndex(token: string, length: number): number {
  return token === '-' ? length : arrayIndex(token)
}

/**
 * Where an item inserted at view index `j` goes in the source, as the combinators' put places it:
 * right before the source item shown at `j`, or right after the last shown item when appending
 * (before any hidden items that follow it), or at the end when nothing is shown.
 *
 * @internal
 */
export function insertionToken(positions: readonly number[], j: number, sourceLength: number): string {
  if (j < positions.length) return String(positions[j]!)
  const after = positions.length > 0 ? positions[positions.length - 1]! + 1 : sourceLength
  return after === sourceLength ? '-' : String(after)
}

/** The shown positions after the shown item `i` was removed from the source. @internal */
export function withoutShown(positions: readonly number[], i: number): number[] {
  const removed = positions[i]!
  const out: number[] = []
  for (let m = 0; m < positions.length; m++) if (m !== i) out.push(positions[m]! > removed ? positions[m]! - 1 : positions[m]!)
  return out
}
