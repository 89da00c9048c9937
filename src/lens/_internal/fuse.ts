/**
 * Fusion of lens nodes into a `Compose` node, when the lens is built: nested compositions
 * flattened, identities dropped, adjacent `Path` nodes merged, and the chain's `get` and `put` built
 * once as closures.
 *
 * @internal
 */
import type { ComposeLens, Lens, PathLens, PathTemplate } from '../Lens.js'
import { id } from '../Lens.js'
import { otherTag } from './otherTag.js'
import { makePath } from './pathNode.js'

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
 * Whether a new source that `lens.put` returns (a new reference) is known to differ structurally
 * from the old one, so that the Path above it need not compare them before copying its spine:
 * - always for a Path (it compares the leaf, and returns its source when the leaf is equal);
 * - for a Map, when this holds for its item lens (it copies only for a new item);
 * - for a Filter, when the view it was given is known to differ (by PutGet, which holds on every
 *   view it accepts);
 * - for a Keyed, likewise, when its item lens is one whose PutGet holds by construction (a source
 *   equal to the old one would give back the old view, not the new one);
 * - never for the other kinds (a custom lens, say): the Paths above compare as usual.
 */
function keepsChange(lens: AnyLens, viewChanged: boolean): boolean {
  const tag = lens._tag
  switch (tag) {
    case 'Path':
      return true
    case 'Map': {
      const item = (lens as AnyLens & { readonly item?: AnyLens }).item
      return item !== undefined && keepsChange(item, false)
    }
    case 'Filter':
      return viewChanged
    case 'Keyed':
      return viewChanged && keepsPutGet((lens as AnyLens & { readonly item: AnyLens }).item)
    case 'Identity': case 'Custom': case 'Compose': case 'Pick': case 'Omit': case 'Rename': case 'Iso': case 'Defaults':
    case 'Redact': case 'Validate': case 'Under': case 'ByType': case 'Over': case 'Primitives':
      return false
    default:
      return otherTag(tag, false)
  }
}

/** Whether `lens` satisfies PutGet on every view its `put` accepts, whatever the user's functions do. */
function keepsPutGet(lens: AnyLens): boolean {
  switch (lens._tag) {
    case 'Identity': case 'Path': case 'Pick': case 'Omit': case 'Rename':
      return true
    case 'Compose':
      return (lens as ComposeLens<unknown, unknown>).lenses.every(keepsPutGet)
    default:
      return false
  }
}

/** A node that can hand its (cached, shared) view to the next node without copying it. */
interface SharesView {
  /** The view, possibly an internal cached array: read it, never mutate it or hand it out. */
  readonly sharedView: (s: unknown) => unknown
}

/** Path, Filter, Keyed and Map: the nodes {@link readsOnly} and {@link handsOver} hold for. */
function buildsItsOwnView(lens: AnyLens): boolean {
  const tag = lens._tag
  switch (tag) {
    case 'Path': case 'Filter': case 'Keyed': case 'Map':
      return true
    case 'Identity': case 'Custom': case 'Compose': case 'Pick': case 'Omit': case 'Rename': case 'Iso': case 'Defaults':
    case 'Redact': case 'Validate': case 'Under': case 'ByType': case 'Over': case 'Primitives':
      return false
    default:
      return otherTag(tag, false)
  }
}

/**
 * Whether a node may be handed the shared view of the node before it: it must only read its source
 * and never return it (or a part that is it) as its own view — Path returns a child, Filter, Keyed
 * and Map a new array.
 */
const readsOnly = buildsItsOwnView

/**
 * A node that can take over the view array a put hands it: `putOwned(s, v)` is `put(s, v)` for a `v`
 * that nobody else holds, so the node may keep it (frozen) as the cached view of the array it returns.
 */
interface TakesOwned {
  readonly putOwned: (s: unknown, v: unknown) => unknown
}

/**
 * Whether a new value the `put` of `lens` returns is a fresh array or object that no one else
 * holds (the caller may keep and freeze it): Path copies its spine, Filter, Keyed and Map build a new
 * array (or return the frozen shared empty array, which no one can change either).
 */
const handsOver = buildsItsOwnView

/** Whether lens `i` may pass its shared view to lens `i + 1`. */
function canShare(lenses: readonly AnyLens[], i: number): boolean {
  const next = lenses[i + 1]
  return next !== undefined && typeof (lenses[i] as Partial<SharesView>).sharedView === 'function' && readsOnly(next)
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
  if (i === lenses.length - 1) return { get: (s) => lens.get(s), put: (s, v) => lens.put(s, v), changes: keepsChange(lens, false) }
  const view = viewStep(lenses, i)
  const inner = level(lenses, i + 1)
  const innerGet = inner.get
  const innerPut = inner.put
  const putChanged = inner.changes && lens._tag === 'Path' ? (lens.put as PutChanged) : undefined
  const taking = handsOver(lenses[i + 1]!) ? (lens as Partial<TakesOwned>).putOwned : undefined
  return {
    get: (s) => innerGet(view(s)),
    put:
      putChanged !== undefined
        ? (s, v) => {
            const a = view(s)
            const b = innerPut(a, v)
            return b === a ? s : putChanged(s, b, true)
          }
        : taking !== undefined
        ? (s, v) => {
            const a = view(s)
            const b = innerPut(a, v)
            return b === a ? s : taking(s, b)
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
 * `self` then `that`, fused: the `Identity` node, the single remaining lens, or a `Compose` node.
 *
 * @internal
 */
export function fuse(self: AnyLens, that: AnyLens): AnyLens {
  const lenses: AnyLens[] = []
  push(lenses, self)
  push(lenses, that)
  if (lenses.length === 0) return id<unknown>()
  if (lenses.length === 1) return lenses[0]!
  return makeCompose(lenses)
}
