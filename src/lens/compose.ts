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

/** Lens `i`'s view of its source: its shared view where it may pass one on, else its `get`. */
function viewStep(lenses: readonly AnyLens[], i: number): (s: unknown) => unknown {
  const lens = lenses[i]!
  if (!canShare(lenses, i)) return (s) => lens.get(s)
  const sharing = lens as AnyLens & SharesView
  return (s) => sharing.sharedView(s)
}

/**
 * `get` and `put` of the chain from lens `i` inwards, as one closure per level built once: every call
 * site inside sees a single function (monomorphic, so V8 can inline the whole chain), where a loop
 * over the nodes would call them all from one megamorphic site.
 *
 * `put` returns its source itself when the view is unchanged, and stops climbing there (GetPut of
 * each level). `changed`: the new inner value is known to differ structurally from the current
 * one, so a Path need not compare them (a deep comparison of a subtree) before copying its spine —
 * a static property of the lens kinds below level `i`.
 */
interface Level {
  readonly get: (s: unknown) => unknown
  readonly put: (s: unknown, v: unknown) => unknown
  /** Whether a new value `put` returns is known to differ structurally from its source. */
  readonly changes: boolean
}

function level(lenses: readonly AnyLens[], i: number): Level {
  const lens = lenses[i]!
  if (i === lenses.length - 1) return { get: (s) => lens.get(s), put: (s, v) => lens.put(s, v), changes: isPrecise(lens) }
  const view = viewStep(lenses, i)
  const inner = level(lenses, i + 1)
  const innerGet = inner.get
  const innerPut = inner.put
  const putChanged = inner.changes && lens._tag === 'Path' ? (lens.put as PutChanged) : undefined
  return {
    get: (s) => innerGet(view(s)),
    put:
      putChanged !== undefined
        ? (s, v) => {
            const a = view(s)
            const b = innerPut(a, v)
            return b === a ? s : putChanged(s, b, true)
          }
        : (s, v) => {
            const a = view(s)
            const b = innerPut(a, v)
            return b === a ? s : lens.put(s, b)
          },
    changes: keepsChange(lens, inner.changes),
  }
}

/** `get` of a chain of two to four lenses as one flat closure (cheaper than nested levels). */
function flatGet(lenses: readonly AnyLens[]): ((s: unknown) => unknown) | undefined {
  const g = lenses.map((_, i) => viewStep(lenses, i))
  const [g0, g1, g2, g3] = g as [(s: unknown) => unknown, (s: unknown) => unknown, ...((s: unknown) => unknown)[]]
  if (g.length === 2) return (s) => g1(g0(s))
  if (g.length === 3) return (s) => g2!(g1(g0(s)))
  if (g.length === 4) return (s) => g3!(g2!(g1(g0(s))))
  return undefined
}

function makeCompose<S, V>(lenses: readonly AnyLens[]): ComposeLens<S, V> {
  const n = lenses.length
  const chain = level(lenses, 0)
  return {
    _tag: 'Compose',
    step: lenses.map((l) => l.step).join(' → '),
    lenses,
    get: (flatGet(lenses) ?? chain.get) as (s: S) => V,
    put: chain.put as (s: S, v: V) => S,
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
