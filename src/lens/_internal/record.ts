/**
 * Small helpers over plain JSON objects shared by the object combinators (`path`, `pick`, `omit`,
 * `rename`, `defaults`, `iso`, `map`).
 *
 * @internal
 */
import { deepEqual } from '../../json/equal.js'

/** A JSON object (not an array, not `null`). */
export type JsonRecord = Record<string, unknown>

const hasOwnProperty = Object.prototype.hasOwnProperty

/** `true` for a non-null, non-array object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Own-property test that ignores inherited names such as `constructor`. */
export function hasOwn(o: object, key: string): boolean {
  return hasOwnProperty.call(o, key)
}

/** The own value of `key`, or `undefined` when `o` does not own it. */
export function ownValue(o: JsonRecord, key: string): unknown {
  return hasOwnProperty.call(o, key) ? o[key] : undefined
}

/**
 * Sets an own data property, also for the key `__proto__` (which plain assignment would turn into a
 * prototype change).
 */
export function setOwn(o: JsonRecord, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true })
  else o[key] = value
}

/*
 * Copies that stay in V8's fast mode. Node 20's V8 copies an object spread (`{ ...o }`) cheaply but
 * makes the copy expensive to extend: adding a key `o` lacks costs ≈1 µs on a 20-key Patient (against
 * ≈20 ns to replace an existing one), and `delete` turns any object into a dictionary, after which
 * each later copy of it costs ≈2 µs. So a copy that gains a key starts from `Object.assign({}, o)`
 * (which extends cheaply) and a copy that loses one is built without it, never deleted from.
 */

/** A copy of `o` with the own property `key` set to `value` (fast mode, key order kept). */
export function withOwn(o: JsonRecord, key: string, value: unknown): JsonRecord {
  let copy: JsonRecord
  // A defined value (own, or in rare cases inherited: then this is only slower) means the key exists.
  if (o[key] !== undefined) copy = { ...o }
  // `Object.assign` would run the `__proto__` setter for an own "__proto__" member: copy by hand.
  else if (hasOwnProperty.call(o, '__proto__')) copy = withoutOwn(o, key)
  else copy = Object.assign({}, o)
  setOwn(copy, key, value)
  return copy
}

/** A copy of `o` without the own properties `a` and `b` (fast mode, key order kept). */
export function withoutOwn(o: JsonRecord, a: string, b?: string): JsonRecord {
  const copy: JsonRecord = {}
  for (const k in o) if (k !== a && k !== b && hasOwnProperty.call(o, k)) setOwn(copy, k, o[k])
  return copy
}

/**
 * Equality used to detect a no-op put: references first (views returned by `get` share references
 * with the source), structural JSON equality only when both sides are distinct objects.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && deepEqual(a, b)
}

/** `true` when `o` has no own enumerable key. */
export function isEmptyRecord(o: JsonRecord): boolean {
  for (const k in o) if (hasOwnProperty.call(o, k)) return false
  return true
}

/** The FHIR primitive-extension sibling of a key: `birthDate` → `_birthDate`. */
export function siblingOf(key: string): string {
  return `_${key}`
}

/** A short description of a value's JSON type for error messages. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** Renders a value for `metaMessages`, truncated. */
export function preview(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}
