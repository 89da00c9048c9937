/**
 * Edit translation through `Under` (`under(key, lens)`: a lens run on one property, the rest kept).
 *
 * - Operations on other members pass unchanged.
 * - Operations inside the property (`path`, and `from` when there is one, both below `key`) go
 *   through the inner lens against `source[key]` and get `key` in front — unless they leave the inner
 *   view absent (`undefined` or `[]`), which `under` shows as no property at all: those use the fallback.
 * - Root operations, operations on the property as a whole, and moves across its boundary use the
 *   fallback. project: operations on other members pass; the rest use the fallback.
 *
 * @internal
 */
import type { UnderLens } from '../../under.js'
import { applyParsed, getAt } from '../../patch/_internal/apply.js'
import { type AnyLens, type KindTranslator, prefixed, stepwise, withPaths } from './ops.js'

const isAbsent = (view: unknown): boolean => view === undefined || (Array.isArray(view) && view.length === 0)

/** @internal */
export const translateUnder: KindTranslator = (lens, source, ops, ctx) => {
  const { key, lens: inner } = lens as unknown as UnderLens<unknown, unknown>
  return stepwise(lens, source, ops, 'translate', (op, current) => {
    if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
    const inPath = op.path[0] === key
    const inFrom = op.from !== undefined && op.from[0] === key
    if (!inPath && !inFrom) return [op]
    if (!inPath || op.path.length < 2 || (op.from !== undefined && (!inFrom || op.from.length < 2))) return undefined
    const src = getAt(current(), [key])
    const innerOp = withPaths(op, op.path.slice(1), op.from?.slice(1))
    // Only an op that takes something out of the inner view (remove, move) can leave it absent: the
    // others edit below its root, which stays (checking them would build the inner view per op).
    if ((innerOp.op === 'remove' || innerOp.op === 'move') && isAbsent(applyParsed((inner as AnyLens).get(src), [innerOp])))
      return undefined
    return ctx
      .translate(inner as AnyLens, src, [innerOp])
      .map((o) => withPaths(o, prefixed([key], o.path), o.from && prefixed([key], o.from)))
  })
}

/** @internal */
export const projectUnder: KindTranslator = (lens, source, ops) => {
  const { key } = lens as unknown as UnderLens<unknown, unknown>
  return stepwise(lens, source, ops, 'project', (op) => {
    if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
    return op.path[0] !== key && (op.from === undefined || op.from[0] !== key) ? [op] : undefined
  })
}
