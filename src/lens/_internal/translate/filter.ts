/**
 * Edit translation through `Filter`: a view index maps to the source position of the `i`-th item
 * the predicate keeps.
 *
 * - `add`/`replace` of an item the predicate rejects, or an edit inside an item that makes it fail
 *   the predicate, is `ViewOutOfRange` (the view could not show it).
 * - `add` at view index `j` inserts right before the source item shown at `j`; `-` inserts right
 *   after the last shown item (or at the end when nothing is shown). `remove`/`replace`/`test` and
 *   edits inside an item use the mapped index; removing the only item of an `emptyAsAbsent` list
 *   removes the property.
 * - `move`/`copy` of whole items are one source `move`/`copy`; moves and copies inside items map both
 *   indices. Root operations and mixed depths use the fallback.
 * - project: the fallback (view before and after, diffed by reference).
 *
 * @internal
 */
import { LensError } from '../../errors.js'
import type { FilterLens } from '../../filter.js'
import { toPointer } from '../../../json/pointer.js'
import { applyParsed } from '../../patch/_internal/apply.js'
import { type KindTranslator, type Op, stepwise } from './ops.js'
import { insertionToken, shownPositions, viewIndex, withoutShown } from './arrays.js'

/** @internal */
export const translateFilter: KindTranslator = (lens, source, ops) => {
  const predicate = (lens as unknown as FilterLens<unknown>).predicate
  const emptyAsAbsent = (lens as unknown as FilterLens<unknown>).emptyAsAbsent
  const rejected = (tokens: readonly string[], op: Op) =>
    new LensError({
      code: 'ViewOutOfRange',
      pointer: toPointer(tokens),
      step: lens.step,
      message: 'this edit leaves an item the filter predicate rejects, so the view could not show it; change the edit.',
      data: { opIndex: op.origin },
    })

  return stepwise(lens, source, ops, 'translate', (op, current) => {
    if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
    const src = current()
    if (!Array.isArray(src)) return undefined
    const positions = shownPositions(src, predicate)
    const n = positions.length
    const mapped = (tokens: readonly string[]): string[] => [String(positions[viewIndex(tokens[0]!, n)]!), ...tokens.slice(1)]

    if (op.from === undefined) {
      const j = viewIndex(op.path[0]!, n)
      if (op.path.length === 1 && op.op === 'add') {
        if (!predicate(op.value)) throw rejected(op.path, op)
        return [{ ...op, path: [insertionToken(positions, j, src.length)] }]
      }
      if (op.path.length === 1 && op.op === 'remove' && emptyAsAbsent && src.length === 1) return [{ op: 'remove', path: [], origin: op.origin }]
      const out: Op = { ...op, path: mapped(op.path) }
      if (op.op !== 'test' && !(op.op === 'remove' && op.path.length === 1)) {
        const at = positions[j]!
        if (!predicate(applyParsed(src[at], [{ ...op, path: op.path.slice(1) }]))) throw rejected([op.path[0]!], op)
      }
      return [out]
    }

    const i = viewIndex(op.from[0]!, n)
    if (op.from.length === 1 && op.path.length === 1) {
      if (op.op === 'copy') return [{ ...op, from: [String(positions[i]!)], path: [insertionToken(positions, viewIndex(op.path[0]!, n), src.length)] }]
      const rest = withoutShown(positions, i)
      return [{ ...op, from: [String(positions[i]!)], path: [insertionToken(rest, viewIndex(op.path[0]!, rest.length), src.length - 1)] }]
    }
    if (op.from.length > 1 && op.path.length > 1) {
      const out: Op = { ...op, from: mapped(op.from), path: mapped(op.path) }
      const next = applyParsed(src, [out])
      if (!predicate(next[Number(out.from![0])])) throw rejected([op.from[0]!], op)
      if (!predicate(next[Number(out.path[0])])) throw rejected([op.path[0]!], op)
      return [out]
    }
    return undefined
  })
}

/** @internal */
export const projectFilter: KindTranslator = (lens, source, ops) => stepwise(lens, source, ops, 'project', () => undefined)
