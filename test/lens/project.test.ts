import { describe, expect, test } from 'vitest'
import { LensError, applyPatch, at, fhir, id, map, pick, pipe, project, prop, redact, rename } from 'lensync/lens'
import type { Lens, Patch } from 'lensync/lens'
import { patient as fixture } from './patch/_patient.js'

type Patient = fhir.Patient
const patient = JSON.parse(JSON.stringify(fixture)) as Patient

/** Projects, applies to the view, and checks propagation on one example. */
function propagate<S, V>(lens: Lens<S, V>, s: S, patch: Patch) {
  const out = project(lens, s, patch)
  expect(applyPatch(lens.get(s), out)).toEqual(lens.get(applyPatch(s, patch)))
  return out
}

describe('project', () => {
  test('default: an edit below the view loses the keys', () => {
    const _names = pipe(id<Patient>(), prop('name'))
    expect(propagate(_names, patient, [{ op: 'add', path: '/name/1/family', value: 'X' }])).toEqual([{ op: 'add', path: '/1/family', value: 'X' }])
  })

  test('behavior: identity — an empty patch projects to []', () => {
    expect(project(pipe(id<Patient>(), prop('name')), patient, [])).toEqual([])
  })

  test('behavior: an edit outside the view projects to nothing', () => {
    const _names = pipe(id<Patient>(), prop('name'))
    expect(propagate(_names, patient, [{ op: 'replace', path: '/meta/versionId', value: '4' }, { op: 'remove', path: '/telecom/0' }])).toEqual([])
    const _picked = pipe(id<Patient>(), pick(['gender']))
    expect(propagate(_picked, patient, [{ op: 'remove', path: '/birthDate' }])).toEqual([])
    const _redacted = pipe(id<Patient>(), redact('birthDate', 'remove'))
    expect(propagate(_redacted, patient, [{ op: 'replace', path: '/birthDate', value: '1975-01-01' }])).toEqual([])
  })

  test('behavior: an insertion before the viewed array index shifts the view (fallback)', () => {
    const _second = pipe(id<Patient>(), prop('name'), at(1))
    const out = propagate(_second, patient, [{ op: 'add', path: '/name/0', value: { family: 'New' } }])
    expect(out.length).toBeGreaterThan(0)
    // an insertion after it, or an edit inside another item, does not reach it
    expect(propagate(_second, patient, [{ op: 'add', path: '/name/2', value: { family: 'New' } }, { op: 'remove', path: '/name/0/given' }])).toEqual([])
  })

  test('behavior: renamed members are renamed in the view patch', () => {
    const _dob = pipe(id<Patient>(), rename('birthDate', 'dob'))
    expect(propagate(_dob, patient, [{ op: 'move', from: '/birthDate', path: '/deceasedDateTime' }])).toEqual([{ op: 'move', from: '/dob', path: '/deceasedDateTime' }])
  })

  test('behavior: keyed views get a minimal keyed patch (a move, not a rewrite)', () => {
    const _ids = pipe(id<Patient>(), fhir.identifiers())
    expect(propagate(_ids, patient, [{ op: 'move', from: '/identifier/2', path: '/identifier/0' }])).toEqual([
      { op: 'move', from: '/2', path: '/0' },
    ])
  })

  test('behavior: map projects item by item', () => {
    const _families = pipe(id<Patient>(), prop('name'), map(pipe(id<fhir.HumanName>(), pick(['family']))))
    expect(propagate(_families, patient, [{ op: 'replace', path: '/name/2/family', value: 'Y' }, { op: 'remove', path: '/name/1/given' }])).toEqual([
      { op: 'replace', path: '/2/family', value: 'Y' },
    ])
  })

  test('error: an item whose view is absent is UnsupportedPatchOp, never an op without a value (regression: CI seed 332552001)', () => {
    const _names = pipe(id<Patient>(), prop('name'), map(pipe(id<fhir.HumanName>(), pick(['family', 'given']))))
    // A null copied into `name` (FHIR allows nulls only in `_x` arrays) has no view: pick reads nothing.
    const withNull = { ...patient, _gender: [null] } as unknown as Patient
    const patch: Patch = [{ op: 'copy', from: '/_gender/0', path: '/name/-' }]
    expect(_names.get(applyPatch(withNull, patch))).toContain(undefined)
    try {
      project(_names, withNull, patch)
      throw new Error('expected UnsupportedPatchOp')
    } catch (e) {
      expect(e).toBeInstanceOf(LensError)
      expect(e).toMatchObject({ code: 'UnsupportedPatchOp', pointer: '/-', data: { opIndex: 0 } })
    }
  })

  test('error: the source patch is validated against the source', () => {
    expect(() => project(id<Patient>(), patient, [{ op: 'remove', path: '/nope' }])).toThrow(LensError)
    try {
      project(id<Patient>(), patient, [{ op: 'remove', path: '/nope' }])
    } catch (e) {
      expect(e).toMatchObject({ code: 'PathNotFound', pointer: '/nope', data: { opIndex: 0 } })
    }
  })
})
