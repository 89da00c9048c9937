/**
 * Edit translation through `Map` (positional): a view index is the same source index.
 *
 * - translate: an insertion creates the source item with `item.create` (at the same index, or `-`);
 *   `remove`, and `move`/`copy` of whole items, keep the index (the hidden parts travel with their
 *   item, unlike a state-based put which would shift them); an edit inside item `i` — including a
 *   `replace`/`test` of the whole item and a `move`/`copy` inside one item — is translated through
 *   the item lens against source item `i`. Root operations and moves between the inside of two
 *   different items use the fallback.
 * - project: the mirror image, with `item.get` for inserted items.
 *
 * @internal
 */
import type { MapLens } from '../../map.js'
import { getAt } from '../../patch/_internal/apply.js'
import { type AnyLens, type Context, type KindTranslator, type Op, prefixed, stepwise, withPaths } from './ops.js'

const itemOf = (lens: AnyLens): AnyLens => (lens as unknown as MapLens<unknown, unknown>).item as AnyLens

/** Runs `op` (re-rooted inside item `index`) through the item lens, and prefixes the result. */
function throughItem(
  ctx: Context,
  direction: 'translate' | 'project',
  item: AnyLens,
  itemSource: unknown,
  index: string,
  op: Op,
): Op[] {
  const inner = withPaths(op, op.path.slice(1), op.from?.slice(1))
  const out = direction === 'translate' ? ctx.translate(item, itemSource, [inner]) : ctx.project(item, itemSource, [inner])
  return out.map((o) => withPaths(o, prefixed([index], o.path), o.from && prefixed([index], o.from)))
}

function mapper(direction: 'translate' | 'project'): KindTranslator {
  return (lens, source, ops, ctx) => {
    const item = itemOf(lens)
    return stepwise(lens, source, ops, direction, (op, current) => {
      if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
      const index = op.path[0]!
      if (op.from !== undefined) {
        const fromIndex = op.from[0]!
        // Whole items moved or copied: the index stays.
        if (op.from.length === 1 && op.path.length === 1) return [op]
        // Inside one item: through the item lens.
        if (op.from.length > 1 && op.path.length > 1 && fromIndex === index)
          return throughItem(ctx, direction, item, getAt(current(), [index]), index, op)
        return undefined
      }
      if (op.path.length === 1) {
        if (op.op === 'add')
          return [{ ...op, value: direction === 'translate' ? item.create(op.value) : item.get(op.value) }]
        if (op.op === 'remove') return [op]
      }
      return throughItem(ctx, direction, item, getAt(current(), [index]), index, op)
    })
  }
}

/** @internal */
export const translateMap: KindTranslator = mapper('translate')

/** @internal */
export const projectMap: KindTranslator = mapper('project')
