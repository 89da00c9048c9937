/**
 * Edit translation through the `Compose` node: operations are threaded through the chain, each
 * node translating against its own (intermediate) source.
 *
 * - translate: the innermost node turns the view operations into operations on its source (the
 *   view of the node before it), and so on outwards; the intermediate sources are the `get`s down
 *   the chain, computed once per call.
 * - project: the same, outwards in: the first node turns source operations into operations on its
 *   view, which is the next node's source.
 *
 * @internal
 */
import type { ComposeLens } from '../../Lens.js'
import type { AnyLens, KindTranslator, Op } from './ops.js'

type Lenses = ComposeLens<unknown, unknown>['lenses']

/**
 * The intermediate sources of the outermost Compose of the `translate` call under way (filled by
 * {@link viewOf}, which computes the whole view once anyway to check the patch), so that
 * {@link translateCompose} does not walk the record a second time. Cleared when the call ends.
 */
let shared: { readonly lenses: Lenses; readonly source: unknown; readonly sources: unknown[] } | undefined

function sourcesOf(lenses: Lenses, source: unknown): unknown[] {
  if (shared !== undefined && shared.lenses === lenses && shared.source === source) return shared.sources
  const sources = new Array<unknown>(lenses.length)
  let cur = source
  for (let i = 0; i < lenses.length; i++) {
    sources[i] = cur
    if (i < lenses.length - 1) cur = lenses[i]!.get(cur)
  }
  return sources
}

/**
 * `lens.get(source)`, keeping the intermediate sources of a Compose for the translation that
 * `run` performs (one walk of the record per `translate` call, not two). @internal
 */
export function withView<T>(lens: AnyLens, source: unknown, run: (view: unknown) => T): T {
  if (lens._tag !== 'Compose') return run(lens.get(source))
  const lenses = (lens as ComposeLens<unknown, unknown>).lenses
  const sources = new Array<unknown>(lenses.length)
  let cur = source
  for (let i = 0; i < lenses.length; i++) {
    sources[i] = cur
    cur = lenses[i]!.get(cur)
  }
  const outer = shared
  shared = { lenses, source, sources }
  try {
    return run(cur)
  } finally {
    shared = outer
  }
}

/** @internal */
export const translateCompose: KindTranslator = (lens, source, ops, ctx) => {
  const lenses = (lens as ComposeLens<unknown, unknown>).lenses
  const sources = sourcesOf(lenses, source)
  let current: readonly Op[] = ops
  for (let i = lenses.length - 1; i >= 0 && current.length > 0; i--) current = ctx.translate(lenses[i]!, sources[i], current)
  return current === ops ? ops.slice() : (current as Op[])
}

/** @internal */
export const projectCompose: KindTranslator = (lens, source, ops, ctx) => {
  const lenses = (lens as ComposeLens<unknown, unknown>).lenses
  let current: Op[] = ops.slice()
  let cur = source
  for (let i = 0; i < lenses.length && current.length > 0; i++) {
    const next = ctx.project(lenses[i]!, cur, current)
    if (i < lenses.length - 1) cur = lenses[i]!.get(cur)
    current = next
  }
  return current
}
