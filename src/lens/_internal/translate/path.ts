/**
 * Edit translation through the `Path` node (`prop`, `at`, `path`).
 *
 * - translate: a view operation below the root gets the path's keys in front of `path` and `from`;
 *   a `test` of the whole view, and a replacement of a view that exists, too. Other operations on the
 *   view root (`''`: creating a missing view, removing it, moving it) go through the state-based
 *   fallback, because `put` creates missing containers (with templates) and prunes emptied ones.
 * - project: a source operation below the keys loses them; one that cannot reach the view (another
 *   object member, a deeper edit in another array item, a `replace`/`test` of another item) projects
 *   to nothing; anything else (an ancestor of the view, an insertion or removal that shifts the viewed
 *   index, a move across the boundary) goes through the fallback.
 *
 * @internal
 */
import type { PathLens } from '../../Lens.js'
import { type AnyLens, type KindTranslator, type Op, prefixed, startsWith, stepwise, withPaths } from './ops.js'
import { arrayIndex } from '../../patch/_internal/apply.js'
import type { Tokens } from '../../patch/_internal/parse.js'

const keysOf = (lens: AnyLens): string[] => (lens as PathLens<unknown, unknown>).keys.map(String)

/** @internal */
export const translatePath: KindTranslator = (lens, source, ops) => {
  const keys = keysOf(lens)
  return stepwise(lens, source, ops, 'translate', (op, current) => {
    if (op.path.length === 0 && op.from === undefined) {
      // The whole view: a test, or a replacement of a view that exists, is the same at the keys.
      if (op.op === 'test') return [withPaths(op, keys)]
      if ((op.op === 'replace' || op.op === 'add') && lens.get(current()) !== undefined) return [{ ...op, op: 'replace', path: keys }]
      return undefined
    }
    if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
    return [withPaths(op, prefixed(keys, op.path), op.from && prefixed(keys, op.from))]
  })
}

/** How a pointer relates to a location: below it, unable to reach it, or anything else. @internal */
export type Relation = 'inside' | 'apart' | 'overlap'

/**
 * How a pointer relates to the location `keys`: `inside` (strictly below), `apart` (another object
 * member, or another array item when the operation cannot shift indices), or `overlap` (an ancestor,
 * the location itself, or an insertion/removal before it in an ancestor array).
 *
 * @internal
 */
export function relate(tokens: Tokens, keys: readonly string[], structural: boolean): Relation {
  if (tokens.length > keys.length && startsWith(tokens, keys)) return 'inside'
  for (let d = 0; d < keys.length; d++) {
    if (d >= tokens.length) return 'overlap' // an ancestor of the view (or the view itself)
    if (tokens[d] === keys[d]) continue
    // Diverges at depth d. An object member elsewhere never reaches the view. A sibling array item
    // does only when an insertion/removal there shifts the viewed index.
    const k = arrayIndex(keys[d]!)
    if (k < 0) return 'apart'
    if (!structural || tokens.length > d + 1) return 'apart'
    // `-` appends at the current length, which may be at or before the viewed index: not known here.
    if (tokens[d] === '-') return 'overlap'
    return arrayIndex(tokens[d]!) > k ? 'apart' : 'overlap'
  }
  return 'overlap'
}

/** @internal */
export const projectPath: KindTranslator = (lens, source, ops) => {
  const keys = keysOf(lens)
  const n = keys.length
  return stepwise(lens, source, ops, 'project', (op: Op) => {
    const structural = op.op === 'add' || op.op === 'remove' || op.op === 'move' || op.op === 'copy'
    const at = relate(op.path, keys, structural)
    if (op.from === undefined) {
      if (at === 'inside') return [withPaths(op, op.path.slice(n))]
      return at === 'apart' ? [] : undefined
    }
    // A copy only reads `from`; a move also removes it (a structural change there).
    const from = relate(op.from, keys, op.op === 'move')
    if (at === 'inside' && from === 'inside') return [withPaths(op, op.path.slice(n), op.from.slice(n))]
    if (at === 'apart' && from === 'apart') return []
    return undefined
  })
}
