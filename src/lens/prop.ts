/**
 * `prop(key)`: one object key, as a `Path` node.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens, PathTemplate } from './Lens.js'
import type { PathStep } from './path.js'
import { assertPathKey, makePath } from './_internal/pathNode.js'
import { toPointer } from '../json/pointer.js'
import { hasOwn, isRecord, typeName } from './_internal/record.js'

/**
 * Options of {@link prop}.
 *
 * @category models
 * @since 0.1.0
 */
export interface PropOptions {
  /**
   * Hidden keys `create` (and a `put` that has to build the object) adds next to `key`, e.g.
   * `{ resourceType: 'Patient' }`. Must not contain `key` itself, so CreateGet still holds.
   * @defaultValue none: `create(v)` is `{ [key]: v }`
   */
  readonly create?: PathTemplate | undefined
}

/**
 * Focuses on one key of an object.
 *
 * **When to use** — for a field: `pipe(id<Patient>(), prop('birthDate'))`. Consecutive `prop`, `at`
 * and `path` steps fuse into one `Path` node (one walk, one spine copy).
 *
 * **Laws** (all four hold always on objects)
 * 1. GetPut: `put(s, get(s)) === s` — always (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — always.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — always for a source object; composed after
 *    other steps, see {@link path}.
 * 4. CreateGet: `get(create(v))` equals `v` — always.
 *
 * **Details**
 * - `get` of a missing key, or of an `undefined`/`null` source, is `undefined`.
 * - `put(s, v)` returns a shallow copy of `s` with `key` set, or `s` itself when the value is
 *   unchanged; `put(s, undefined)` removes the key. The FHIR sibling `_key` is not touched (it is a
 *   hidden part of the source: see {@link pick} to carry it).
 * - `create(v)` is `{ ...options.create, [key]: v }`.
 * - A non-object source is `PathNotFound` on `put`; a non-string key or a template containing `key`
 *   is `InvalidLens` when the lens is built.
 *
 * **Example** (a patient's birth date)
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _birthDate = pipe(id<Patient>(), prop('birthDate', { create: { resourceType: 'Patient' } }))
 * _birthDate.put({ resourceType: 'Patient', birthDate: '1970-01-01' }, '1970-01-02')
 * // Output: { resourceType: 'Patient', birthDate: '1970-01-02' }
 * _birthDate.create('1980-05-17')
 * // Output: { resourceType: 'Patient', birthDate: '1980-05-17' }
 * ```
 *
 * @see {@link path} for several steps at once, {@link at} for array items.
 * @category combinators
 * @since 0.1.0
 */
export function prop<const K extends string>(
  key: K,
  options?: PropOptions,
): <S, A extends { readonly [P in K]?: unknown } | null | undefined>(self: Lens<S, A>) => Lens<S, PathStep<A, K>> {
  const step = `prop(${JSON.stringify(key) ?? String(key)})`
  if (typeof key !== 'string')
    throw new LensError({
      code: 'InvalidLens',
      pointer: '',
      step,
      message: `prop: key must be a string, got ${typeName(key)}; use at(i) for an array index.`,
    })
  assertPathKey('prop', step, key, 'key')
  const template = options?.create
  if (template !== undefined) {
    if (!isRecord(template))
      throw new LensError({
        code: 'InvalidLens',
        pointer: '',
        step,
        message: `prop: options.create must be an object of hidden keys, got ${typeName(template)}.`,
      })
    if (hasOwn(template, key))
      throw new LensError({
        code: 'InvalidLens',
        pointer: toPointer([key]),
        step,
        message: `prop: options.create must not contain the viewed key "${key}"; create takes it from the view.`,
      })
  }
  const node = makePath<unknown, unknown>([key], template === undefined ? undefined : [template])
  return <S, A>(self: Lens<S, A>) => compose(self as Lens<S, unknown>, node) as Lens<S, PathStep<A, K>>
}
