/**
 * Sequential composition of lenses, fused when the lens is built.
 *
 * @since 0.1.0
 */
import type { Lens } from './Lens.js'
import { id } from './Lens.js'
import { type PathLens, type PathTemplate, makePath } from './path.js'

/**
 * The `Compose` node: `lenses[0]` then `lenses[1]` … on the way down (`get`), back up in reverse on
 * `put`.
 *
 * **Details** — built only by {@link compose}, so `lenses` is flat (no `Compose` inside), holds no
 * `Identity` node, no two adjacent `Path` nodes, and at least two lenses.
 *
 * @category models
 * @since 0.1.0
 */
export interface ComposeLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Compose'
  readonly lenses: readonly Lens<unknown, unknown>[]
}

type AnyLens = Lens<unknown, unknown>

function isPath(lens: AnyLens): lens is PathLens<unknown, unknown> {
  return lens._tag === 'Path'
}

/** Appends `lens` to a fused list: flattens, drops identities, merges adjacent paths. */
function push(out: AnyLens[], lens: AnyLens): void {
  if (lens._tag === 'Identity') return
  if (lens._tag === 'Compose') {
    for (const inner of (lens as ComposeLens<unknown, unknown>).lenses) push(out, inner)
    return
  }
  const last = out[out.length - 1]
  if (last !== undefined && isPath(last) && isPath(lens)) {
    out[out.length - 1] = makePath([...last.keys, ...lens.keys], mergeTemplates(last, lens))
    return
  }
  out.push(lens)
}

function mergeTemplates(
  a: PathLens<unknown, unknown>,
  b: PathLens<unknown, unknown>,
): readonly (PathTemplate | undefined)[] | undefined {
  if (a.templates === undefined && b.templates === undefined) return undefined
  const pad = (p: PathLens<unknown, unknown>) => p.templates ?? p.keys.map(() => undefined)
  return [...pad(a), ...pad(b)]
}

/** A Path node's `put` with its internal third argument (see `makePath`). */
type PutChanged = (s: unknown, v: unknown, changed: boolean) => unknown

/**
 * Whether a new source that `lens.put` returned (a new reference) is known to differ structurally
 * from the old one: always for a precise lens (below), and for a Filter given a view known to
 * differ (by PutGet, which holds on every view it accepts). Any other lens, e.g. a custom one, makes
 * the outer Paths compare as usual.
 */
function keepsChange(lens: AnyLens, viewChanged: boolean): boolean {
  return isPrecise(lens) || (viewChanged && lens._tag === 'Filter')
}

/**
 * Whether `lens.put` returns its source whenever the result would equal it structurally: a Path
 * (it compares the leaf), and a Map over such an item lens (it copies only for a new item).
 */
function isPrecise(lens: AnyLens): boolean {
  if (lens._tag === 'Path') return true
  if (lens._tag === 'Map') {
    const item = (lens as AnyLens & { readonly item?: AnyLens }).item
    return item !== undefined && isPrecise(item)
  }
  return false
}

/** A node that can hand its (cached, shared) view to the next node without copying it. */
interface SharesView {
  /** The view, possibly an internal cached array: read it, never mutate it or hand it out. */
  readonly sharedView: (s: unknown) => unknown
}

/**
 * Whether lens `i` may pass its shared view to lens `i + 1`: the next node must only read it and
 * never return it (or a part that is it) as its own view — Path returns a child, Filter/Keyed/Map a
 * new array.
 */
function canShare(lenses: readonly AnyLens[], i: number): boolean {
  const next = lenses[i + 1]
  if (next === undefined || typeof (lenses[i] as Partial<SharesView>).sharedView !== 'function') return false
  return next._tag === 'Path' || next._tag === 'Filter' || next._tag === 'Keyed' || next._tag === 'Map'
}

function makeCompose<S, V>(lenses: readonly AnyLens[]): ComposeLens<S, V> {
  const n = lenses.length
  const last = lenses[n - 1]!
  const share = lenses.map((_, i) => canShare(lenses, i))
  const viewAt = (i: number, cur: unknown): unknown =>
    share[i] ? (lenses[i] as AnyLens & SharesView).sharedView(cur) : lenses[i]!.get(cur)
  return {
    _tag: 'Compose',
    step: lenses.map((l) => l.step).join(' → '),
    lenses,
    get(s) {
      let cur: unknown = s
      for (let i = 0; i < n; i++) cur = viewAt(i, cur)
      return cur as V
    },
    put(s, v) {
      // sources[i] is the value lens i was given on the way down.
      const sources = new Array<unknown>(n)
      let cur: unknown = s
      for (let i = 0; i < n; i++) {
        sources[i] = cur
        if (i < n - 1) cur = viewAt(i, cur)
      }
      let value: unknown = last.put(sources[n - 1], v)
      if (value === sources[n - 1]) return s
      // `changed`: `value` is known to differ structurally from lens i's current view, so a Path
      // need not compare them (a deep comparison of a whole subtree) before copying its spine.
      let changed = isPrecise(last)
      for (let i = n - 2; i >= 0; i--) {
        const lens = lenses[i]!
        const next = changed && lens._tag === 'Path' ? (lens.put as PutChanged)(sources[i], value, true) : lens.put(sources[i], value)
        // GetPut of lens i: an unchanged view leaves every outer source unchanged too.
        if (next === sources[i]) return s
        changed = keepsChange(lens, changed)
        value = next
      }
      return value as S
    },
    create(v) {
      let value: unknown = v
      for (let i = n - 1; i >= 0; i--) value = lenses[i]!.create(value)
      return value as S
    },
  }
}

/**
 * Composes two lenses: the view of `self` is the source of `that`.
 *
 * **When to use** — to append a lens value you already hold (a preset, a lens built elsewhere) to a
 * pipeline: `pipe(id<Patient>(), prop('name'), compose(_officialNames))`. The pipeable combinators
 * (`prop`, `pick`, …) call it for you.
 *
 * **Laws** — each law holds for the composite whenever it holds for both parts:
 * 1. GetPut: `put(s, get(s)) === s` — if `self` and `that` satisfy GetPut (the same reference comes
 *    back: an unchanged inner source stops the put from climbing further).
 * 2. PutGet: `get(put(s, v))` equals `v` — if both satisfy PutGet.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — if both satisfy PutPut.
 * 4. CreateGet: `get(create(v))` equals `v` — if both satisfy CreateGet.
 *
 * **Details**
 * - Fused at construction: nested `Compose` nodes are flattened, `Identity` nodes dropped, and
 *   adjacent `Path` nodes (from `prop`, `at`, `path`) merged into one `Path` node, so a chain of
 *   steps costs one walk on `get` and one spine copy on `put`.
 * - The result is the `Identity` node, the single remaining lens, or a {@link ComposeLens}.
 * - `put(s, v)` runs the `get`s down once, then the `put`s back up, stopping with `s` as soon as a
 *   `put` returns its source unchanged.
 * - Raises whatever the parts raise.
 *
 * **Example** (appending a lens value)
 * ```ts
 * import { compose, id, path, pipe, prop } from 'lensync'
 * import type { HumanName, Patient } from 'lensync'
 * const _family = pipe(id<HumanName | undefined>(), prop('family'))
 * const _firstFamily = pipe(id<Patient>(), path('name', 0), compose(_family))
 * _firstFamily.step
 * // Output: 'path("name", 0, "family")'
 * ```
 *
 * @see {@link pipe} to chain pipeable combinators.
 * @category combinators
 * @since 0.1.0
 */
export function compose<S, A, B>(self: Lens<S, A>, that: Lens<A, B>): Lens<S, B>
export function compose<A, B>(that: Lens<A, B>): <S>(self: Lens<S, A>) => Lens<S, B>
export function compose(...args: readonly AnyLens[]): AnyLens | ((self: AnyLens) => AnyLens) {
  if (args.length === 1) {
    const that = args[0]!
    return (self: AnyLens) => composeLenses(self, that)
  }
  return composeLenses(args[0]!, args[1]!)
}

function composeLenses(self: AnyLens, that: AnyLens): AnyLens {
  const lenses: AnyLens[] = []
  push(lenses, self)
  push(lenses, that)
  if (lenses.length === 0) return id<unknown>()
  if (lenses.length === 1) return lenses[0]!
  return makeCompose(lenses)
}
