/**
 * Hiding or masking one field of a record.
 *
 * @since 0.1.0
 */
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { deepEqual } from '../json/equal.js'
import { toPointer } from '../json/pointer.js'
import { type JsonRecord, hasOwn, isRecord, ownValue, preview, setOwn, withOwn, withoutOwn } from './_internal/record.js'
import { memoGet } from './_internal/memo.js'
import { copyArray } from '../json/_internal/copyArray.js'

/**
 * How {@link redact} hides a field: `'remove'` leaves it out of the view; `{ mask }` shows `mask`
 * instead — a constant, or a function of the hidden value (e.g. a birth date reduced to its year).
 *
 * @category models
 * @since 0.1.0
 */
export type RedactPolicy<T = unknown> = 'remove' | { readonly mask: T | ((hidden: T) => T) }

/**
 * Options of {@link redact}.
 *
 * @category models
 * @since 0.1.0
 */
export interface RedactOptions<T = unknown> {
  /**
   * For `create` with a masked value in the view: a hidden value that masks to it (e.g. the year
   * `'1970'` itself, a valid FHIR date). It must satisfy `mask(create(m))` equals `m`.
   * @defaultValue none: `create` leaves the field out (the hidden value cannot be invented)
   */
  readonly create?: ((masked: T) => T) | undefined
  /**
   * With `{ mask }`: add the FHIR security label `REDACTED` to the view's `meta.security` while a
   * value is masked (removed again on `put`).
   * @defaultValue true
   */
  readonly securityLabel?: boolean | undefined
}

/**
 * The `Redact` node: a lens from a record to the same record with one field hidden or masked.
 *
 * @category models
 * @since 0.1.0
 */
export interface RedactLens<O> extends Lens<O, O> {
  readonly _tag: 'Redact'
  /** Keys from the record to the field, outermost first. */
  readonly path: readonly (string | number)[]
  /** How the field is hidden. */
  readonly policy: RedactPolicy<unknown>
  /** The options it was built with. */
  readonly options: RedactOptions<unknown>
}

/**
 * The FHIR security label added to a view that shows a masked value: `REDACTED` from
 * `v3-ObservationValue`.
 *
 * @category constants
 * @since 0.1.0
 */
export const redactedLabel = Object.freeze({
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'REDACTED',
} as const)

type Key = string | number

function isLabel(c: unknown): boolean {
  return isRecord(c) && c.system === redactedLabel.system && c.code === redactedLabel.code
}

function hasLabel(o: unknown): boolean {
  if (!isRecord(o) || !isRecord(o.meta)) return false
  const security = o.meta.security
  return Array.isArray(security) && security.some(isLabel)
}

function addLabel(o: JsonRecord): JsonRecord {
  return withOwn(o, 'meta', labelledMeta(o))
}

/** `o.meta` with the `REDACTED` label appended to its `security` list (new objects). */
function labelledMeta(o: JsonRecord): JsonRecord {
  const meta = isRecord(o.meta) ? o.meta : {}
  const security = Array.isArray(meta.security) ? meta.security : []
  return withOwn(meta, 'security', [...security, { ...redactedLabel }])
}

function removeLabel(o: JsonRecord): JsonRecord {
  if (!hasLabel(o)) return o
  const oldMeta = o.meta as JsonRecord
  const security = (oldMeta.security as unknown[]).filter((c) => !isLabel(c))
  const meta = security.length === 0 ? withoutOwn(oldMeta, 'security') : withOwn(oldMeta, 'security', security)
  return Object.keys(meta).length === 0 ? withoutOwn(o, 'meta') : withOwn(o, 'meta', meta)
}

/**
 * Freezes the objects `get` made for the view: the copies on the way to the redacted field and
 * the labelled `meta` (its `security` list and the label), never an object of the source.
 */
function freezeCopies(view: JsonRecord, source: unknown, keys: readonly Key[]): JsonRecord {
  let copy: unknown = view
  let original: unknown = source
  for (let d = 0; ; d++) {
    if (copy !== original && typeof copy === 'object' && copy !== null) Object.freeze(copy)
    if (d === keys.length || typeof copy !== 'object' || copy === null) break
    const k = keys[d]!
    copy = (copy as Record<Key, unknown>)[k]
    original = typeof original === 'object' && original !== null ? (original as Record<Key, unknown>)[k] : undefined
  }
  const meta = view.meta
  const sourceMeta = isRecord(source) ? source.meta : undefined
  if (isRecord(meta) && meta !== sourceMeta) {
    Object.freeze(meta)
    const security = meta.security
    if (Array.isArray(security) && security !== (isRecord(sourceMeta) ? sourceMeta.security : undefined)) {
      Object.freeze(security)
      const label = security[security.length - 1]
      if (isLabel(label)) Object.freeze(label)
    }
  }
  return view
}

/** The container at `keys`, or `undefined` when a step is missing. */
function getIn(value: unknown, keys: readonly Key[]): unknown {
  let cur = value
  for (const k of keys) {
    if (typeof k === 'number') {
      if (!Array.isArray(cur)) return undefined
      cur = cur[k]
    } else {
      if (!isRecord(cur)) return undefined
      cur = ownValue(cur, k)
    }
  }
  return cur
}

/** `value` with the container at `keys` replaced by `next` (path copy); the containers must exist. */
function setIn(value: unknown, keys: readonly Key[], depth: number, next: unknown): unknown {
  if (depth === keys.length) return next
  const k = keys[depth]!
  if (typeof k === 'number') {
    const arr = copyArray(value as unknown[])
    arr[k] = setIn(arr[k], keys, depth + 1, next)
    return arr
  }
  const o = { ...(value as JsonRecord) }
  setOwn(o, k, setIn(o[k], keys, depth + 1, next))
  return o
}

function without(o: JsonRecord, a: string, b: string | undefined): JsonRecord {
  return hasOwn(o, a) || (b !== undefined && hasOwn(o, b)) ? withoutOwn(o, a, b) : { ...o }
}

/** Builds the `Redact` node. @internal */
export function redactNode<O>(
  path: string | readonly Key[],
  policy: RedactPolicy<unknown>,
  options: RedactOptions<unknown> = {},
): RedactLens<O> {
  const keys: readonly Key[] = typeof path === 'string' ? [path] : path
  const fail = (message: string): never => {
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'redact()', message })
  }
  if (!Array.isArray(keys) || keys.length === 0) fail('redact: path must be a key or a non-empty array of keys')
  for (const k of keys)
    if (!(typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k) && k >= 0)))
      fail('redact: path keys must be strings or array indices')
  const last = keys[keys.length - 1]!
  if (typeof last !== 'string') fail('redact: the last path key must be an object key')
  if (policy !== 'remove' && !(isRecord(policy) && hasOwn(policy, 'mask')))
    fail("redact: policy must be 'remove' or { mask }")
  if (options === null || typeof options !== 'object') fail('redact: options must be an object')
  if (options.create !== undefined && typeof options.create !== 'function') fail('redact: create must be a function')
  if (options.create !== undefined && policy === 'remove') fail("redact: create applies only to the { mask } policy")

  const field = last as string
  const sibling = `_${field}`
  const parentKeys = keys.slice(0, -1)
  const pointer = toPointer(keys)
  const siblingPointer = toPointer([...parentKeys, sibling])
  const masking = policy !== 'remove'
  const mask = masking ? policy.mask : undefined
  const maskOf = (hidden: unknown): unknown => (typeof mask === 'function' ? (mask as (h: unknown) => unknown)(hidden) : mask)
  const labelled = masking && options.securityLabel !== false
  const step = `redact(${keys.map((k) => JSON.stringify(k)).join(', ')}, ${masking ? 'mask' : "'remove'"})`
  const edited = (at: string, message: string, metaMessages?: string[]): never => {
    throw new LensError({ code: 'HiddenFieldEdited', pointer: at, step, message, metaMessages })
  }

  /** Checks the view's side of the field: no `_x` sibling, and the field absent or equal to `expected`. */
  const checkView = (parent: JsonRecord, expected: unknown): void => {
    if (ownValue(parent, sibling) !== undefined)
      edited(siblingPointer, `${sibling} belongs to a redacted field and cannot be set through this view; remove it from the view.`)
    const shown = ownValue(parent, field)
    if (!masking && shown !== undefined)
      edited(pointer, 'This field is redacted (removed from the view); a view cannot set it — remove it from the view.', [`value: ${preview(shown)}`])
    if (masking && !deepEqual(shown, expected))
      edited(pointer, 'This field is masked; a view cannot change its masked value — restore the value the view was given.', [
        `expected: ${preview(expected)}`,
        `got: ${preview(shown)}`,
      ])
  }

  return {
    _tag: 'Redact',
    step,
    path: keys,
    policy,
    options,
    get: memoGet((s: O): O => {
      const parent = getIn(s, parentKeys)
      if (!isRecord(parent)) return s
      const hidden = ownValue(parent, field)
      const hiddenSibling = ownValue(parent, sibling)
      if (hidden === undefined && hiddenSibling === undefined) return s
      let next: JsonRecord
      if (!masking || hidden === undefined) next = without(parent, field, sibling)
      else {
        next = without(parent, sibling, undefined)
        setOwn(next, field, maskOf(hidden))
      }
      let view = setIn(s, parentKeys, 0, next) as JsonRecord
      if (labelled && hidden !== undefined && !hasLabel(view)) {
        // At the top level `view` is `next`, a fresh copy: label it in place rather than copy it again.
        if (parentKeys.length === 0 && field !== 'meta' && hasOwn(view, 'meta')) view.meta = labelledMeta(view)
        else view = addLabel(view)
      }
      return freezeCopies(view, s, parentKeys) as O
    }),
    put(s, v) {
      const sParent = getIn(s, parentKeys)
      const hidden = isRecord(sParent) ? ownValue(sParent, field) : undefined
      const hiddenSibling = isRecord(sParent) ? ownValue(sParent, sibling) : undefined
      const masked = masking && hidden !== undefined
      let out: unknown = v
      if (labelled && masked) {
        if (!hasLabel(v))
          edited('/meta/security', `The view shows a masked value, so it must keep the ${redactedLabel.code} security label that redact manages.`)
        if (!hasLabel(s)) out = removeLabel(v as JsonRecord)
      }
      const vParent = getIn(out, parentKeys)
      if (isRecord(vParent)) {
        checkView(vParent, masked ? maskOf(hidden) : undefined)
        if (hidden !== undefined || hiddenSibling !== undefined) {
          const restored = without(vParent, field, sibling)
          if (hidden !== undefined) setOwn(restored, field, hidden)
          if (hiddenSibling !== undefined) setOwn(restored, sibling, hiddenSibling)
          out = setIn(out, parentKeys, 0, restored)
        }
      } else if (hidden !== undefined || hiddenSibling !== undefined) {
        edited(pointer, 'The view removes the object that holds this redacted field, which would delete the hidden value; keep the object.')
      }
      return deepEqual(out, s) ? s : (out as O)
    },
    create(v) {
      const vParent = getIn(v, parentKeys)
      if (!isRecord(vParent)) return v
      const shown = ownValue(vParent, field)
      if (!masking || shown === undefined) {
        checkView(vParent, undefined)
        return v
      }
      if (ownValue(vParent, sibling) !== undefined)
        edited(siblingPointer, `${sibling} belongs to a redacted field and cannot be set through this view; remove it from the view.`)
      let out: unknown = v
      if (labelled) {
        if (!hasLabel(v))
          edited('/meta/security', `The view shows a masked value, so it must keep the ${redactedLabel.code} security label that redact manages.`)
        out = removeLabel(v as JsonRecord)
      }
      const parent = getIn(out, parentKeys) as JsonRecord
      const restored = without(parent, field, undefined)
      if (options.create !== undefined) {
        const hidden = options.create(shown)
        if (!deepEqual(maskOf(hidden), shown))
          throw new LensError({
            code: 'InvalidLens',
            pointer,
            step,
            message: 'redact: options.create returned a value that does not mask to the view value.',
            metaMessages: [`view value: ${preview(shown)}`, `created: ${preview(hidden)}`, `masked: ${preview(maskOf(hidden))}`],
          })
        setOwn(restored, field, hidden)
      }
      return setIn(out, parentKeys, 0, restored) as O
    },
  }
}

/**
 * Hides one field of a record: removes it from the view, or shows a mask in its place (and labels
 * the view `REDACTED` in `meta.security`); `put` restores the hidden value from the source.
 *
 * **When to use** — for de-identified and need-to-know views: no `name` for a researcher, a birth
 * date reduced to its year (`{ mask: (d) => d.slice(0, 4) }`), a constant in place of an address
 * line.
 *
 * **Laws**
 * 1. GetPut — `put(s, get(s)) === s`: always.
 * 2. PutGet — `get(put(s, v))` equals `v`: for every view that leaves the redacted field as `get`
 *    showed it (absent, or the mask of the hidden value) and keeps the `REDACTED` label where one
 *    was added (as the last `meta.security` coding); other views are `HiddenFieldEdited`.
 * 3. PutPut — `put(put(s, v1), v2)` equals `put(s, v2)`: always (for views in range): the
 *    hidden value comes from the source, which the first put does not change.
 * 4. CreateGet — `get(create(v))` equals `v`: with `'remove'`, always; with `{ mask }`, when the
 *    view holds no masked value, or `options.create` is given (the hidden value cannot be invented:
 *    without it `create` leaves the field out, and the view of the result lacks the mask).
 *
 * **Details**
 * - `path` is a key or an array of keys from the record to the field (array indices allowed, but
 *   positional); the field's FHIR primitive-extension sibling `_field` is hidden and restored with
 *   it, so `_given` stays aligned with `given`.
 * - The security label is added to the top level of the value the node is given (put `redact` on the
 *   resource, with a deep `path`), only when a value is masked and the label is not already there;
 *   `put` removes it again unless the source carried it itself: it is never duplicated.
 * - Errors: `HiddenFieldEdited` (the view sets a removed field, changes a mask, sets `_field`,
 *   drops the `REDACTED` label, or removes the object holding a hidden value; pointer to the
 *   field), `InvalidLens` (bad path or policy at construction; a `create` that does not mask back).
 *
 * **Example** (birth date reduced to the year)
 * ```ts
 * import { id, pipe, redact } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _deidentified = pipe(id<Patient>(), redact('birthDate', { mask: (d: string) => d.slice(0, 4) }))
 * _deidentified.get({ resourceType: 'Patient', birthDate: '1970-03-14' })
 * // Output: { resourceType: 'Patient', birthDate: '1970', meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] } }
 * ```
 *
 * @see {@link filter} to hide whole array items.
 * @category combinators
 * @since 0.1.0
 */
export function redact<T = unknown>(
  path: string | readonly (string | number)[],
  policy: RedactPolicy<T>,
  options?: RedactOptions<T>,
): <S, O extends object>(self: Lens<S, O>) => Lens<S, O> {
  const node = redactNode<unknown>(path, policy as RedactPolicy<unknown>, options as RedactOptions<unknown> | undefined)
  return <S, O extends object>(self: Lens<S, O>) => compose(self, node as Lens<unknown, unknown> as unknown as Lens<O, O>)
}
