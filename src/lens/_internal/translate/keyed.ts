/**
 * Edit translation through `Keyed` (and the FHIR presets built on it: identifiers, codings,
 * extensions, Bundle entries, Questionnaire items).
 *
 * - A view index maps to the aligned source item: the `i`-th item the view shows (`where`).
 * - `add` at view index `j` inserts `create(value)` right before the source item shown at `j`; `-`
 *   (or `j` = view length) inserts right after the last shown item, before the hidden items that
 *   follow it — where the combinator's put places it — or at the end when nothing is shown. A key the
 *   view already holds is `AmbiguousKey`; an item `where` would hide is `ViewOutOfRange`.
 * - `remove` removes the source item, or replaces it with `conceal(item)` when the lens conceals;
 *   removing the last item of an `emptyAsAbsent` list removes the property.
 * - `move` of a whole item is one source `move` to the matching position; `copy` of a whole item
 *   duplicates its key (`AmbiguousKey`), unless the item has none (then the fallback).
 * - Edits inside an item (and `replace`/`test` of a whole item that keep its key) go through the item
 *   lens against the aligned source item. An edit that changes the item's key, a move between two
 *   items, a root operation, or an undefined source use the fallback (state-based put and diff).
 * - A source holding two shown items with one key is `DuplicateKey` for any operation that changes
 *   the view, as the combinator's put refuses it; a `test`, or an edit that leaves the view as it
 *   was, still translates.
 * - Unkeyed items (`unkeyed: 'positional'`) map by their view index like the others.
 * - project: the fallback, with the diff keyed by the lens's key (minimal remove/add/move).
 *
 * @internal
 */
import { LensError } from '../../errors.js'
import { type KeyedIndex, type KeyedLens, duplicateKeyError } from '../../keyed.js'
import { deepEqual } from '../../../json/equal.js'
import { toPointer } from '../../../json/pointer.js'
import { applyParsed } from '../../patch/_internal/apply.js'
import { type AnyLens, type KindTranslator, type Op, applyOps, prefixed, stepwise, withPaths } from './ops.js'
import { insertionToken, shownPositions, viewIndex, withoutShown } from './arrays.js'

type AnyKeyed = KeyedLens<unknown, unknown> & { readonly indexed?: (src: readonly unknown[]) => KeyedIndex<unknown> }

/** @internal */
export const translateKeyed: KindTranslator = (lens, source, ops, ctx) => {
  const node = lens as unknown as AnyKeyed
  const item = node.item as AnyLens
  const error = (code: 'AmbiguousKey' | 'ViewOutOfRange' | 'InvalidLens', tokens: readonly string[], op: Op, message: string) =>
    new LensError({ code, pointer: toPointer(tokens), step: lens.step, message, data: { opIndex: op.origin } })
  const checkShown = (next: unknown, tokens: readonly string[], op: Op): void => {
    if (node.where !== undefined && !node.where(next))
      throw error('ViewOutOfRange', tokens, op, 'keyed: this edit would store an item that `where` hides, so the view could not show it; change the edit or the lens.')
  }

  return stepwise(lens, source, ops, 'translate', (op, current) => {
    if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
    const src = current()
    if (!Array.isArray(src)) return undefined
    // The node's cached index of this source (its key table built only when an op needs it).
    const index = node.indexed?.(src)
    const positions = index !== undefined ? index.positions : shownPositions(src, node.where)
    const n = positions.length
    const views = lens.get(src) as unknown[]
    if (op.op !== 'test') refuseDuplicates(node, index, positions, views, op)

    /** Through the item lens, inside shown item `j`; undefined when the key would change. */
    const inside = (j: number, inner: Op): Op[] | undefined => {
      const at = positions[j]!
      if (inner.op !== 'test') {
        const before = views[j]
        const after = applyParsed(before, [inner])
        if (node.key(after) !== node.key(before)) return undefined
      }
      const out = ctx.translate(item, src[at], [inner])
      if (inner.op !== 'test') checkShown(applyOps(src[at], out), [String(j)], op)
      const token = String(at)
      return out.map((o) => withPaths(o, prefixed([token], o.path), o.from && prefixed([token], o.from)))
    }

    if (op.from === undefined) {
      const j = viewIndex(op.path[0]!, n)
      if (op.path.length > 1) return inside(j, withPaths(op, op.path.slice(1)))
      switch (op.op) {
        case 'add': {
          const k = node.key(op.value)
          const clash = k === undefined ? -1 : index !== undefined ? (index.keys().ordinalOf(k) ?? -1) : views.findIndex((v) => node.key(v) === k)
          if (clash >= 0)
            throw error('AmbiguousKey', op.path, op, `the view already holds an item with key ${JSON.stringify(k)} (index ${clash}); give each item a distinct key.`)
          const created = node.createItem(op.value)
          checkShown(created, op.path, op)
          return [{ ...op, path: [insertionToken(positions, j, src.length)], value: created }]
        }
        case 'remove': {
          const at = positions[j]!
          const hidden = node.conceal?.(src[at])
          if (hidden !== undefined) {
            if (node.where === undefined || node.where(hidden))
              throw error('InvalidLens', [String(at)], op, 'keyed: conceal returned an item that where still shows; return an item that fails where, or undefined to delete.')
            return [{ op: 'replace', path: [String(at)], value: hidden, origin: op.origin }]
          }
          if (node.emptyAsAbsent && src.length === 1) return [{ op: 'remove', path: [], origin: op.origin }]
          return [{ ...op, path: [String(at)] }]
        }
        default:
          // replace / test of a whole item: through the item lens when the key stays.
          return inside(j, withPaths(op, []))
      }
    }

    const i = viewIndex(op.from[0]!, n)
    if (op.from.length === 1 && op.path.length === 1) {
      if (op.op === 'copy') {
        const k = node.key(views[i])
        // A keyless item has no key to duplicate: the state-based fallback places the copy.
        if (k === undefined) return undefined
        throw error('AmbiguousKey', op.path, op, `copying a whole item duplicates its key ${JSON.stringify(k)}; give each item a distinct key.`)
      }
      const rest = withoutShown(positions, i)
      const j = viewIndex(op.path[0]!, rest.length)
      return [{ ...op, from: [String(positions[i]!)], path: [insertionToken(rest, j, src.length - 1)] }]
    }
    if (op.from.length > 1 && op.path.length > 1 && op.from[0] === op.path[0])
      return inside(i, withPaths(op, op.path.slice(1), op.from.slice(1)))
    return undefined
  })
}

/**
 * Throws `DuplicateKey` when two shown source items share a key and `op` changes the view (the
 * combinator's put refuses exactly those views).
 */
function refuseDuplicates(node: AnyKeyed, index: KeyedIndex<unknown> | undefined, positions: readonly number[], views: readonly unknown[], op: Op): void {
  const duplicate = index !== undefined ? index.keys().duplicate : firstDuplicate(node, views)
  if (duplicate === undefined || deepEqual(applyParsed(views, [op]), views)) return
  throw duplicateKeyError(node.step, duplicate.key, positions[duplicate.first]!, positions[duplicate.second]!, { opIndex: op.origin })
}

/** The first two shown items sharing a key, as ordinals (for a node without a cached index). */
function firstDuplicate(node: AnyKeyed, views: readonly unknown[]): { readonly key: string; readonly first: number; readonly second: number } | undefined {
  const seen = new Map<string, number>()
  for (let o = 0; o < views.length; o++) {
    const k = node.key(views[o])
    if (typeof k !== 'string') continue
    const first = seen.get(k)
    if (first === undefined) seen.set(k, o)
    else return { key: k, first, second: o }
  }
  return undefined
}

/** @internal */
export const projectKeyed: KindTranslator = (lens, source, ops) => {
  const node = lens as unknown as AnyKeyed
  const key = (item: unknown, path: readonly string[]): string | undefined => {
    if (path.length !== 0) return undefined
    try {
      return node.key(item)
    } catch {
      return undefined
    }
  }
  return stepwise(lens, source, ops, 'project', () => undefined, key)
}
