/**
 * Rebasing a promotion's resource write onto a newer version written outside lensync: a three-way
 * merge of JSON Patches. The round's change (base → ours) is replayed on the server's version
 * (theirs) when the two changes touch disjoint paths; otherwise there is nothing safe to do.
 *
 * @internal
 */
import { applyPatch } from '../../../lens/patch/applyPatch.js'
import { diff } from '../../../lens/patch/diff.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import type { Resource } from './client.js'
import { strip } from './records.js'

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)
}

/**
 * The round's change replayed on `theirs`, or `undefined` when both changed the same part.
 * Array items are matched by position, so a change of an array both sides touched is a conflict.
 *
 * @internal
 */
export function rebase(base: Resource, ours: Resource, theirs: Resource): Resource | undefined {
  const mark = ours.meta as { source?: JsonValue } | undefined
  const ourChange = diff(strip(base), strip(ours))
  const theirChange = diff(strip(base), strip(theirs))
  const touched = (ops: typeof ourChange) => ops.flatMap((op) => ('from' in op && typeof op.from === 'string' ? [op.path, op.from] : [op.path]))
  const theirPaths = touched(theirChange)
  for (const path of touched(ourChange)) if (theirPaths.some((other) => overlaps(path, other))) return undefined
  const merged = applyPatch(strip(theirs) as JsonValue, ourChange) as unknown as Resource
  if (mark?.source === undefined) return merged
  return { ...merged, meta: { ...((merged.meta ?? {}) as { [key: string]: JsonValue }), source: mark.source } }
}
