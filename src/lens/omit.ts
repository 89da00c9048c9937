/**
 * `omit(keys)`: an object without some of its keys.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import type { KnownKeys } from './pick.js'
import { assertRecord, checkTemplate, copyKeys, keySet, refuseUndefinedView } from './_internal/objectNode.js'
import { toPointer } from '../json/pointer.js'
import { type JsonRecord, ownValue, preview, same } from './_internal/record.js'
import { memoGet } from './_internal/memo.js'

/**
 * Options of {@link omit}.
 *
 * @category models
 * @since 0.1.0
 */
export interface OmitOptions {
  /**
   * Hidden values `create` adds to the view, e.g. `{ id: 'pending' }`. Must hold only omitted keys
   * (or their `_` siblings), so CreateGet still holds.
   * @defaultValue none: `create(v)` is `v`'s own defined keys
   */
  readonly create?: Readonly<Record<string, unknown>> | undefined
}

/**
 * The `Omit` node.
 *
 * **Details** — `keys` are the keys as given; the view also loses each key's FHIR sibling `_key`.
 *
 * @category models
 * @since 0.1.0
 */
export interface OmitLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Omit'
  readonly keys: readonly string[]
  readonly template: Readonly<Record<string, unknown>> | undefined
}

/**
 * The view of {@link omit}: `A` without the omitted keys and their `_` siblings.
 *
 * @category models
 * @since 0.1.0
 */
export type OmitView<A, K extends string> = A extends null | undefined ? undefined : Omit<A, K | `_${K}`>

/**
 * Hides some keys of an object; `put` restores them from the source.
 *
 * **When to use** — when a view shows almost everything: `omit(['id', 'meta', 'text'])` to hide
 * server-managed fields and the narrative, `omit(['birthDate'])` to hide a date of birth together
 * with its `_birthDate` extensions.
 *
 * **Laws** (all four hold always, for views without omitted keys)
 * 1. GetPut: `put(s, get(s)) === s` — always (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — always.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — always: the result is the omitted part of
 *    `s` plus `v2`.
 * 4. CreateGet: `get(create(v))` equals `v` — always (template keys are omitted keys).
 *
 * **Details**
 * - Each omitted primitive `k` takes its FHIR sibling `_k` with it: both are hidden and both are
 *   restored from the source on `put`.
 * - `put(s, v)` is a shallow copy: the own defined keys of `v`, then the omitted keys of `s`. It
 *   returns `s` itself when the visible keys are unchanged.
 * - `undefined` passes through: `get(undefined)` is `undefined`, `put(undefined, v)` is `create(v)`.
 * - `ViewOutOfRange` (pointer `/key`): a view that holds an omitted key — the edit would be lost; or
 *   an `undefined` view over an existing source. `PathNotFound`: a source that is not an object.
 *   `InvalidLens`: an empty or duplicated key list, a template key that is not omitted.
 *
 * **Example** (hiding the birth date)
 * ```ts
 * import { id, omit, pipe } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _noBirthDate = pipe(id<Patient>(), omit(['birthDate']))
 * _noBirthDate.get({ resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' }, gender: 'male' })
 * // Output: { resourceType: 'Patient', gender: 'male' }
 * _noBirthDate.put({ resourceType: 'Patient', birthDate: '1970' }, { resourceType: 'Patient', gender: 'other' })
 * // Output: { resourceType: 'Patient', gender: 'other', birthDate: '1970' }
 * ```
 *
 * @see {@link pick} for the complement, `redact` for a masked value instead of a missing one.
 * @category combinators
 * @since 0.1.0
 */
export function omit<const K extends readonly string[]>(
  keys: K,
  options?: OmitOptions,
): <S, A extends object | null | undefined>(
  self: Lens<S, A> & KnownKeys<'omit', A, K[number]>,
) => Lens<S, OmitView<A, K[number]>> {
  const step = `omit(${preview(keys)})`
  const { keys: list, all } = keySet('omit', step, keys)
  const template = checkTemplate('omit', step, options?.create, (k) => all.has(k), 'is not omitted; the view would show it, so CreateGet would fail.')

  const inside = (k: string, v: JsonRecord): LensError =>
    new LensError({
      code: 'ViewOutOfRange',
      pointer: toPointer([k]),
      step,
      message: `"${k}" is omitted by this lens (${list.join(', ')}), so an edit of it would be lost; leave it out of the view.`,
      metaMessages: [`${k}: ${preview(v[k])}`],
    })
  const create = (v: unknown): unknown => {
    if (v === undefined || v === null) return v
    assertRecord(v, step, 'view')
    const out = copyKeys({}, v, (k) => {
      if (all.has(k)) throw inside(k, v)
      return true
    })
    return template === undefined ? out : copyKeys(out, template as JsonRecord, () => true)
  }

  const node: OmitLens<unknown, unknown> = {
    _tag: 'Omit',
    step,
    keys: list,
    template,
    get: memoGet((s) => {
      if (s === undefined || s === null) return undefined
      assertRecord(s, step, 'source')
      return Object.freeze(copyKeys({}, s, (k) => !all.has(k)))
    }),
    put(s, v) {
      if (s === undefined || s === null) return v === undefined || v === null ? s : create(v)
      if (v === undefined) refuseUndefinedView(step, 'omit cannot remove the source object (its omitted keys would be lost). Put an empty object to clear the visible keys.')
      assertRecord(s, step, 'source')
      assertRecord(v, step, 'view')
      let changed = false
      let visible = 0
      for (const k of Object.keys(v)) {
        const value = v[k]
        if (value === undefined) continue
        if (all.has(k)) throw inside(k, v)
        visible++
        if (!changed && !same(value, ownValue(s, k))) changed = true
      }
      if (!changed) {
        let sourceVisible = 0
        for (const k of Object.keys(s)) if (s[k] !== undefined && !all.has(k)) sourceVisible++
        if (sourceVisible !== visible) changed = true
      }
      if (!changed) return s
      return copyKeys(copyKeys({}, v, () => true), s, (k) => all.has(k))
    },
    create,
  }
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node) as Lens<S, OmitView<A, K[number]>>
}
