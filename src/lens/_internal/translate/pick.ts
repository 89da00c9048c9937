/**
 * Edit translation through `Pick` and `Omit`: member names are the same in view and source; an
 * edit of a member the view does not show (a hidden key, or its `_` sibling) is `ViewOutOfRange`.
 * Root operations use the fallback. Projection drops operations on hidden members.
 *
 * @internal
 */
import type { OmitLens } from '../../omit.js'
import type { PickLens } from '../../pick.js'
import type { AnyLens } from './ops.js'
import { objectProjector, objectTranslator } from './objects.js'

/** The view members of a `Pick`/`Omit` node: the listed keys and their `_` siblings. */
function listed(lens: AnyLens): ReadonlySet<string> {
  let all = listedCache.get(lens)
  if (all === undefined) {
    const keys = (lens as PickLens<unknown, unknown> | OmitLens<unknown, unknown>).keys
    all = new Set<string>(keys)
    for (const k of keys) if (!k.startsWith('_')) all.add(`_${k}`)
    listedCache.set(lens, all)
  }
  return all
}

/** The member sets, built once per node (nodes are immutable). */
const listedCache = new WeakMap<AnyLens, Set<string>>()

/** @internal */
export const translatePick = objectTranslator((lens) => {
  const shown = listed(lens)
  return (k) => (shown.has(k) ? k : { error: `"${k}" is not one of the picked keys, so an edit of it would be lost; pick it or leave it alone.` })
})

/** @internal */
export const projectPick = objectProjector((lens) => {
  const shown = listed(lens)
  return (k) => (shown.has(k) ? k : undefined)
})

/** @internal */
export const translateOmit = objectTranslator((lens) => {
  const hidden = listed(lens)
  return (k) => (hidden.has(k) ? { error: `"${k}" is omitted by this lens, so an edit of it would be lost; leave it alone.` } : k)
})

/** @internal */
export const projectOmit = objectProjector((lens) => {
  const hidden = listed(lens)
  return (k) => (hidden.has(k) ? undefined : k)
})
