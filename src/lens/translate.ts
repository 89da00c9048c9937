/**
 * # Edit translation
 *
 * An RFC 6902 patch on a view becomes a patch on the source ({@link translate}); a patch on the
 * source becomes the patch on a view ({@link project}).
 *
 * ## Mental model
 * - Each lens node kind has a translator (`src/lens/_internal/translate/<kind>.ts`), chosen by
 *   `_tag`. A `Compose` node threads the operations through its chain, each node translating
 *   against its own intermediate source, so the cost follows the patch and the path depth, not the
 *   record.
 * - Where a node cannot translate an operation exactly it uses the state-based fallback for its own
 *   part only: apply the operation to the node's view, `put` it, diff the node's old and new source
 *   (by reference, so only the changed spine is visited). Nothing is dropped or passed through.
 * - Operations are edits applied in order (RFC 6902): each is translated against the state the ones
 *   before it left, and each must leave a view the lens can take.
 *
 * ## Coverage (precise, else fallback)
 * | kind | translate | project |
 * | --- | --- | --- |
 * | Identity | all ops | all ops |
 * | Path (`prop`/`at`/`path`) | all ops below the view root; root `test`/`replace` (and `add` over an existing view) | ops inside the view (keys stripped) or unable to reach it (dropped) |
 * | Compose | threaded through the chain | threaded through the chain |
 * | Pick / Omit | all non-root ops; a hidden key is `ViewOutOfRange` | non-root ops (hidden members dropped) |
 * | Rename | all non-root ops, `path` and `from` renamed (with `_` siblings) | non-root ops |
 * | Map | inserts (`item.create`), removes, whole-item move/copy, anything inside one item (through the item lens) | the same (`item.get`) |
 * | Keyed (and FHIR presets) | view index → aligned source index: add (`-` after the last shown item), remove (or conceal), whole-item move, edits inside an item that keep its key | fallback, diff keyed by the lens's key |
 * | Filter | view index → source index: add, remove, replace, test, whole-item move/copy, edits inside items | fallback |
 * | Redact | ops that cannot reach the field pass; the rest use the fallback (`HiddenFieldEdited` where a hidden value would change) | ops that cannot reach the field |
 * | Validate | all ops, result validated (`SchemaViolation`) | all ops |
 * | Iso, Defaults, Custom (`makeLens`), FHIR `ByType`, `Primitives` and nested `Over` items | fallback | fallback |
 *
 * ## Gotchas
 * - A key change inside a `keyed` item is a new item (fallback: the old one is deleted or concealed).
 * - `move` within a `keyed`/`filter` view moves one source item; hidden items keep their places.
 * - A `test` through a fallback node becomes a `test` of that node's whole source (stricter, never
 *   weaker); a `test` of a value a node derives from an absent source is `UnsupportedPatchOp`.
 *
 * @since 0.1.0
 */
import type { Lens } from './Lens.js'
import { toPointer } from '../json/pointer.js'
import { assertApplies } from './patch/_internal/apply.js'
import { parsePatch } from './patch/_internal/parse.js'
import type { Patch, PatchOperation } from './patch/types.js'
import { withView } from './_internal/translate/compose.js'
import { context } from './_internal/translate/dispatch.js'
import { type AnyLens, type Op, toJsonPatch } from './_internal/translate/ops.js'

/**
 * Options of {@link translate}.
 *
 * @category patches
 * @since 0.1.0
 */
export interface TranslateOptions {
  /**
   * Begin the source patch with `{ op: 'test', path: '/meta/versionId', value }` when the source has
   * a `meta.versionId`, so that applying it to another version fails (`VersionConflict`) — the JSON
   * twin of FHIR `If-Match`. An empty view patch still translates to `[]`.
   * @defaultValue false
   */
  readonly versionTest?: boolean | undefined
}

/** The `meta.versionId` of a FHIR resource, if any. @internal */
export function versionIdOf(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined
  const meta = (source as { meta?: unknown }).meta
  if (typeof meta !== 'object' || meta === null) return undefined
  const v = (meta as { versionId?: unknown }).versionId
  return typeof v === 'string' ? v : undefined
}

/**
 * Translates an RFC 6902 patch on the view `lens.get(source)` into a patch on `source`.
 *
 * **When to use** — when a peer edits its view: the translated patch is what is applied to (and sent
 * for) the full record. Use {@link project} for the other direction and {@link applyPatch} to apply.
 *
 * **Laws** (checked by {@link checkEditLaws} on generated patches)
 * 1. Consistency: `get(applyPatch(s, translate(lens, s, δ)))` equals `applyPatch(get(s), δ)`.
 * 2. Identity: `translate(lens, s, [])` is `[]`.
 * 3. Composition: applying `translate(lens, s, [...δ1, ...δ2])` to `s` gives the same source as
 *    applying `translate(lens, s, δ1)` and then `translate(lens, s1, δ2)` to the result `s1`.
 *
 * **Details**
 * - Covers `add`, `remove`, `replace`, `move`, `copy` and `test`, `-` appends and `from` paths.
 * - Precise per kind, with cost proportional to the patch: `Identity`, `Path` (keys prefixed),
 *   `Compose` (threaded through the chain against the intermediate sources), `Pick`, `Omit`,
 *   `Rename`, `Map`, `Keyed` (and the FHIR presets), `Filter`, `Redact`, `Validate` — see the module's
 *   coverage table. Any other node — a {@link makeLens} lens included — and any operation a node
 *   cannot map exactly use the state-based fallback for that node's part of the chain: apply the
 *   operation to its view, `put` it back, and diff its old and new source (untouched subtrees are
 *   skipped by reference). A `test` becomes a `test` of that node's whole source. No operation is
 *   ever dropped or passed through untranslated.
 * - Operations are translated in order, each against the source the ones before it produced; every
 *   intermediate view must be one the lens can take (a `Validate` node checks the schema on the
 *   result only).
 * - Validation: the patch is checked ({@link validatePatch}, `InvalidPatch`) and applied to the view
 *   first, so a bad pointer is `PathNotFound` and a failing `test` is `VersionConflict`, both with the
 *   view pointer. Nothing is translated partially: the call either returns the whole patch or throws.
 * - Errors ({@link LensError} with `data: { opIndex }` naming the view operation): `ViewOutOfRange`
 *   (an edit of a key `pick`/`omit` hides, or a view `put` would not keep), `HiddenFieldEdited`
 *   (an edit of a redacted field), `SchemaViolation` (the edited view fails the lens's schema),
 *   `UnsupportedPatchOp`, and whatever the lens's `put` raises.
 *
 * **Example** (a rename: both the key and the `from` of a move are translated)
 * ```ts
 * import { id, pipe, rename, translate } from 'lensync'
 * const _view = pipe(id<{ birthDate?: string; other?: string }>(), rename('birthDate', 'dob'))
 * translate(_view, { birthDate: '1970-01-01' }, [{ op: 'move', from: '/dob', path: '/other' }])
 * // Output: [ { op: 'move', from: '/birthDate', path: '/other' } ]
 * ```
 *
 * @see {@link project} for the reverse direction, {@link diff} to obtain a patch from two views.
 * @category patches
 * @since 0.1.0
 */
export function translate<S, V>(lens: Lens<S, V>, source: S, patch: Patch, options: TranslateOptions = {}): PatchOperation[] {
  const parsed = parsePatch(patch)
  if (parsed.length === 0) return []
  const anyLens = lens as unknown as AnyLens
  const result = withView(anyLens, source, (view) => {
    // Check against the view first: every pointer is checked with the view's pointers.
    assertApplies(view, parsed)
    const ops: Op[] = parsed.map((op, origin) => ({ op: op.op, path: op.path, from: op.from, value: op.value, origin }))
    return toJsonPatch(anyLens, context.translate(anyLens, source, ops))
  })
  if (options.versionTest) {
    const versionId = versionIdOf(source)
    if (versionId !== undefined) result.unshift({ op: 'test', path: toPointer(['meta', 'versionId']), value: versionId })
  }
  return result
}
