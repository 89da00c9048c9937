/**
 * # Lens
 *
 * A lens carves a view out of a source and puts an edited view back.
 *
 * ## Mental model
 * - `get(s)` — the view of source `s`.
 * - `put(s, v)` — the source updated so that its view is `v`; everything the view hides is kept from `s`.
 * - `create(v)` — a source built from a view alone (a put with no source).
 * - Combinators (`prop`, `keyed`, `redact`, …) are pipeable: each returns a function from a lens to a
 *   longer lens, so `pipe(id<Patient>(), prop('name'), index(0))` infers `Lens<Patient, HumanName>`.
 *
 * ## Laws
 * Every combinator states in its doc which of these hold, always or under a condition, and the tests
 * check them with {@link checkLaws} on generated FHIR data:
 * 1. GetPut: `put(s, get(s)) === s` — equal, and the very same reference (no copy on a no-op put).
 * 2. PutGet: `get(put(s, v))` equals `v` for every valid view `v`.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)`.
 * 4. CreateGet: `get(create(v))` equals `v`.
 *
 * ## Gotchas
 * - Sources are immutable: `put` copies only the nodes on the path it changes and never mutates `s`.
 * - A view that is not in the lens's range (e.g. edits a redacted field) makes `put` throw a
 *   {@link LensError}; nothing is dropped silently.
 * - Consecutive `prop`/`index` steps are fused into one path walk when the lens is built.
 * - `get` is memoized per combinator by source identity (garbage-collected `WeakMap`s; array
 *   combinators keep arrays under 64 items in one slot instead, the last one seen), so the same
 *   source gives, while cached, the very same view object, shared by every caller (an equal one
 *   otherwise). The objects and arrays a
 *   combinator builds for its view are frozen: copy a view (`structuredClone`, spread) before
 *   changing it in place, or edit it through a patch. Treat sources, and whatever a `put` returns,
 *   as immutable too: the caches, the key tables carried from one version of an array to the next
 *   and the view digest all rely on it.
 *
 * ## Quickstart
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import type { Patient } from 'lensync'
 * declare const patient: Patient
 * const _gender = pipe(id<Patient>(), prop('gender'))
 * _gender.put(patient, 'female')
 * ```
 *
 * @since 0.1.0
 */

/**
 * The kind of a lens node: a closed set, one tag per built-in node.
 *
 * **Details**
 * - `'Identity'` ({@link id}), `'Custom'` ({@link makeLens}), `'Path'` (`prop`, `at`, `path`),
 *   `'Compose'` (`compose`, `pipe`), `'Pick'`, `'Omit'`, `'Rename'`, `'Iso'`, `'Defaults'`, `'Map'`,
 *   `'Keyed'` (`keyed` and the keyed FHIR presets), `'Filter'`, `'Redact'`, `'Validate'`, `'Under'`,
 *   and the FHIR nodes `'ByType'` (`fhir.byType`), `'Over'` (nested questionnaire items) and
 *   `'Primitives'` (`fhir.primitives`).
 * - Code that switches on `_tag` (composition, edit translation) handles every tag: a new node kind
 *   does not compile until each of them decides what to do with it.
 *
 * @category models
 * @since 0.2.0
 */
export type LensTag =
  | 'Identity'
  | 'Custom'
  | 'Path'
  | 'Compose'
  | 'Pick'
  | 'Omit'
  | 'Rename'
  | 'Iso'
  | 'Defaults'
  | 'Map'
  | 'Keyed'
  | 'Filter'
  | 'Redact'
  | 'Validate'
  | 'Under'
  | 'ByType'
  | 'Over'
  | 'Primitives'

/**
 * A lens from a source `S` to a view `V`.
 *
 * **Details**
 * - `_tag` names the node kind ({@link LensTag}). Every built-in node exposes the parameters it was
 *   built with as readonly fields, so that edit translation can interpret a lens structurally; a
 *   lens made with {@link makeLens} has `_tag: 'Custom'` and is translated by the state-based
 *   fallback.
 * - `step` is a short description of the node as it was built (e.g. `prop("name")`), used in errors.
 *
 * @category models
 * @since 0.1.0
 */
export interface Lens<in out S, in out V> {
  /** Node kind. */
  readonly _tag: LensTag
  /** How the node was built, for error messages. */
  readonly step: string
  /** The view of `s`. */
  get(s: S): V
  /** `s` updated so that its view is `v`. Returns `s` itself when nothing changes. */
  put(s: S, v: V): S
  /** A source whose view is `v`. */
  create(v: V): S
}

/**
 * A pipeable combinator: turns a lens onto `A` into a lens onto `B`.
 *
 * @category models
 * @since 0.1.0
 */
export type LensStep<S, A, B> = (self: Lens<S, A>) => Lens<S, B>

/** Extracts the source type of a lens. @category models @since 0.1.0 */
export type SourceOf<L> = L extends Lens<infer S, infer _V> ? S : never
/** Extracts the view type of a lens. @category models @since 0.1.0 */
export type ViewOf<L> = L extends Lens<infer _S, infer V> ? V : never

/**
 * The identity node.
 *
 * @category models
 * @since 0.1.0
 */
export interface IdentityLens<S> extends Lens<S, S> {
  readonly _tag: 'Identity'
}

/**
 * One step of a path: a string is an object key, a number an array index.
 *
 * @category models
 * @since 0.1.0
 */
export type PathKey = string | number

/**
 * Keys (and their values) a `create` adds to a container the path has to build, e.g.
 * `{ resourceType: 'Patient' }`.
 *
 * @category models
 * @since 0.1.0
 */
export type PathTemplate = Readonly<Record<string, unknown>>

/**
 * The `Path` node: a run of object-key and array-index steps walked in one loop.
 *
 * **Details**
 * - Built by `prop`, `at` and `path`; `compose` merges adjacent ones, so
 *   `pipe(id<Patient>(), prop('name'), at(0), prop('family'))` is one `Path` node with the keys
 *   `['name', 0, 'family']`: `get` is one walk and `put` one copy of the spine.
 * - `keys` are the steps, outermost first.
 * - `templates[d]`, when present, is merged into the container at depth `d` (the one holding
 *   `keys[d]`; depth 0 is the source itself) whenever a `put` or `create` has to build it.
 *   `undefined` when no step has a template.
 *
 * @category models
 * @since 0.1.0
 */
export interface PathLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Path'
  readonly keys: readonly PathKey[]
  readonly templates: readonly (PathTemplate | undefined)[] | undefined
}

/**
 * The `Compose` node: `lenses[0]` then `lenses[1]` … on the way down (`get`), back up in reverse on
 * `put`.
 *
 * **Details** — built only by `compose` (and `pipe`), so `lenses` is flat (no `Compose` inside),
 * holds no `Identity` node, no two adjacent `Path` nodes, and at least two lenses.
 *
 * @category models
 * @since 0.1.0
 */
export interface ComposeLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Compose'
  readonly lenses: readonly Lens<unknown, unknown>[]
}

const identity: IdentityLens<unknown> = {
  _tag: 'Identity',
  step: 'id()',
  get: (s) => s,
  put: (_s, v) => v,
  create: (v) => v,
}

/**
 * The identity lens on `S`: the start of every pipeline.
 *
 * **When to use** — to fix the source type: `pipe(id<Patient>(), prop('name'))`.
 *
 * **Laws** — all four hold always (`get` and `put` return their argument).
 *
 * **Example** (the whole record as the view)
 * ```ts
 * import { id } from 'lensync'
 * id<{ gender: string }>().put({ gender: 'male' }, { gender: 'female' })
 * // Output: { gender: 'female' }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export function id<S>(): IdentityLens<S> {
  return identity as IdentityLens<S>
}

/**
 * Parameters of {@link makeLens}.
 *
 * @category models
 * @since 0.1.0
 */
export interface MakeLensParameters<S, V> {
  /** The view of a source. */
  readonly get: (s: S) => V
  /** Put a view back into a source; must return `s` itself when `v` equals `get(s)`. */
  readonly put: (s: S, v: V) => S
  /** Build a source from a view alone. */
  readonly create: (v: V) => S
  /** A description for error messages. @defaultValue `'makeLens()'` */
  readonly step?: string
}

/**
 * Builds a lens from plain functions.
 *
 * **When to use** — for a transformation no combinator expresses. Check it with {@link checkLaws}:
 * nothing here makes it lawful for you.
 *
 * **Laws** — exactly those your functions satisfy.
 *
 * **Details** — edit translation treats a custom lens by the state-based fallback (put, then a diff
 * of the touched subtree).
 *
 * @category constructors
 * @since 0.1.0
 */
export function makeLens<S, V>(parameters: MakeLensParameters<S, V>): Lens<S, V> {
  return {
    _tag: 'Custom',
    step: parameters.step ?? 'makeLens()',
    get: parameters.get,
    put: parameters.put,
    create: parameters.create,
  }
}
