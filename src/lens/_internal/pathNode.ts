/**
 * The `Path` node at run time: the walk and the spine copy behind `prop`, `at` and `path`.
 *
 * @internal
 */
import { noteSplice } from '../../json/_internal/lineage.js'
import { LensError } from '../errors.js'
import type { PathKey, PathLens, PathTemplate } from '../Lens.js'
import { toPointer } from '../../json/pointer.js'
import { type JsonRecord, isEmptyRecord, isRecord, same, setOwn, typeName, withOwn, withoutOwn } from './record.js'
import { copyArray } from '../../json/_internal/copyArray.js'

/** Names an object can inherit from `Object.prototype`; only these need an own-property check. */
function isInheritedName(key: PathKey): boolean {
  return typeof key === 'string' && key in Object.prototype
}

/** How a path is written back in errors: `prop("name")`, `at(0)` or `path("name", 0)`. */
function describeKeys(keys: readonly PathKey[]): string {
  const args = keys.map((k) => (typeof k === 'number' ? String(k) : JSON.stringify(k))).join(', ')
  if (keys.length === 1) return typeof keys[0] === 'number' ? `at(${args})` : `prop(${args})`
  return `path(${args})`
}

/**
 * Checks one step when a combinator is built.
 *
 * @internal
 */
export function assertPathKey(api: string, step: string, key: unknown, what: string): asserts key is PathKey {
  const ok = typeof key === 'string' || (typeof key === 'number' && Number.isSafeInteger(key) && key >= 0)
  if (!ok)
    throw new LensError({
      code: 'InvalidLens',
      pointer: '',
      step,
      message: `${api}: ${what} must be a string (object key) or a non-negative integer (array index).`,
      metaMessages: [`Got: ${typeof key === 'number' ? String(key) : typeName(key)}`],
    })
}

/**
 * Builds a `Path` node. Keys must already be validated; an empty key list is not a path (use `id`).
 *
 * @internal
 */
export function makePath<S, V>(
  keys: readonly PathKey[],
  templates?: readonly (PathTemplate | undefined)[] | undefined,
): PathLens<S, V> {
  const n = keys.length
  const ks = keys.slice()
  const ts = templates?.some((t) => t !== undefined) ? templates.slice() : undefined
  const checkOwn = ks.map(isInheritedName)
  const isIndex = ks.map((k) => typeof k === 'number')
  const step = describeKeys(ks)
  const pointerTo = (depth: number): string => toPointer(ks.slice(0, depth))
  /** Whether the array at depth `d` is a FHIR parallel primitive-extension array (`_given`). */
  const isParallel = (d: number): boolean => {
    const parent = d > 0 ? ks[d - 1] : undefined
    return typeof parent === 'string' && parent.startsWith('_')
  }

  /** The child of `c` at step `d`, or `undefined` when `c` has no such child. */
  const child = (c: unknown, d: number): unknown => {
    if (typeof c !== 'object' || c === null) return undefined
    if (Array.isArray(c) !== isIndex[d]) return undefined
    const k = ks[d]!
    if (checkOwn[d] && !Object.prototype.hasOwnProperty.call(c, k)) return undefined
    return (c as JsonRecord)[k]
  }

  /** A copy of container `c` (depth `d`) with its child at `ks[d]` set to `value`. */
  const assign = (c: unknown, d: number, value: unknown, had?: boolean): unknown => {
    const k = ks[d]!
    if (c === undefined || c === null) {
      if (typeof k === 'number') {
        if (k === 0) return [value]
        throw new LensError({
          code: 'ViewOutOfRange',
          pointer: pointerTo(d + 1),
          step,
          message: `there is no array at "${pointerTo(d)}", and a new array can only be started at index 0, not ${k}.`,
        })
      }
      if (ts?.[d]) return withOwn(ts[d], k, value)
      const created: JsonRecord = {}
      setOwn(created, k, value)
      return created
    }
    if (typeof k === 'number') {
      if (!Array.isArray(c))
        throw new LensError({
          code: 'PathNotFound',
          pointer: pointerTo(d),
          step,
          message: `expected an array at "${pointerTo(d)}" to put index ${k} into, found ${typeName(c)}.`,
        })
      if (k > c.length)
        throw new LensError({
          code: 'ViewOutOfRange',
          pointer: pointerTo(d + 1),
          step,
          message: `index ${k} is past the end of the array at "${pointerTo(d)}" (length ${c.length}); a put can replace an item or append at index ${c.length}, never leave a hole.`,
        })
      const copy = copyArray(c)
      copy[k] = value
      noteSplice(copy, c, k, k < c.length ? 1 : 0, 1)
      return copy
    }
    if (!isRecord(c))
      throw new LensError({
        code: 'PathNotFound',
        pointer: pointerTo(d),
        step,
        message: `expected an object at "${pointerTo(d)}" to put "${k}" into, found ${typeName(c)}.`,
      })
    // A new key: see withOwn. `had`: the caller read the child already (saves a megamorphic load).
    if (had === false || (had === undefined && c[k] === undefined)) return withOwn(c, k, value)
    const copy: JsonRecord = { ...c }
    setOwn(copy, k, value)
    return copy
  }

  /** Writes `v` (not undefined) down the recorded spine. */
  const set = (spine: readonly unknown[], v: unknown): unknown => {
    let value = v
    for (let d = n - 1; d >= 0; d--) value = assign(spine[d], d, value)
    return value
  }

  /**
   * Removes the leaf (which exists) and prunes the containers this leaves empty (FHIR forbids `{}`
   * and `[]`). An emptied array item is removed — or, in a parallel `_x` array, becomes `null` so
   * the items keep their positions; a `_x` array left with only `null`s goes too.
   */
  const remove = (spine: readonly unknown[]): unknown => {
    let value: unknown
    let d = n - 1
    for (; d >= 0; d--) {
      const c = spine[d]
      const k = ks[d]!
      if (typeof k === 'number') {
        const array = c as readonly unknown[]
        let copy: unknown[]
        if (d < n - 1 && isParallel(d)) {
          copy = copyArray(array)
          copy[k] = null
          if (copy.every((item) => item === null)) continue
        } else {
          if (d === n - 1 && k !== array.length - 1)
            throw new LensError({
              code: 'ViewOutOfRange',
              pointer: pointerTo(d + 1),
              step,
              message: `cannot remove item ${k} of the array at "${pointerTo(d)}" (length ${array.length}): the items after it would shift. Only the last item can be removed this way; use filter, keyed or map to drop items.`,
            })
          copy = copyArray(array)
          copy.splice(k, 1)
          noteSplice(copy, array, k, 1, 0)
          if (copy.length === 0 && d > 0) continue
        }
        value = copy
        d--
        break
      }
      const copy = withoutOwn(c as JsonRecord, k)
      if (d > 0 && isEmptyRecord(copy)) continue
      value = copy
      d--
      break
    }
    for (; d >= 0; d--) value = assign(spine[d], d, value)
    return value
  }

  /** The generic walk, for any number of keys. */
  const getLoop = (s: unknown): unknown => {
    // `child` inlined: this loop is the hot path of every fused lens.
    let cur: unknown = s
    for (let d = 0; d < n; d++) {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) !== isIndex[d]) return undefined
      const k = ks[d]!
      if (checkOwn[d] && !Object.prototype.hasOwnProperty.call(cur, k)) return undefined
      cur = (cur as JsonRecord)[k]
      if (cur === undefined) return undefined
    }
    return cur
  }
  const putLoop = (s: unknown, v: unknown, changed?: boolean): unknown => {
    const spine = new Array<unknown>(n)
    let cur: unknown = s
    for (let d = 0; d < n; d++) {
      spine[d] = cur
      if (cur !== undefined) cur = child(cur, d)
    }
    if (changed !== true && same(cur, v)) return s
    return v === undefined ? remove(spine) : set(spine, v)
  }
  const { get, put } = n <= 5 && !checkOwn.some(Boolean) ? specialise(ks, assign, putLoop) : { get: getLoop, put: putLoop }

  return {
    _tag: 'Path',
    step,
    keys: ks,
    templates: ts,
    get: get as (s: S) => V,
    // The optional third argument (internal, used by `compose`): the caller knows `v` differs
    // structurally from the current leaf, so the no-op check is skipped.
    put: put as (s: S, v: V) => S,
    create(v) {
      if (v !== undefined) return set(new Array<unknown>(n), v) as S
      if (typeof ks[0] === 'number') return [] as S
      return (ts?.[0] ? { ...ts[0] } : {}) as S
    },
  }
}

/** `true` when `c` is a container of the kind step `index` needs (an array for an index). */
function fits(c: unknown, index: boolean): c is JsonRecord {
  return typeof c === 'object' && c !== null && Array.isArray(c) === index
}

/**
 * `get` and `put` written out for paths of one to five keys (the common case: `prop`, `at`,
 * `path('name', 0, 'family')`, `path('contact', 0, 'telecom', 1, 'value')`): no loop, no spine array, and each property read is its own site in
 * the source, so V8 keeps it monomorphic. The keys hold no inherited name (no own-property check
 * needed). Removal and every error case go through the generic code.
 */
function specialise(
  ks: readonly PathKey[],
  assign: (c: unknown, d: number, value: unknown, had?: boolean) => unknown,
  putLoop: (s: unknown, v: unknown, changed?: boolean) => unknown,
): { get: (s: unknown) => unknown; put: (s: unknown, v: unknown, changed?: boolean) => unknown } {
  const k0 = ks[0]!
  const i0 = typeof k0 === 'number'
  if (ks.length === 1)
    return {
      get: (s) => (fits(s, i0) ? s[k0] : undefined),
      put: (s, v, changed) => {
        if (v === undefined) return putLoop(s, v, changed)
        const old = fits(s, i0) ? s[k0] : undefined
        if (changed !== true && old !== undefined && same(old, v)) return s
        return assign(s, 0, v, old !== undefined)
      },
    }
  const k1 = ks[1]!
  const i1 = typeof k1 === 'number'
  if (ks.length === 2)
    return {
      get: (s) => {
        if (!fits(s, i0)) return undefined
        const a = s[k0]
        return fits(a, i1) ? a[k1] : undefined
      },
      put: (s, v, changed) => {
        if (v === undefined) return putLoop(s, v, changed)
        const a = fits(s, i0) ? s[k0] : undefined
        const old = fits(a, i1) ? a[k1] : undefined
        if (changed !== true && old !== undefined && same(old, v)) return s
        return assign(s, 0, assign(a, 1, v, old !== undefined), a !== undefined)
      },
    }
  const k2 = ks[2]!
  const i2 = typeof k2 === 'number'
  if (ks.length === 3)
    return {
      get: (s) => {
        if (!fits(s, i0)) return undefined
        const a = s[k0]
        if (!fits(a, i1)) return undefined
        const b = a[k1]
        return fits(b, i2) ? b[k2] : undefined
      },
      put: (s, v, changed) => {
        if (v === undefined) return putLoop(s, v, changed)
        const a = fits(s, i0) ? s[k0] : undefined
        const b = fits(a, i1) ? a[k1] : undefined
        const old = fits(b, i2) ? b[k2] : undefined
        if (changed !== true && old !== undefined && same(old, v)) return s
        return assign(s, 0, assign(a, 1, assign(b, 2, v, old !== undefined), b !== undefined), a !== undefined)
      },
    }
  const k3 = ks[3]!
  const i3 = typeof k3 === 'number'
  if (ks.length === 4)
    return {
      get: (s) => {
        if (!fits(s, i0)) return undefined
        const a = s[k0]
        if (!fits(a, i1)) return undefined
        const b = a[k1]
        if (!fits(b, i2)) return undefined
        const c = b[k2]
        return fits(c, i3) ? c[k3] : undefined
      },
      put: (s, v, changed) => {
        if (v === undefined) return putLoop(s, v, changed)
        const a = fits(s, i0) ? s[k0] : undefined
        const b = fits(a, i1) ? a[k1] : undefined
        const c = fits(b, i2) ? b[k2] : undefined
        const old = fits(c, i3) ? c[k3] : undefined
        if (changed !== true && old !== undefined && same(old, v)) return s
        return assign(s, 0, assign(a, 1, assign(b, 2, assign(c, 3, v, old !== undefined), c !== undefined), b !== undefined), a !== undefined)
      },
    }
  const k4 = ks[4]!
  const i4 = typeof k4 === 'number'
  return {
    get: (s) => {
      if (!fits(s, i0)) return undefined
      const a = s[k0]
      if (!fits(a, i1)) return undefined
      const b = a[k1]
      if (!fits(b, i2)) return undefined
      const c = b[k2]
      if (!fits(c, i3)) return undefined
      const d = c[k3]
      return fits(d, i4) ? d[k4] : undefined
    },
    put: (s, v, changed) => {
      if (v === undefined) return putLoop(s, v, changed)
      const a = fits(s, i0) ? s[k0] : undefined
      const b = fits(a, i1) ? a[k1] : undefined
      const c = fits(b, i2) ? b[k2] : undefined
      const d = fits(c, i3) ? c[k3] : undefined
      const old = fits(d, i4) ? d[k4] : undefined
      if (changed !== true && old !== undefined && same(old, v)) return s
      const e = assign(d, 4, v, old !== undefined)
      return assign(s, 0, assign(a, 1, assign(b, 2, assign(c, 3, e, d !== undefined), c !== undefined), b !== undefined), a !== undefined)
    },
  }
}
