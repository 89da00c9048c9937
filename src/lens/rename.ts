/**
 * `rename(from, to)`: one key of an object under another name.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import type { KnownKeys } from './pick.js'
import { assertRecord, refuseUndefinedView } from './_internal/objectNode.js'
import { toPointer } from '../json/pointer.js'
import { type JsonRecord, ownValue, preview, same, setOwn, siblingOf, typeName } from './_internal/record.js'
import { memoGet } from './_internal/memo.js'

/**
 * The `Rename` node.
 *
 * @category models
 * @since 0.1.0
 */
export interface RenameLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Rename'
  readonly from: string
  readonly to: string
}

/**
 * The view of {@link rename}: `A` with key `F` (and `_F`) renamed to `T` (and `_T`).
 *
 * @category models
 * @since 0.1.0
 */
export type RenameView<A, F extends string, T extends string> = A extends null | undefined
  ? undefined
  : { [P in keyof A as P extends F ? T : P extends `_${F}` ? `_${T}` : P]: A[P] }

/**
 * A compile-time guard: `unknown` unless the new name `T` (or `_T`) is already a key of `A` (not
 * checked for records with an index signature).
 *
 * @category models
 * @since 0.1.0
 */
export type FreeKey<A, T extends string> = string extends keyof NonNullable<A>
  ? unknown
  : [Extract<T | `_${T}`, keyof NonNullable<A>>] extends [never]
    ? unknown
    : { readonly 'rename: the new name is already a key': Extract<T | `_${T}`, keyof NonNullable<A>> }

/**
 * Shows key `from` of an object under the name `to`; its FHIR sibling `_from` becomes `_to`.
 *
 * **When to use** — to adapt a field name to what a consumer expects, e.g. a view where
 * `deceasedBoolean` is `deceased`. For value conversions use {@link iso}.
 *
 * **Laws** (all four hold always, for sources without `to`/`_to` and views without `from`/`_from`)
 * 1. GetPut: `put(s, get(s)) === s` — always (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — always.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — always (rename hides nothing: the result
 *    depends on `v2` only).
 * 4. CreateGet: `get(create(v))` equals `v` — always.
 *
 * **Details**
 * - Every other key passes through unchanged. `put` returns `s` itself when the view is unchanged,
 *   and otherwise a new object built from the view with `to` → `from` and `_to` → `_from`.
 * - `undefined` passes through: `get(undefined)` is `undefined`, `put(undefined, v)` is `create(v)`.
 * - `ViewOutOfRange` (pointer `/from`): a view that holds `from` or `_from` — the old name is not in
 *   the view's vocabulary, and a view with both `from` and `to` has two values for one source key;
 *   also an `undefined` view over an existing source.
 * - `DuplicateKey` on `get` (pointer `/to`): a source that already has `to` or `_to`, which the view
 *   could not tell apart from the renamed key.
 * - `InvalidLens`: names that are not strings, equal, or clash through their `_` siblings.
 *
 * **Example** (`deceasedBoolean` as `deceased`)
 * ```ts
 * import { id, pipe, rename } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _deceased = pipe(id<Patient>(), rename('deceasedBoolean', 'deceased'))
 * _deceased.get({ resourceType: 'Patient', deceasedBoolean: false })
 * // Output: { resourceType: 'Patient', deceased: false }
 * _deceased.put({ resourceType: 'Patient', deceasedBoolean: false }, { resourceType: 'Patient', deceased: true })
 * // Output: { resourceType: 'Patient', deceasedBoolean: true }
 * ```
 *
 * @see {@link iso} to convert a value, {@link pick} to select keys.
 * @category combinators
 * @since 0.1.0
 */
export function rename<const F extends string, const T extends string>(
  from: F,
  to: T,
): <S, A extends object | null | undefined>(
  self: Lens<S, A> & KnownKeys<'rename', A, F> & FreeKey<A, T>,
) => Lens<S, RenameView<A, F, T>> {
  const step = `rename(${JSON.stringify(from) ?? typeName(from)}, ${JSON.stringify(to) ?? typeName(to)})`
  const invalid = (message: string) => new LensError({ code: 'InvalidLens', pointer: '', step, message: `rename: ${message}` })
  if (typeof from !== 'string' || typeof to !== 'string') throw invalid('from and to must be strings.')
  const _from = siblingOf(from)
  const _to = siblingOf(to)
  if ((from as string) === to || from === _to || _from === to) throw invalid(`"${from}" and "${to}" clash (directly or through their "_" siblings).`)

  const sourceKey = (k: string): string => (k === to ? from : k === _to ? _from : k)
  const viewKey = (k: string): string => (k === from ? to : k === _from ? _to : k)
  const oldName = (v: JsonRecord): void => {
    for (const k of [from, _from])
      if (v[k] !== undefined && Object.prototype.hasOwnProperty.call(v, k)) {
        const both = ownValue(v, viewKey(k)) !== undefined
        throw new LensError({
          code: 'ViewOutOfRange',
          pointer: toPointer([k]),
          step,
          message: both
            ? `the view has both "${k}" and "${viewKey(k)}", two values for the source key "${k}"; keep only "${viewKey(k)}".`
            : `the view has "${k}", the name this lens renames to "${viewKey(k)}"; use "${viewKey(k)}" in the view.`,
          metaMessages: [`${k}: ${preview(v[k])}`],
        })
      }
  }
  const create = (v: unknown): unknown => {
    if (v === undefined || v === null) return v
    assertRecord(v, step, 'view')
    oldName(v)
    const out: JsonRecord = {}
    for (const k of Object.keys(v)) if (v[k] !== undefined) setOwn(out, sourceKey(k), v[k])
    return out
  }

  const node: RenameLens<unknown, unknown> = {
    _tag: 'Rename',
    step,
    from,
    to,
    get: memoGet((s) => {
      if (s === undefined || s === null) return undefined
      assertRecord(s, step, 'source')
      const out: JsonRecord = {}
      for (const k of Object.keys(s)) {
        const value = s[k]
        if (value === undefined) continue
        if (k === to || k === _to)
          throw new LensError({
            code: 'DuplicateKey',
            pointer: toPointer([k]),
            step,
            message: `the source already has "${k}", so renaming "${sourceKey(k)}" to "${k}" would give the view two values for one key; rename to another name.`,
            metaMessages: [`${k}: ${preview(value)}`],
          })
        setOwn(out, viewKey(k), value)
      }
      return Object.freeze(out)
    }),
    put(s, v) {
      if (s === undefined || s === null) return v === undefined || v === null ? s : create(v)
      if (v === undefined) refuseUndefinedView(step, 'rename cannot remove the source object.')
      assertRecord(s, step, 'source')
      assertRecord(v, step, 'view')
      oldName(v)
      let changed = false
      let count = 0
      for (const k of Object.keys(v)) {
        const value = v[k]
        if (value === undefined) continue
        count++
        if (!same(value, ownValue(s, sourceKey(k)))) {
          changed = true
          break
        }
      }
      if (!changed) {
        let sourceCount = 0
        for (const k of Object.keys(s)) if (s[k] !== undefined) sourceCount++
        if (sourceCount !== count) changed = true
      }
      return changed ? create(v) : s
    },
    create,
  }
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node) as Lens<S, RenameView<A, F, T>>
}
