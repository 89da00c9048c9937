/**
 * `pick(keys)`: a subset of an object's keys.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { toPointer } from '../json/pointer.js'
import { type JsonRecord, ownValue, preview, same, setOwn } from './_internal/record.js'
import { assertRecord, checkTemplate, copyKeys, keySet, refuseUndefinedView } from './_internal/objectNode.js'
import { memoGet } from './_internal/memo.js'

/**
 * Options of {@link pick}.
 *
 * @category models
 * @since 0.1.0
 */
export interface PickOptions {
  /**
   * Hidden keys `create` adds to the view's keys, e.g. `{ resourceType: 'Patient' }`. Must hold only
   * keys outside the picked set (and their `_` siblings), so CreateGet still holds.
   * @defaultValue none: `create(v)` is `v`'s own defined keys
   */
  readonly create?: Readonly<Record<string, unknown>> | undefined
}

/**
 * The `Pick` node.
 *
 * **Details** — `keys` are the keys as given; the view also carries each key's FHIR sibling `_key`.
 *
 * @category models
 * @since 0.1.0
 */
export interface PickLens<S, V> extends Lens<S, V> {
  readonly _tag: 'Pick'
  readonly keys: readonly string[]
  readonly template: Readonly<Record<string, unknown>> | undefined
}

/**
 * The view of {@link pick}: the picked keys of `A` and their `_` siblings.
 *
 * @category models
 * @since 0.1.0
 */
export type PickView<A, K extends string> = A extends null | undefined ? undefined : Pick<A, Extract<keyof A, K | `_${K}`>>

/**
 * A compile-time guard: `unknown` when every key is a key of `A`, otherwise an object type naming
 * the unknown keys (so the mistake shows up in the error message).
 *
 * @category models
 * @since 0.1.0
 */
export type KnownKeys<Api extends string, A, K extends string> = [Exclude<K, keyof NonNullable<A>>] extends [never]
  ? unknown
  : { readonly [P in `${Api}: unknown keys`]: Exclude<K, keyof NonNullable<A>> }

/**
 * Focuses on some keys of an object; the others stay hidden and are restored from the source on
 * `put`.
 *
 * **When to use** — for a view that shows a few fields of a resource or element:
 * `pick(['family', 'given'])` on a `HumanName`, `pick(['resourceType', 'gender', 'birthDate'])` on a
 * `Patient`. Use {@link omit} when it is shorter to name what to hide.
 *
 * **Laws** (all four hold always, for views whose keys are picked keys)
 * 1. GetPut: `put(s, get(s)) === s` — always (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — always.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — always: the result is the hidden part of `s`
 *    plus `v2`.
 * 4. CreateGet: `get(create(v))` equals `v` — always (template keys are hidden keys).
 *
 * **Details**
 * - Each picked primitive `k` carries its FHIR sibling `_k` (`{ id, extension }`, or the parallel
 *   array of a primitive array) along: the view shows it and `put` writes it back.
 * - `put(s, v)` is a shallow copy: the hidden keys of `s`, then the own defined keys of `v`; a picked
 *   key missing from `v` is removed. It returns `s` itself when every picked key is unchanged.
 * - `undefined` passes through: `get(undefined)` is `undefined`, `put(undefined, v)` is `create(v)`.
 * - `ViewOutOfRange` (pointer `/key`): a view with a key outside the picked set — it would have no
 *   place in the source; or an `undefined` view over an existing source (the hidden keys would be
 *   lost). `PathNotFound`: a source that is not an object. `InvalidLens`: an empty or duplicated key
 *   list, a template with a picked key.
 *
 * **Example** (gender and birth date of a patient, nothing else)
 * ```ts
 * import { id, pick, pipe } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _demographics = pipe(id<Patient>(), pick(['gender', 'birthDate']))
 * _demographics.get({ resourceType: 'Patient', id: 'p1', birthDate: '1970', _birthDate: { id: 'b' } })
 * // Output: { birthDate: '1970', _birthDate: { id: 'b' } }
 * _demographics.put({ resourceType: 'Patient', id: 'p1', birthDate: '1970' }, { gender: 'female' })
 * // Output: { resourceType: 'Patient', id: 'p1', gender: 'female' }
 * ```
 *
 * @see {@link omit} for the complement, `redact` to hide values inside nested fields.
 * @category combinators
 * @since 0.1.0
 */
export function pick<const K extends readonly string[]>(
  keys: K,
  options?: PickOptions,
): <S, A extends object | null | undefined>(
  self: Lens<S, A> & KnownKeys<'pick', A, K[number]>,
) => Lens<S, PickView<A, K[number]>> {
  const step = `pick(${preview(keys)})`
  const { keys: list, all } = keySet('pick', step, keys)
  const template = checkTemplate('pick', step, options?.create, (k) => !all.has(k), 'is picked; create takes it from the view.')

  const create = (v: unknown): unknown => {
    if (v === undefined || v === null) return v
    assertRecord(v, step, 'view')
    const out: JsonRecord = template === undefined ? {} : copyKeys({}, template as JsonRecord, () => true)
    return copyKeys(out, v, (k) => {
      if (!all.has(k)) throw outside(k, v)
      return true
    })
  }
  const outside = (k: string, v: JsonRecord): LensError =>
    new LensError({
      code: 'ViewOutOfRange',
      pointer: toPointer([k]),
      step,
      message: `"${k}" is not one of the picked keys (${list.join(', ')}); add it to pick([...]) or leave it out of the view.`,
      metaMessages: [`${k}: ${preview(v[k])}`],
    })

  const node: PickLens<unknown, unknown> = {
    _tag: 'Pick',
    step,
    keys: list,
    template,
    get: memoGet((s) => {
      if (s === undefined || s === null) return undefined
      assertRecord(s, step, 'source')
      const out: JsonRecord = {}
      for (const k of all) {
        const value = ownValue(s, k)
        if (value !== undefined) setOwn(out, k, value)
      }
      return Object.freeze(out)
    }),
    put(s, v) {
      if (s === undefined || s === null) return v === undefined || v === null ? s : create(v)
      if (v === undefined) refuseUndefinedView(step, 'pick cannot remove the source object (its hidden keys would be lost). Put an empty object to clear the picked keys.')
      assertRecord(s, step, 'source')
      assertRecord(v, step, 'view')
      let changed = false
      for (const k of Object.keys(v)) {
        const value = v[k]
        if (value === undefined) continue
        if (!all.has(k)) throw outside(k, v)
        if (!changed && !same(value, ownValue(s, k))) changed = true
      }
      if (!changed)
        for (const k of all)
          if (ownValue(s, k) !== undefined && ownValue(v, k) === undefined) {
            changed = true
            break
          }
      if (!changed) return s
      return copyKeys(copyKeys({}, s, (k) => !all.has(k)), v, () => true)
    },
    create,
  }
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node) as Lens<S, PickView<A, K[number]>>
}
