import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalize, CanonicalizeError, maxCanonicalDepth } from 'lensync/coordinator'
import type { CanonicalizeErrorCode } from 'lensync/coordinator'
import { deepEqual } from '../../src/json/equal.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

/** The IEEE 754 double whose big-endian bits are `hex` (how RFC 8785 Appendix B lists its samples). */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8))
  view.setBigUint64(0, BigInt(`0x${hex}`))
  return view.getFloat64(0)
}

function expectRejected(value: unknown, code: CanonicalizeErrorCode, pointer: string) {
  expectLensyncError(() => canonicalize(value), CanonicalizeError, { code, pointer })
}

describe('canonicalize', () => {
  // RFC 8785 §3.2.2 (input) and §3.2.4 (its canonical UTF-8 bytes).
  test('default: RFC 8785 §3.2.2 / §3.2.4 example', () => {
    const input = JSON.parse(
      String.raw`{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`,
    )
    const text = canonicalize(input)
    expect(text).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    )
    const bytes = Buffer.from(new TextEncoder().encode(text)).toString('hex')
    expect(bytes).toBe(
      [
        '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72',
        '75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a',
        '5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31',
        '65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37',
        '5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30',
        '30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d',
      ]
        .join(' ')
        .replace(/ /g, ''),
    )
  })

  // RFC 8785 §3.2.3: sorting by UTF-16 code units, so the emoji (D83D DE00) sorts before U+FB33.
  test('behavior: RFC 8785 §3.2.3 property sorting', () => {
    const input = JSON.parse(
      String.raw`{
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }`,
    )
    // Read the order from the text: Object.values would list "1" first on any object.
    const order = [...canonicalize(input).matchAll(/:"([^"]*)"/g)].map((m) => m[1])
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ])
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\u{1f600}":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    )
  })

  // RFC 8785 Appendix B, "Number Serialization Samples" (IEEE 754 bits → JSON text).
  test.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('behavior: RFC 8785 Appendix B number %s → %s', (bits, expected) => {
    expect(canonicalize(double(bits))).toBe(expected)
    expect(canonicalize({ n: [double(bits)] })).toBe(`{"n":[${expected}]}`)
  })

  // Appendix B's NaN and Infinity rows have no JSON text: the RFC requires an error.
  test.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('error: RFC 8785 Appendix B %s (%s) is rejected', (bits) => {
    expectRejected(double(bits), 'NonFiniteNumber', '')
    expectRejected({ valueQuantity: { value: double(bits) } }, 'NonFiniteNumber', '/valueQuantity/value')
  })

  test('behavior: string escaping (RFC 8785 §3.2.2.2)', () => {
    const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }
    for (let c = 0; c < 0x20; c++) {
      const expected = short[c] ?? `\\u00${c.toString(16).padStart(2, '0')}`
      expect(canonicalize(String.fromCharCode(c))).toBe(`"${expected}"`)
    }
    expect(canonicalize('"')).toBe('"\\""')
    expect(canonicalize('\\')).toBe('"\\\\"')
    // Not escaped: solidus, DEL, C1 controls, non-ASCII, astral characters, U+2028/2029.
    for (const raw of ['/', '\u007f', '\u0080', '\u009f', 'é', '€', '😀', '\u2028\u2029', '<script>&'])
      expect(canonicalize(raw)).toBe(`"${raw}"`)
    // No Unicode normalization: é precomposed and decomposed stay different.
    expect(canonicalize('\u00e9')).not.toBe(canonicalize('e\u0301'))
    // Member names are escaped like strings and sorted on their raw (unescaped) form.
    expect(canonicalize({ 'b\n': 1, aa: 2, 'a"': 3 })).toBe('{"a\\"":3,"aa":2,"b\\n":1}')
  })

  test('behavior: sorts by UTF-16 code units, not code points', () => {
    // U+10000 is D800 DC00 in UTF-16, which sorts before U+FFFF although its code point is larger.
    expect(canonicalize({ '\uffff': 1, '\u{10000}': 2 })).toBe('{"\u{10000}":2,"\uffff":1}')
    // Integer-like names are not special (JavaScript enumerates them first; JCS does not).
    expect(canonicalize({ b: 1, 10: 2, 9: 3, a: 4 })).toBe('{"10":2,"9":3,"a":4,"b":1}')
    // Upper case before lower case; a prefix before its extensions.
    expect(canonicalize({ a: 1, B: 2, ab: 3, '': 4 })).toBe('{"":4,"B":2,"a":1,"ab":3}')
  })

  test('behavior: sorts objects with many members (native sort path)', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${(i * 7919) % 40}`)
    const object = Object.fromEntries(keys.map((k) => [k, k]))
    const expected = `{${[...keys].sort().map((k) => `"${k}":"${k}"`).join(',')}}`
    expect(canonicalize(object)).toBe(expected)
  })

  test('behavior: literals, empty containers, nesting, no whitespace', () => {
    expect(canonicalize(null)).toBe('null')
    expect(canonicalize(true)).toBe('true')
    expect(canonicalize(false)).toBe('false')
    expect(canonicalize(-0)).toBe('0')
    expect(canonicalize({ a: -0 })).toBe('{"a":0}')
    expect(canonicalize({})).toBe('{}')
    expect(canonicalize([])).toBe('[]')
    expect(canonicalize([[], {}, [{}]])).toBe('[[],{},[{}]]')
    expect(canonicalize({ z: { y: [3, 1, 2], x: null } })).toBe('{"z":{"x":null,"y":[3,1,2]}}')
  })

  test('behavior: undefined members are omitted, like JSON.stringify', () => {
    expect(canonicalize({ a: undefined, b: 1, c: undefined })).toBe('{"b":1}')
    expect(canonicalize({ a: undefined })).toBe('{}')
    expect(canonicalize({ b: 1, a: undefined })).toBe(JSON.stringify({ b: 1 }))
  })

  test('behavior: null-prototype objects are plain data', () => {
    const object = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: 1 })
    expect(canonicalize(object)).toBe('{"a":1,"b":2}')
  })

  test('behavior: symbol keys and non-enumerable properties are ignored, like JSON.stringify', () => {
    const object: Record<string | symbol, unknown> = { a: 1, [Symbol('s')]: 2 }
    Object.defineProperty(object, 'hidden', { value: 3, enumerable: false })
    expect(canonicalize(object)).toBe('{"a":1}')
  })

  test('behavior: deep nesting up to maxCanonicalDepth', () => {
    let ok: unknown = 1
    for (let i = 0; i < maxCanonicalDepth; i++) ok = [ok]
    expect(canonicalize(ok)).toBe(`${'['.repeat(maxCanonicalDepth)}1${']'.repeat(maxCanonicalDepth)}`)
    const tooDeep = [ok]
    const error = expectLensyncError(() => canonicalize(tooDeep), CanonicalizeError)
    expect(error.code).toBe('MaxDepthExceeded')
    expect(error.pointer).toBe('/0'.repeat(maxCanonicalDepth))
  })

  test('behavior: a repeated (acyclic) reference is fine', () => {
    const shared = { system: 'http://loinc.org', code: '1234-5' }
    expect(canonicalize({ a: shared, b: [shared] })).toBe(
      '{"a":{"code":"1234-5","system":"http://loinc.org"},"b":[{"code":"1234-5","system":"http://loinc.org"}]}',
    )
  })

  test('error: NaN and infinities', () => {
    expectRejected(NaN, 'NonFiniteNumber', '')
    expectRejected([1, Infinity], 'NonFiniteNumber', '/1')
    expectRejected({ component: [{ valueQuantity: { value: -Infinity } }] }, 'NonFiniteNumber', '/component/0/valueQuantity/value')
  })

  test('error: values JSON cannot hold', () => {
    expectRejected(undefined, 'UnsupportedType', '')
    expectRejected([1, undefined], 'UnsupportedType', '/1')
    // biome-ignore lint: a sparse array on purpose
    expectRejected([1, , 3], 'UnsupportedType', '/1')
    expectRejected({ a: () => 1 }, 'UnsupportedType', '/a')
    expectRejected({ a: Symbol('s') }, 'UnsupportedType', '/a')
    expectRejected({ a: 10n }, 'UnsupportedType', '/a')
    // toJSON is never called: the member is a function, hence rejected.
    expectRejected({ toJSON: () => 'x' }, 'UnsupportedType', '/toJSON')
  })

  test('error: objects that are not plain data', () => {
    expectRejected({ birthDate: new Date(0) }, 'NonPlainObject', '/birthDate')
    expectRejected({ a: new Map() }, 'NonPlainObject', '/a')
    expectRejected({ a: new Set([1]) }, 'NonPlainObject', '/a')
    expectRejected({ a: new Uint8Array(2) }, 'NonPlainObject', '/a')
    expectRejected({ a: new Number(1) }, 'NonPlainObject', '/a')
    expectRejected({ a: new String('s') }, 'NonPlainObject', '/a')
    expectRejected([new (class Quantity {})()], 'NonPlainObject', '/0')
  })

  test('error: lone surrogates in values and member names', () => {
    expectRejected('\ud800', 'LoneSurrogate', '')
    expectRejected({ a: 'x\udc00y' }, 'LoneSurrogate', '/a')
    expectRejected({ a: ['\ude00\ud83d'] }, 'LoneSurrogate', '/a/0') // a pair in the wrong order
    expectRejected({ a: 'ok😀\ud83d' }, 'LoneSurrogate', '/a')
    expectRejected({ ['k\ud800']: 1 }, 'LoneSurrogate', '/k\ud800')
    expect(canonicalize({ '😀': '😀' })).toBe('{"😀":"😀"}')
  })

  test('error: cycles, pointing at the repeating container', () => {
    const patient: Record<string, unknown> = { resourceType: 'Patient' }
    patient.contained = [{ resourceType: 'Organization', partOf: patient }]
    expectRejected(patient, 'CircularReference', '/contained/0/partOf')
  })

  test('error: pointers escape ~ and / (RFC 6901)', () => {
    expectRejected({ 'a/b': { 'c~d': NaN } }, 'NonFiniteNumber', '/a~1b/c~0d')
  })

  test('error: message', () => {
    const error = expectLensyncError(() => canonicalize({ birthDate: new Date(0) }), CanonicalizeError)
    expect(error).toBeInstanceOf(CanonicalizeError)
    expect(error.name).toBe('CanonicalizeError')
    expect(error.message).toMatchInlineSnapshot(`
      "NonPlainObject at "/birthDate": only plain objects and arrays can be canonicalized; convert this object to JSON data first (e.g. a Date to its ISO string).

      Found: a Date

      Version: lensync@0.1.0"
    `)
  })
})

// ---------------------------------------------------------------------------------------------------

/** A deliberately naive JCS: native sort, JSON.stringify for every leaf. The oracle for the fast paths. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** `value` with the members of every object re-inserted in the order `order` gives. */
function reorder(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => reorder(item, order))
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return Object.fromEntries(order(Object.keys(record)).map((k) => [k, reorder(record[k], order)]))
  }
  return value
}

/** A permutation of `keys` driven by `seed` (a fixed pseudo-random shuffle). */
function shuffle(seed: number): (keys: string[]) => string[] {
  return (keys) => {
    const out = [...keys]
    let s = seed >>> 0 || 1
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0
      const j = s % (i + 1)
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
}

const json = fc.oneof(
  fc.jsonValue(),
  fc.jsonValue({ stringUnit: 'binary' }),
  fc.jsonValue({ stringUnit: 'binary-ascii' }),
)

describe('canonicalize (properties)', () => {
  test('behavior: output parses back to a deep-equal value', () => {
    fc.assert(
      fc.property(json, (value) => deepEqual(JSON.parse(canonicalize(value)), value)),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: invariant under key reordering', () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        const text = canonicalize(value)
        return canonicalize(reorder(value, shuffle(seed))) === text && canonicalize(reorder(value, (k) => [...k].reverse())) === text
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: idempotent on parse → canonicalize', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalize(value)
        return canonicalize(JSON.parse(text)) === text
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: agrees with a naive sort + JSON.stringify canonicalizer', () => {
    fc.assert(
      fc.property(json, (value) => canonicalize(value) === reference(value)),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: any finite double is written as Number#toString writes it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = canonicalize(n)
        return text === (Object.is(n, -0) ? '0' : String(n)) && Object.is(JSON.parse(text), n === 0 ? 0 : n)
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: any well-formed string round-trips; any lone surrogate is rejected', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => JSON.parse(canonicalize(s)) === s),
      { numRuns: lawRuns() },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ unit: 'binary' }), (a, c, b) => {
        const s = a + String.fromCharCode(c) + b
        // Well-formed exactly when UTF-8 round-trips it (a lone surrogate becomes U+FFFD).
        const paired = new TextDecoder().decode(new TextEncoder().encode(s)) === s
        if (paired) return JSON.parse(canonicalize(s)) === s
        return expectLensyncError(() => canonicalize({ s }), CanonicalizeError).code === 'LoneSurrogate'
      }),
      { numRuns: lawRuns() },
    )
  })
})
