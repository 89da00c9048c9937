import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalize, CanonicalizeError } from 'lensync/coordinator'
import { canonicalizeStripped } from '../../src/coordinator/commitment/canonicalize.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

/** A copy of `value` whose object keys are in canonical order (what parsing canonical JSON gives). */
function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(sorted)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(value).sort())
    Object.defineProperty(out, k, { value: sorted((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true })
  return out
}

describe('canonicalize: the JSON.stringify fast path for data already in canonical order', () => {
  test('default: sorted and unsorted forms of a value canonicalize to the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalize(v)
        expect(canonicalize(sorted(v))).toBe(text)
        expect(canonicalize(JSON.parse(text))).toBe(text)
        expect(canonicalizeStripped(sorted(v))).toBe(canonicalizeStripped(v))
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: sorted input is written by JSON.stringify unless something needs canonical care', () => {
    expect(canonicalize({ a: 1, b: [true, null, 'x'] })).toBe('{"a":1,"b":[true,null,"x"]}')
    // -0, escapes, integer-like keys (which JSON.stringify would order numerically), undefined members.
    expect(canonicalize({ a: -0, b: '\u0001"\\' })).toBe('{"a":0,"b":"\\u0001\\"\\\\"}')
    expect(canonicalize({ '1': 1, '10': 2, '9': 3 })).toBe('{"1":1,"10":2,"9":3}')
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}')
    const bare = Object.assign(Object.create(null) as object, { a: 1, b: 2 })
    expect(canonicalize(bare)).toBe('{"a":1,"b":2}')
    // Stripping: server-managed meta fields go, also from sorted input.
    expect(canonicalizeStripped({ meta: { lastUpdated: 'x', versionId: '1' }, resourceType: 'Patient' })).toBe('{"resourceType":"Patient"}')
    expect(canonicalizeStripped({ a: 1, meta: { profile: ['p'], versionId: '1' } })).toBe('{"a":1,"meta":{"profile":["p"]}}')
  })

  test('error: sorted input with a bad value still fails with the typed error and its pointer', () => {
    const lone = expectLensyncError(() => canonicalize({ a: 1, b: ['ok', 'x\ud800'] }), CanonicalizeError)
    expect([lone.code, lone.pointer]).toEqual(['LoneSurrogate', '/b/1'])
    const nan = expectLensyncError(() => canonicalize({ a: [Number.NaN] }), CanonicalizeError)
    expect([nan.code, nan.pointer]).toEqual(['NonFiniteNumber', '/a/0'])
    const date = expectLensyncError(() => canonicalize({ a: new Date(0) }), CanonicalizeError)
    expect([date.code, date.pointer]).toEqual(['NonPlainObject', '/a'])
    const hole = expectLensyncError(() => canonicalize({ a: [1, undefined] }), CanonicalizeError)
    expect([hole.code, hole.pointer]).toEqual(['UnsupportedType', '/a/1'])
    const withToJSON = expectLensyncError(() => canonicalize({ a: 1, toJSON: () => 'x' }), CanonicalizeError)
    expect([withToJSON.code, withToJSON.pointer]).toEqual(['UnsupportedType', '/toJSON'])
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.b = cyclic
    expect(expectLensyncError(() => canonicalize(cyclic), CanonicalizeError).code).toBe('CircularReference')
  })
})
