import fc from 'fast-check'
import * as fjp from 'fast-json-patch'
import { describe, expect, test } from 'vitest'
import { LensError, applyPatch } from 'lensync/lens'
import { arbitraries, patchFor } from 'lensync/testing'
import type { Patch } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { patient } from './_patient.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null) {
    Object.freeze(v)
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k])
  }
  return v
}
const doc = deepFreeze(JSON.parse(JSON.stringify(patient)))

describe('applyPatch', () => {
  test('default: path copying, untouched subtrees keep their reference', () => {
    const out = applyPatch(doc, [{ op: 'replace', path: '/name/0/family', value: 'Smith' }])
    expect(out.name[0].family).toBe('Smith')
    expect(doc.name[0].family).toBe('Chalmers')
    expect(out.name[1]).toBe(doc.name[1])
    expect(out.name[0].given).toBe(doc.name[0].given)
    expect(out.telecom).toBe(doc.telecom)
    expect(out.identifier).toBe(doc.identifier)
  })

  test('behavior: an empty patch returns the document itself', () => {
    expect(applyPatch(doc, [])).toBe(doc)
  })

  test('behavior: every op, `-` append, escaped tokens, root ops', () => {
    const out = applyPatch({ a: [1, 2], 'x/y': { 'm~n': 1 } } as Record<string, unknown>, [
      { op: 'add', path: '/a/-', value: 3 },
      { op: 'add', path: '/a/0', value: 0 },
      { op: 'move', from: '/a/0', path: '/a/-' },
      { op: 'copy', from: '/x~1y/m~0n', path: '/c' },
      { op: 'remove', path: '/x~1y' },
      { op: 'test', path: '/c', value: 1 },
      { op: 'replace', path: '/c', value: { deep: true } },
    ])
    expect(out).toEqual({ a: [1, 2, 3, 0], c: { deep: true } })
    expect(applyPatch({ a: 1 }, [{ op: 'replace', path: '', value: 5 }])).toBe(5)
    expect(applyPatch({ a: 1 }, [{ op: 'remove', path: '' }])).toBe(undefined)
    expect(applyPatch(undefined, [{ op: 'add', path: '', value: 'x' }])).toBe('x')
  })

  test('behavior: a move onto itself is a no-op; a 10-op patch copies a parent once', () => {
    const d = { a: { b: 1, c: 2 } }
    expect(applyPatch(d, [{ op: 'move', from: '/a/b', path: '/a/b' }])).toEqual(d)
    const out = applyPatch(doc, [
      { op: 'replace', path: '/name/0/family', value: 'A' },
      { op: 'add', path: '/name/0/given/-', value: 'B' },
      { op: 'remove', path: '/name/0/use' },
    ])
    expect(out.name[0]).toEqual({ family: 'A', given: ['Peter', 'James', 'B'], _given: doc.name[0]._given })
    expect(out.name[0]._given).toBe(doc.name[0]._given)
  })

  test('behavior: new members and removals rebuild the object; copies made earlier never change', () => {
    const d = deepFreeze({ a: { x: 1 }, keep: { k: 1 } })
    const out = applyPatch(d, [
      { op: 'add', path: '/a/y', value: 2 }, // rebuilds /a (a new member)
      { op: 'add', path: '/a/z', value: 3 }, // extends the rebuilt /a in place
      { op: 'copy', from: '/a', path: '/b' }, // /a and /b now share one object
      { op: 'add', path: '/b/w', value: 4 }, // must not reach /a
      { op: 'remove', path: '/a/x' }, // must not reach /b
      { op: 'move', from: '/b/y', path: '/c' },
    ])
    expect(out).toEqual({ a: { y: 2, z: 3 }, b: { x: 1, z: 3, w: 4 }, c: 2, keep: { k: 1 } })
    expect(Object.keys(out.a)).toEqual(['y', 'z'])
    expect(out.keep).toBe(d.keep)
    expect(d).toEqual({ a: { x: 1 }, keep: { k: 1 } })
  })

  test('behavior: agrees with fast-json-patch on generated patches, never mutates the input', () => {
    fc.assert(
      fc.property(
        arbitraries.patient().chain((p) => fc.tuple(fc.constant(deepFreeze(p)), patchFor(p, { maxLength: 6 }))),
        ([p, patch]) => {
          const ours = applyPatch(p, patch)
          // fast-json-patch aliases a copied value (a copy into its own child makes a cycle), and its
          // validator resolves a move's `path` before the `from` is removed. So the reference applies
          // op by op on JSON clones with RFC 6902's own definitions: copy is an add of the value at
          // `from` (§4.5), move is a remove of `from` followed by an add of its value (§4.4).
          let theirs: unknown = JSON.parse(JSON.stringify(p))
          const apply = (o: object) => {
            theirs = fjp.applyOperation(theirs, o as fjp.Operation, true, true).newDocument
          }
          for (const op of patch) {
            if (op.op === 'copy' || op.op === 'move') {
              const value = fjp.deepClone(fjp.getValueByPointer(theirs, op.from))
              if (op.op === 'move') apply({ op: 'remove', path: op.from })
              apply({ op: 'add', path: op.path, value })
            } else apply(fjp.deepClone(op))
          }
          expect(ours).toEqual(theirs)
        },
      ),
      { numRuns: lawRuns() },
    )
  })

  test('error: PathNotFound for missing locations (nothing applied)', () => {
    expectLensyncError(() => applyPatch(doc, [{ op: 'remove', path: '/nope' }]), LensError, { code: 'PathNotFound', pointer: '/nope', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'replace', path: '/name/9', value: 1 }]), LensError, { code: 'PathNotFound', pointer: '/name/9', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'add', path: '/name/4', value: 1 }]), LensError, { code: 'PathNotFound', pointer: '/name/4', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'add', path: '/name/x', value: 1 }]), LensError, { code: 'PathNotFound', pointer: '/name/x', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'add', path: '/gender/x', value: 1 }]), LensError, { code: 'PathNotFound', pointer: '/gender', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'add', path: '/no/such', value: 1 }]), LensError, { code: 'PathNotFound', pointer: '/no', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'move', from: '/nope', path: '/x' }]), LensError, { code: 'PathNotFound', pointer: '/nope', data: { opIndex: 0 } })
    expectLensyncError(() => applyPatch(doc, [{ op: 'copy', from: '/name/01', path: '/x' }]), LensError, { code: 'PathNotFound', pointer: '/name/01', data: { opIndex: 0 } })
  })

  test('error: all or nothing — a failing second op leaves the input untouched', () => {
    const d = { a: 1 }
    expectLensyncError(() => applyPatch(d, [{ op: 'replace', path: '/a', value: 2 }, { op: 'remove', path: '/b' }]), LensError, { code: 'PathNotFound', pointer: '/b', data: { opIndex: 1 } })
    expect(d).toEqual({ a: 1 })
  })

  test('error: a failing test is VersionConflict', () => {
    expectLensyncError(() => applyPatch(doc, [{ op: 'test', path: '/meta/versionId', value: '2' }]), LensError, { code: 'VersionConflict', pointer: '/meta/versionId', data: { opIndex: 0 } })
  })

  test('error: an invalid patch is InvalidPatch', () => {
    expectLensyncError(() => applyPatch(doc, [{ op: 'remove', path: '/name/-' }] as Patch), LensError, { code: 'InvalidPatch', pointer: '/name/-', data: { opIndex: 0 } })
  })
})
