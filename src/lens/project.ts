/**
 * Propagation: a patch on the source becomes the patch on a view.
 *
 * @since 0.1.0
 */
import type { Lens } from './Lens.js'
import { applyParsed } from './patch/_internal/apply.js'
import { parsePatch } from './patch/_internal/parse.js'
import type { Patch, PatchOperation } from './patch/types.js'
import { context } from './_internal/translate/dispatch.js'
import { type AnyLens, type Op, toJsonPatch } from './_internal/translate/ops.js'

/**
 * Projects an RFC 6902 patch on `source` onto the view `lens.get(source)`: the patch that brings the
 * view up to date.
 *
 * **When to use** — when the full record changed (an edit through another view, a server update)
 * and every other view must receive the change as a patch, not a whole new view.
 *
 * **Laws** (checked by {@link checkEditLaws})
 * 1. Propagation: `applyPatch(get(s), project(lens, s, δ))` equals `get(applyPatch(s, δ))`.
 * 2. Identity: `project(lens, s, [])` is `[]`.
 *
 * **Details**
 * - Minimal, and empty when the view is unaffected: an operation outside the view projects to nothing.
 * - `Identity`, `Path` and `Compose` project precisely (keys stripped, unrelated operations dropped,
 *   threaded through the chain). Other nodes, and operations that replace an ancestor of the view or
 *   shift the viewed array index, use the state-based fallback: the node's view before and after,
 *   diffed with {@link diff} (by the lens's keys for `keyed` arrays). `test` operations guard the
 *   source: they are kept where a precise projection maps them and dropped elsewhere.
 * - The patch is validated and applied to `source` first (`InvalidPatch`, `PathNotFound`,
 *   `VersionConflict`, with `data: { opIndex }`); errors raised by `get` propagate.
 *
 * **Example** (an edit outside the view projects to nothing)
 * ```ts
 * import { id, pipe, project, prop } from 'lensync'
 * const _gender = pipe(id<{ gender?: string; birthDate?: string }>(), prop('gender'))
 * project(_gender, { gender: 'male', birthDate: '1970' }, [{ op: 'remove', path: '/birthDate' }])
 * // Output: []
 * ```
 *
 * @see {@link translate} for the other direction.
 * @category patches
 * @since 0.1.0
 */
export function project<S, V>(lens: Lens<S, V>, source: S, patch: Patch): PatchOperation[] {
  const parsed = parsePatch(patch)
  if (parsed.length === 0) return []
  applyParsed(source, parsed)
  const ops: Op[] = parsed.map((op, origin) => ({ ...op, origin }))
  return toJsonPatch(lens as unknown as AnyLens, context.project(lens as unknown as AnyLens, source, ops))
}
