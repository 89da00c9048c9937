/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), specialized for JSON data.
 *
 * **Mental model**
 * - A JSON value has many texts (key order, whitespace, `1.0` vs `1`, `\u00e9` vs `é`). JCS picks one:
 *   no whitespace, object members sorted by the UTF-16 code units of their names, numbers written the
 *   way ECMAScript's `Number#toString` writes them, strings escaped the way `JSON.stringify` escapes
 *   them. Two peers that hold equal data produce byte-identical text, so they can hash it.
 *
 * **Common tasks**
 * - Canonical text of a value: {@link canonicalize}.
 * - Hash a view for a commitment: `viewDigest` (strips server-managed fields first).
 *
 * **Gotchas**
 * - Only JSON data is accepted: plain objects, arrays, strings, finite numbers, booleans, `null`.
 *   Everything else throws {@link CanonicalizeError} instead of being coerced (see its codes).
 * - `undefined`-valued object members are omitted, as `JSON.stringify` does; `undefined` anywhere
 *   else (array item, the root) is an error, because `JSON.stringify` would turn it into `null` or
 *   nothing, and the text would no longer parse back to the value.
 * - Numbers are JavaScript numbers: `1.50` was already `1.5` when the JSON was parsed, so both
 *   texts hash the same. Every peer hashes the parsed value through this one pipeline.
 *
 * @since 0.1.0
 */
import { CanonicalizeError, type CanonicalizeErrorCode } from './errors.js'

/**
 * The deepest nesting of objects and arrays {@link canonicalize} accepts (FHIR resources nest
 * about ten levels). Deeper input throws `MaxDepthExceeded`, or `CircularReference` when the depth
 * comes from a cycle.
 *
 * @category commitments
 * @since 0.1.0
 */
export const maxCanonicalDepth = 1000

/**
 * Returns the RFC 8785 (JCS) canonical JSON text of a JSON value.
 *
 * **When to use**
 * - Whenever two parties must agree byte for byte on the text of the same data: before hashing it
 *   (commitments, digests) or signing it. For a lensync view, use `viewDigest`, which also strips
 *   server-managed fields.
 *
 * **Details**
 * - Object members are sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3); array
 *   order is kept. No whitespace is emitted.
 * - Numbers are written by ECMAScript `Number#toString` (RFC 8785 §3.2.2.3): `-0` → `0`,
 *   `1e21` → `1e+21`, `0.000001` → `0.000001`, `1e-7` → `1e-7`.
 * - Strings are escaped as `JSON.stringify` escapes them, which is what JCS asks (§3.2.2.2): `"` and
 *   `\` escaped, `\b \t \n \f \r` short forms, other U+0000–U+001F as lowercase `\u00xx`, everything
 *   else (including `/`, non-ASCII and U+007F) written as is. No Unicode normalization.
 * - Members whose value is `undefined` are omitted (as `JSON.stringify` does). Symbol-keyed and
 *   non-enumerable properties are ignored (as `JSON.stringify` does). Getters are read.
 * - Rejected with {@link CanonicalizeError} (never coerced): `NaN`/`±Infinity`; lone surrogates;
 *   functions, symbols, bigints and `undefined` outside an object member; non-plain objects such as
 *   `Date` (`toJSON` is never called); cycles; nesting deeper than {@link maxCanonicalDepth}.
 * - The result is UTF-16 text; hash its UTF-8 encoding (RFC 8785 §3.2.4).
 * - Laws: `JSON.parse(canonicalize(v))` deep-equals `v`; `canonicalize(JSON.parse(canonicalize(v)))
 *   === canonicalize(v)`; values equal up to key order canonicalize identically.
 *
 * **Example** (key order and number form do not matter)
 * ```ts
 * import { canonicalize } from 'lensync/coordinator'
 * console.log(canonicalize({ valueDecimal: 1.50, url: 'http://example.org/score' }))
 * // Output: {"url":"http://example.org/score","valueDecimal":1.5}
 * console.log(canonicalize(JSON.parse('{"b":1e30,"a":[-0,2e-3]}')))
 * // Output: {"a":[0,0.002],"b":1e+30}
 * ```
 *
 * @param value - JSON data: plain objects, arrays, strings, finite numbers, booleans, `null`.
 * @returns The canonical JSON text.
 * @throws {@link CanonicalizeError} when `value` is not JSON data.
 * @see {@link https://www.rfc-editor.org/rfc/rfc8785 RFC 8785} for the scheme.
 * @category commitments
 * @since 0.1.0
 */
export function canonicalize(value: unknown): string {
  return ready(value, 0, false) ? stringify(value) : serialize(value, 0, new Context(false))
}

/**
 * Canonicalizes `value` as {@link canonicalize} does, but leaves out the server-managed
 * `meta.versionId` and `meta.lastUpdated` of the root and of every nested resource (an object with a
 * string `resourceType`), and a `meta` left empty by that. One pass, no copy.
 *
 * @internal
 */
export function canonicalizeStripped(value: unknown): string {
  return ready(value, 0, true) ? stringify(value) : serialize(value, 0, new Context(true))
}

// ---------------------------------------------------------------------------------------------------
// internals
// ---------------------------------------------------------------------------------------------------

const objectPrototype = Object.prototype
const getPrototypeOf = Object.getPrototypeOf
const objectKeys = Object.keys
const isArray = Array.isArray
const stringify = JSON.stringify
/** Matches a surrogate that is not part of a pair (`u` mode treats a valid pair as one code point). */
const loneSurrogate = /\p{Cs}/u

const hasOwnProperty = objectPrototype.hasOwnProperty
/** `String.prototype.isWellFormed` (ES2024, Node ≥ 20), else the lone-surrogate pattern. */
const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !loneSurrogate.test(text)

/**
 * Whether `JSON.stringify(value)` is already the canonical text: every object is plain with its own
 * keys in canonical (UTF-16 code unit) order and no `undefined` member, every string and key is well
 * formed, every number finite, nothing deeper than the limit, nothing to strip. Then the one native
 * pass builds the text (RFC 8785 takes its string escaping and number form from ECMAScript's
 * `JSON.stringify`), with no intermediate strings. Data that was itself parsed from canonical JSON
 * takes this path; anything else (and every error) goes through {@link serialize}. Allocates nothing.
 */
function ready(value: unknown, depth: number, strip: boolean): boolean {
  switch (typeof value) {
    case 'string':
      return isWellFormed(value)
    case 'number':
      return value - value === 0
    case 'boolean':
      return true
    case 'object': {
      if (value === null) return true
      if (depth >= maxCanonicalDepth) return false
      if (isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!ready(value[i], depth + 1, strip)) return false
        return true
      }
      const proto = getPrototypeOf(value)
      if (proto !== objectPrototype && proto !== null) return false
      const record = value as Record<string, unknown>
      const stripHere = strip && (depth === 0 || typeof record.resourceType === 'string')
      let previous: string | undefined
      for (const key in record) {
        if (!hasOwnProperty.call(record, key)) return false
        if ((previous !== undefined && !(previous < key)) || !isWellFormed(key)) return false
        previous = key
        const member = record[key]
        if (member === undefined) return false
        if (stripHere && key === 'meta' && strippedMeta(member) !== member) return false
        if (!ready(member, depth + 1, strip)) return false
      }
      return true
    }
    default:
      return false
  }
}

/** Per-call state: the path for error pointers and the open containers for cycle detection. */
class Context {
  readonly path: (string | number)[] = []
  readonly open: object[] = []
  constructor(readonly strip: boolean) {}
}

function serialize(value: unknown, depth: number, cx: Context): string {
  switch (typeof value) {
    case 'string':
      return quote(value, depth, cx)
    case 'number':
      // `Number#toString` is ECMAScript's Number::toString, the serialization RFC 8785 mandates; it
      // already writes -0 as "0". Only the non-finite values have no JSON text.
      if (value - value === 0) return '' + value
      return fail(cx, depth, 'NonFiniteNumber', String(value))
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      if (depth >= maxCanonicalDepth) return tooDeep(cx, depth, value)
      cx.open[depth] = value
      if (isArray(value)) return array(value, depth, cx)
      {
        const proto = getPrototypeOf(value)
        if (proto !== objectPrototype && proto !== null)
          return fail(cx, depth, 'NonPlainObject', describe(value))
      }
      return object(value as Record<string, unknown>, depth, cx)
    default:
      return fail(cx, depth, 'UnsupportedType', describe(value))
  }
}

function array(value: readonly unknown[], depth: number, cx: Context): string {
  const n = value.length
  if (n === 0) return '[]'
  const path = cx.path
  const next = depth + 1
  path[next] = 0
  let out = '[' + serialize(value[0], next, cx)
  for (let i = 1; i < n; i++) {
    path[next] = i
    out += ',' + serialize(value[i], next, cx)
  }
  return out + ']'
}

function object(value: Record<string, unknown>, depth: number, cx: Context): string {
  const keys = objectKeys(value)
  if (keys.length > 1) sortKeys(keys)
  const path = cx.path
  const next = depth + 1
  const strip = cx.strip && (depth === 0 || typeof value.resourceType === 'string')
  let out = '{'
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    let member = value[key]
    if (member === undefined) continue
    path[next] = key
    if (strip && key === 'meta') {
      member = strippedMeta(member)
      if (member === undefined) continue
    }
    out += (out.length === 1 ? '' : ',') + quote(key, next, cx) + ':' + serialize(member, next, cx)
  }
  return out + '}'
}

/** `meta` without `versionId`/`lastUpdated`; `undefined` when nothing else is left. @internal */
export function strippedMeta(meta: unknown): unknown {
  if (meta === null || typeof meta !== 'object' || isArray(meta)) return meta
  const record = meta as Record<string, unknown>
  if (record.versionId === undefined && record.lastUpdated === undefined) return meta
  let rest: Record<string, unknown> | undefined
  for (const key of objectKeys(record)) {
    if (key === 'versionId' || key === 'lastUpdated' || record[key] === undefined) continue
    ;(rest ??= {})[key] = record[key]
  }
  return rest
}

/**
 * Sorts member names by UTF-16 code units (RFC 8785 §3.2.3): `<` on strings and the default
 * `Array#sort` both compare code units. Insertion sort is faster for the few keys of a FHIR element.
 *
 * @internal
 */
export function sortKeys(keys: string[]): void {
  const n = keys.length
  if (n > 16) {
    keys.sort()
    return
  }
  for (let i = 1; i < n; i++) {
    const key = keys[i]!
    let j = i - 1
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!
      j--
    }
    keys[j + 1] = key
  }
}

function quote(value: string, depth: number, cx: Context): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    // `"`, `\`, controls and surrogates need more than a pair of quotes; everything else is as is.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      if (loneSurrogate.test(value)) return fail(cx, depth, 'LoneSurrogate', stringify(value))
      // For well-formed strings JSON.stringify's escaping is exactly RFC 8785 §3.2.2.2.
      return stringify(value)
    }
  }
  return '"' + value + '"'
}

function tooDeep(cx: Context, depth: number, value: object): never {
  // Point at the first container that repeats one of its ancestors, not at the 1000th level.
  cx.open[depth] = value
  const seen = new Set<object>()
  for (let i = 0; i <= depth; i++) {
    const container = cx.open[i]!
    if (seen.has(container)) return fail(cx, i, 'CircularReference', `a reference back to an enclosing container (${describe(container)})`)
    seen.add(container)
  }
  return fail(cx, depth, 'MaxDepthExceeded', `${depth} nested containers`)
}

function fail(cx: Context, depth: number, code: CanonicalizeErrorCode, found: string): never {
  let pointer = ''
  for (let i = 1; i <= depth; i++) pointer += '/' + String(cx.path[i]).replace(/~/g, '~0').replace(/\//g, '~1')
  throw new CanonicalizeError({ code, pointer, found })
}

function describe(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined'
    case 'function':
      return 'a function'
    case 'symbol':
      return `a symbol (${String(value)})`
    case 'bigint':
      return `a bigint (${value}n)`
    case 'object': {
      if (value === null) return 'null'
      if (isArray(value)) return 'an array'
      const proto = getPrototypeOf(value)
      if (proto === objectPrototype || proto === null) return 'a plain object'
      const ctor = proto && typeof proto.constructor === 'function' ? proto.constructor.name : ''
      return ctor ? `a ${ctor}` : 'an object with a custom prototype'
    }
    default:
      return String(value)
  }
}
