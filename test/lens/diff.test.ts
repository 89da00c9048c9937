import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { applyPatch, diff } from 'lensync/lens'
import { arbitraries, patchFor } from 'lensync/testing'
import { lawRuns } from '../_helpers/lawRuns.js'
import { patient } from './patch/_patient.js'

const byValue = (item: unknown) => (typeof item === 'object' && item !== null ? (item as { value?: string }).value : undefined)

describe('diff', () => {
  test('default: the patch turns before into after (patched and unrelated documents)', () => {
    fc.assert(
      fc.property(
        arbitraries.patient().chain((p) => fc.tuple(fc.constant(p), patchFor(p, { maxLength: 6 }), arbitraries.patient())),
        ([before, patch, other]) => {
          const after = applyPatch(before, patch)
          expect(applyPatch(before, diff(before, after))).toEqual(after)
          expect(applyPatch(before, diff(before, other))).toEqual(other)
          expect(applyPatch(before, diff(before, after, { key: (item) => (typeof item === 'object' && item !== null ? (item as { system?: string }).system : undefined) }))).toEqual(after)
        },
      ),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: equal documents give []; scalars replace; kinds change by replace', () => {
    expect(diff(patient, patient)).toEqual([])
    expect(diff(patient, JSON.parse(JSON.stringify(patient)))).toEqual([])
    expect(diff({ a: 1 }, { a: 2 })).toEqual([{ op: 'replace', path: '/a', value: 2 }])
    expect(diff({ a: [1] }, { a: { b: 1 } })).toEqual([{ op: 'replace', path: '/a', value: { b: 1 } }])
    expect(diff(undefined, 5)).toEqual([{ op: 'add', path: '', value: 5 }])
    expect(diff(5, undefined)).toEqual([{ op: 'remove', path: '' }])
    expect(diff({ 'a/b': 1, 'c~d': 1 }, { 'c~d': 2 })).toEqual([
      { op: 'remove', path: '/a~1b' },
      { op: 'replace', path: '/c~0d', value: 2 },
    ])
  })

  test('behavior: keyed arrays — remove, minimal moves, add, then in-place edits', () => {
    const before = { identifier: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] }
    const after = { identifier: [{ value: 'c' }, { value: 'a', use: 'old' }, { value: 'd' }] }
    const out = diff(before, after, { key: byValue })
    expect(out).toEqual([
      { op: 'remove', path: '/identifier/1' },
      { op: 'move', from: '/identifier/0', path: '/identifier/1' },
      { op: 'add', path: '/identifier/-', value: { value: 'd' } },
      { op: 'add', path: '/identifier/1/use', value: 'old' },
    ])
    expect(applyPatch(before, out)).toEqual(after)
  })

  test('behavior: a rotation is one move, not a rewrite of every position', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ value: String(i) }))
    const rotated = [...items.slice(1), items[0]!]
    expect(diff(items, rotated)).toEqual([{ op: 'move', from: '/0', path: '/9' }])
    expect(diff(items, rotated.map((x) => ({ ...x })), { key: byValue })).toEqual([{ op: 'move', from: '/0', path: '/9' }])
  })

  test('behavior: a key change is a remove plus an add, never an edit in place', () => {
    expect(diff([{ value: 'a' }], [{ value: 'b' }], { key: byValue })).toEqual([
      { op: 'remove', path: '/0' },
      { op: 'add', path: '/-', value: { value: 'b' } },
    ])
    // without keys the leftover items are paired and diffed in place
    expect(diff([{ value: 'a' }], [{ value: 'b' }])).toEqual([{ op: 'replace', path: '/0/value', value: 'b' }])
  })

  test('behavior: cost follows the changed spine — one edit in a 5,000-item array is one op', () => {
    const entry = Array.from({ length: 5000 }, (_, i) => ({ resource: { id: String(i), status: 'final' } }))
    const after = applyPatch({ entry }, [{ op: 'replace', path: '/entry/4321/resource/status', value: 'amended' }])
    expect(diff({ entry }, after)).toEqual([{ op: 'replace', path: '/entry/4321/resource/status', value: 'amended' }])
    const appended = applyPatch({ entry }, [{ op: 'add', path: '/entry/-', value: { resource: { id: 'x' } } }])
    expect(diff({ entry }, appended)).toEqual([{ op: 'add', path: '/entry/-', value: { resource: { id: 'x' } } }])
  })

  test('behavior: duplicate keys fall back to matching by reference', () => {
    const a = { value: 'a' }
    const out = diff([a, { value: 'a' }], [{ value: 'a' }, a], { key: byValue })
    expect(applyPatch([a, { value: 'a' }], out)).toEqual([{ value: 'a' }, a])
  })
})
