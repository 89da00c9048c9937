import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { applyPatch } from 'lensync/lens'
import { InvalidConstraintsError, arbitraries, patchFor } from 'lensync/testing'
import type { Patch } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'

describe('patchFor', () => {
  test('default: every generated patch applies to its document', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbitraries.patient(), arbitraries.bundle({ maxEntries: 3 }), fc.jsonValue()).chain((d) => fc.tuple(fc.constant(d), patchFor(d, { maxLength: 6, root: true }))),
        ([doc, patch]) => {
          expect(() => applyPatch(doc, patch)).not.toThrow()
        },
      ),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: covers all six ops, `-` appends, escaped members and from paths', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(patchFor({ a: [1, { b: 2 }, 3], c: { d: 'x' } }, { maxLength: 3 }), (patch: Patch) => {
        for (const op of patch) {
          seen.add(op.op)
          if (op.path.endsWith('/-')) seen.add('-')
          if (op.path.includes('~0') || op.path.includes('~1')) seen.add('escaped')
          if ('from' in op) seen.add('from')
        }
      }),
      { numRuns: 500 },
    )
    expect([...seen].sort()).toEqual(['-', 'add', 'copy', 'escaped', 'from', 'move', 'remove', 'replace', 'test'])
  })

  test('behavior: filter keeps operations away from a location', () => {
    fc.assert(
      fc.property(patchFor({ keep: { x: 1 }, free: { y: [1, 2] } }, { filter: (p) => p[0] !== 'keep', maxLength: 5 }), (patch) => {
        for (const op of patch) {
          expect(op.path.startsWith('/keep')).toBe(false)
          if ('from' in op) expect(op.from.startsWith('/keep')).toBe(false)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('behavior: a document with nothing to edit yields empty patches', () => {
    fc.assert(fc.property(patchFor(5), (patch) => void expect(patch).toEqual([])), { numRuns: 20 })
  })

  test('error: invalid constraints', () => {
    expect(() => patchFor({}, { minLength: 3, maxLength: 1 })).toThrow(InvalidConstraintsError)
    expect(() => patchFor({}, { ops: [] })).toThrow(InvalidConstraintsError)
  })
})
