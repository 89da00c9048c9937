import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { LensError, applyPatch, at, defaults, filter, fhir, id, keyed, map, omit, path, pick, pipe, prop, redact, rename, translate, validate } from 'lensync/lens'
import { arbitraries, patchFor } from 'lensync/testing'
import type { Lens, Patch } from 'lensync/lens'
import { lawRuns } from '../_helpers/lawRuns.js'
import { patient as fixture } from './patch/_patient.js'
import { expectLensyncError } from '../_helpers/expectError.js'

type Patient = fhir.Patient
type HumanName = fhir.HumanName
const patient = JSON.parse(JSON.stringify(fixture)) as Patient

/** Translates, applies, and checks consistency on one example. */
function roundTrip<S, V>(lens: Lens<S, V>, s: S, patch: Patch) {
  const out = translate(lens, s, patch)
  const next = applyPatch(s, out)
  expect(lens.get(next)).toEqual(applyPatch(lens.get(s), patch))
  return { out, next }
}

describe('translate', () => {
  test('default: a deep path is prefixed, nothing else', () => {
    const _given = pipe(id<Patient>(), prop('name'), at(0), prop('given'))
    expect(translate(_given, patient, [{ op: 'add', path: '/-', value: 'Q' }])).toEqual([{ op: 'add', path: '/name/0/given/-', value: 'Q' }])
  })

  test('behavior: identity — an empty patch translates to []', () => {
    expect(translate(pipe(id<Patient>(), prop('name')), patient, [])).toEqual([])
    expect(translate(pipe(id<Patient>(), prop('name')), patient, [], { versionTest: true })).toEqual([])
  })

  test('behavior: versionTest prefixes a test on /meta/versionId', () => {
    const _gender = pipe(id<Patient>(), prop('gender'))
    const out = translate(_gender, patient, [{ op: 'replace', path: '', value: 'female' }], { versionTest: true })
    expect(out[0]).toEqual({ op: 'test', path: '/meta/versionId', value: '3' })
    expect(applyPatch(patient, out).gender).toBe('female')
    const other = { ...patient, meta: { versionId: '4' } }
    expectLensyncError(() => applyPatch(other, out), LensError, { code: 'VersionConflict', pointer: '/meta/versionId', data: { opIndex: 0 } })
    const { meta: _, ...unversioned } = patient
    expect(translate(_gender, unversioned as Patient, [{ op: 'replace', path: '', value: 'female' }], { versionTest: true })[0]!.op).toBe('replace')
  })

  test('behavior: a 1-op patch on a 5,000-entry Bundle copies no unrelated entry', () => {
    const entry = Array.from({ length: 5000 }, (_, i) => ({
      fullUrl: `urn:uuid:${i}`,
      resource: { resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: `c${i}` } },
    }))
    const bundle = { resourceType: 'Bundle', type: 'collection', entry } as unknown as fhir.Bundle
    const _entries = pipe(id<fhir.Bundle>(), fhir.entries())
    const out = translate(_entries, bundle, [{ op: 'replace', path: '/2500/resource/status', value: 'amended' }])
    expect(out).toEqual([{ op: 'replace', path: '/entry/2500/resource/status', value: 'amended' }])
    const next = applyPatch(bundle, out) as unknown as { entry: typeof entry }
    expect(next.entry[2500]!.resource.status).toBe('amended')
    expect(next.entry[2500]!.resource.code).toBe(entry[2500]!.resource.code)
    for (let i = 0; i < 5000; i++) if (i !== 2500) expect(next.entry[i]).toBe(entry[i])
    expect(bundle.entry![2500]!.resource!).toMatchObject({ status: 'final' })
  })
})

describe('translate: Cambria regressions', () => {
  const _dob = pipe(id<Patient>(), rename('birthDate', 'dob'))

  test('behavior: a remove through a rename removes the renamed key (and its _ sibling)', () => {
    expect(translate(_dob, patient, [{ op: 'remove', path: '/dob' }, { op: 'remove', path: '/_dob' }])).toEqual([
      { op: 'remove', path: '/birthDate' },
      { op: 'remove', path: '/_birthDate' },
    ])
    const { next } = roundTrip(_dob, patient, [{ op: 'remove', path: '/dob' }])
    expect(next).not.toHaveProperty('birthDate')
  })

  test('behavior: move and copy `from` paths are translated', () => {
    const _view = pipe(id<Patient>(), prop('contact'), at(0), prop('name'), rename('family', 'surname'))
    expect(translate(_view, patient, [{ op: 'copy', from: '/surname', path: '/text' }])).toEqual([
      { op: 'copy', from: '/contact/0/name/family', path: '/contact/0/name/text' },
    ])
    expect(translate(_view, patient, [{ op: 'move', from: '/surname', path: '/text' }])).toEqual([
      { op: 'move', from: '/contact/0/name/family', path: '/contact/0/name/text' },
    ])
    expect(translate(_dob, patient, [{ op: 'move', from: '/dob', path: '/deceasedDateTime' }])).toEqual([
      { op: 'move', from: '/birthDate', path: '/deceasedDateTime' },
    ])
  })

  test('behavior: a deep path under a nested lens is joined right', () => {
    const _contactNames = pipe(id<Patient>(), prop('contact'), map(pipe(id<fhir.PatientContact>(), prop('name'), rename('family', 'surname'))))
    expect(translate(_contactNames, patient, [{ op: 'replace', path: '/0/surname', value: 'Marchand' }])).toEqual([
      { op: 'replace', path: '/contact/0/name/family', value: 'Marchand' },
    ])
    expect(translate(_contactNames, patient, [{ op: 'add', path: '/0/given/-', value: 'Anne' }])).toEqual([
      { op: 'add', path: '/contact/0/name/given/-', value: 'Anne' },
    ])
  })

  test('behavior: `-` through map appends exactly one element', () => {
    const _names = pipe(id<Patient>(), prop('name'), map(pipe(id<HumanName>(), pick(['family', 'given']))))
    const out = translate(_names, patient, [{ op: 'add', path: '/-', value: { family: 'Doe' } }])
    expect(out).toEqual([{ op: 'add', path: '/name/-', value: { family: 'Doe' } }])
    const next = applyPatch(patient, out)
    expect(next.name).toHaveLength(patient.name!.length + 1)
    expect(next.name!.at(-1)).toEqual({ family: 'Doe' })
  })

  test('error: `-` in a non-final position is InvalidPatch', () => {
    const _names = pipe(id<Patient>(), prop('name'), map(pipe(id<HumanName>(), pick(['family', 'given']))))
    expectLensyncError(() => translate(_names, patient, [{ op: 'replace', path: '/-/family', value: 'X' }]), LensError, { code: 'InvalidPatch', pointer: '/-/family', data: { opIndex: 0 } })
    expectLensyncError(() => translate(_names, patient, [{ op: 'add', path: '/0/family', value: 'X' }, { op: 'remove', path: '/-' }]), LensError, { code: 'InvalidPatch', pointer: '/-', data: { opIndex: 1 } })
  })

  test('behavior: any document with an array of 3+ objects works (all six ops, through every kind)', () => {
    const lenses: Lens<Patient, any>[] = [
      id<Patient>(),
      pipe(id<Patient>(), prop('telecom')),
      pipe(id<Patient>(), prop('telecom'), map(pipe(id<fhir.ContactPoint>(), pick(['system', 'value', 'use'])))),
      pipe(id<Patient>(), prop('telecom'), keyed((c: fhir.ContactPoint) => `${c.system}|${c.value}`, id<fhir.ContactPoint>())),
      pipe(id<Patient>(), fhir.identifiers()),
      pipe(id<Patient>(), prop('telecom'), filter((c: fhir.ContactPoint) => c.system === 'phone' || c.system === 'email')),
    ]
    for (const lens of lenses) {
      fc.assert(
        fc.property(patchFor(lens.get(patient), { value: fc.constantFrom('x', 'y') }), (patch) => {
          try {
            roundTrip(lens, patient, patch)
          } catch (e) {
            if (!(e instanceof LensError)) throw e
          }
        }),
        { numRuns: Math.ceil(lawRuns() / 10) },
      )
      const arr = lens.get(patient) as unknown
      const view3 = Array.isArray(arr) ? arr : (arr as { telecom: unknown[] }).telecom
      expect(view3.length).toBeGreaterThanOrEqual(3)
    }
    const _telecom = pipe(id<Patient>(), prop('telecom'), keyed((c: fhir.ContactPoint) => `${c.system}|${c.value}`, id<fhir.ContactPoint>()))
    const { out } = roundTrip(_telecom, patient, [
      { op: 'move', from: '/2', path: '/0' },
      { op: 'replace', path: '/1/use', value: 'old' },
      { op: 'remove', path: '/2' },
    ])
    expect(out).toEqual([
      { op: 'move', from: '/telecom/2', path: '/telecom/0' },
      { op: 'replace', path: '/telecom/1/use', value: 'old' },
      { op: 'remove', path: '/telecom/2' },
    ])
  })
})

describe('translate: per kind', () => {
  test('behavior: keyed — a view index maps to the aligned source item; `-` lands after the last shown item', () => {
    const s = {
      telecom: [
        { system: 'phone', value: '1', use: 'old' },
        { system: 'phone', value: '2' },
        { system: 'fax', value: '3', use: 'old' },
        { system: 'email', value: '4' },
        { system: 'fax', value: '5', use: 'old' },
      ],
    }
    const _current = pipe(id<typeof s>(), prop('telecom'), keyed((c: { system: string; value: string }) => `${c.system}|${c.value}`, id<{ system: string; value: string; use?: string }>(), { where: (c) => c.use !== 'old' }))
    // A key change makes a new item (state-based fallback: the old item is dropped, a new one made).
    const { out: rekeyed } = roundTrip(_current, s, [{ op: 'replace', path: '/1/value', value: '9' }])
    expect(rekeyed.length).toBeGreaterThan(0)
    expect(translate(_current, s, [{ op: 'add', path: '/1/rank', value: 1 }])).toEqual([{ op: 'add', path: '/telecom/3/rank', value: 1 }])
    expect(translate(_current, s, [{ op: 'remove', path: '/0' }])).toEqual([{ op: 'remove', path: '/telecom/1' }])
    const append: Patch = [{ op: 'add', path: '/-', value: { system: 'sms', value: '6' } }]
    expect(translate(_current, s, append)).toEqual([{ op: 'add', path: '/telecom/4', value: { system: 'sms', value: '6' } }])
    // exactly where the combinator's own put places it (after the last shown item, before hidden ones)
    expect(applyPatch(s, translate(_current, s, append))).toEqual(_current.put(s, applyPatch(_current.get(s), append)))
    expect(translate(_current, s, [{ op: 'add', path: '/1', value: { system: 'sms', value: '6' } }])).toEqual([
      { op: 'add', path: '/telecom/3', value: { system: 'sms', value: '6' } },
    ])
    expect(translate(_current, s, [{ op: 'move', from: '/0', path: '/-' }])).toEqual([{ op: 'move', from: '/telecom/1', path: '/telecom/3' }])
    roundTrip(_current, s, [{ op: 'move', from: '/0', path: '/-' }, { op: 'add', path: '/0', value: { system: 'sms', value: '7' } }])
  })

  test('behavior: keyed emptyAsAbsent — removing the last item removes the property', () => {
    const s = { resourceType: 'Patient', identifier: [{ system: 'a', value: '1' }] } as Patient
    const out = translate(pipe(id<Patient>(), fhir.identifiers()), s, [{ op: 'remove', path: '/0' }])
    expect(out).toEqual([{ op: 'remove', path: '/identifier' }])
  })

  test('behavior: keyed — copying a whole keyless item translates (nothing to duplicate); a keyed one is AmbiguousKey', () => {
    const lens = pipe(id<fhir.Bundle>(), fhir.entries())
    const s = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:a', resource: { resourceType: 'Patient', id: 'p' } }] } as fhir.Bundle
    const patch: Patch = [
      { op: 'add', path: '/1', value: 'x' },
      { op: 'copy', from: '/1', path: '/-' },
    ]
    const view = applyPatch(lens.get(s), patch)
    expect(lens.get(applyPatch(s, translate(lens, s, patch)))).toEqual(view)
    expectLensyncError(() => translate(lens, s, [{ op: 'copy', from: '/0', path: '/-' }]), LensError, { code: 'AmbiguousKey', pointer: '/-' })
  })

  test('behavior: filter — a view index maps to the source index', () => {
    const _official = pipe(id<Patient>(), prop('name'), filter((n: HumanName) => n.use !== 'usual'))
    expect(translate(_official, patient, [{ op: 'replace', path: '/1/family', value: 'W' }])).toEqual([{ op: 'replace', path: '/name/2/family', value: 'W' }])
    expect(translate(_official, patient, [{ op: 'remove', path: '/1' }])).toEqual([{ op: 'remove', path: '/name/2' }])
    expect(translate(_official, patient, [{ op: 'add', path: '/1', value: { use: 'old', family: 'X' } }])).toEqual([
      { op: 'add', path: '/name/2', value: { use: 'old', family: 'X' } },
    ])
  })

  test('behavior: map — the index stays, new items are created by the item lens', () => {
    const _families = pipe(id<Patient>(), prop('name'), map(pipe(id<HumanName>(), pick(['family']))))
    expect(translate(_families, patient, [{ op: 'move', from: '/2', path: '/0' }])).toEqual([{ op: 'move', from: '/name/2', path: '/name/0' }])
    expect(translate(_families, patient, [{ op: 'remove', path: '/1' }])).toEqual([{ op: 'remove', path: '/name/1' }])
  })

  test('behavior: a test through a lossy node tests that node\'s source', () => {
    const _g = pipe(id<Patient>(), prop('gender'), defaults('unknown'))
    expect(translate(_g, patient, [{ op: 'test', path: '', value: 'male' }])).toEqual([{ op: 'test', path: '/gender', value: 'male' }])
  })
})

describe('translate: errors', () => {
  test('error: InvalidPatch', () => {
    expectLensyncError(() => translate(id<Patient>(), patient, [{ op: 'add', path: 'gender', value: 'x' }]), LensError, { code: 'InvalidPatch', pointer: 'gender', data: { opIndex: 0 } })
  })

  test('error: PathNotFound against the view, with the view pointer', () => {
    expectLensyncError(() => translate(pipe(id<Patient>(), prop('name')), patient, [{ op: 'remove', path: '/7' }]), LensError, { code: 'PathNotFound', pointer: '/7', data: { opIndex: 0 } })
  })

  test('behavior: a one-op patch is refused exactly when applying it to the view fails, with the same error (property)', () => {
    // translate checks a single op by reading the view; applyPatch builds the result.
    const doc = { a: { b: [1, { c: 2 }, 3] }, d: 'x', e: [] as unknown[], f: null }
    const tokens = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'z', '0', '1', '2', '3', '-', '01', '')
    const op = fc.record({
      op: fc.constantFrom('add', 'remove', 'replace', 'test'),
      path: fc.array(tokens, { maxLength: 4 }).map((ts) => ts.map((t) => `/${t}`).join('')),
      value: fc.constantFrom<unknown>(2, 'x', null, { c: 2 }, [1, { c: 2 }, 3]),
    })
    fc.assert(
      fc.property(op, (o) => {
        const patch = [o] as unknown as Patch
        const outcome = (f: () => unknown): unknown => {
          try {
            f()
            return 'applies'
          } catch (e) {
            return { code: (e as LensError).code, pointer: (e as LensError).pointer }
          }
        }
        expect(outcome(() => translate(id<typeof doc>(), doc, patch))).toEqual(outcome(() => applyPatch(doc, patch)))
      }),
      { numRuns: 500 },
    )
  })

  test('error: VersionConflict for a failing view test', () => {
    expectLensyncError(() => translate(pipe(id<Patient>(), prop('gender')), patient, [{ op: 'test', path: '', value: 'female' }]), LensError, { code: 'VersionConflict', pointer: '', data: { opIndex: 0 } })
  })

  test('error: ViewOutOfRange for a hidden key of pick/omit', () => {
    const _picked = pipe(id<Patient>(), pick(['gender', 'birthDate']))
    expectLensyncError(() => translate(_picked, patient, [{ op: 'add', path: '/active', value: false }]), LensError, { code: 'ViewOutOfRange', pointer: '/active', data: { opIndex: 0 } })
    const _omitted = pipe(id<Patient>(), omit(['identifier']))
    expectLensyncError(() => translate(_omitted, patient, [{ op: 'replace', path: '/gender', value: 'other' }, { op: 'add', path: '/identifier', value: [] }]), LensError, { code: 'ViewOutOfRange', pointer: '/identifier', data: { opIndex: 1 } })
  })

  test('error: HiddenFieldEdited for an edit of a redacted field (and ok elsewhere)', () => {
    const _masked = pipe(id<Patient>(), redact('birthDate', { mask: '****' }))
    expectLensyncError(() => translate(_masked, patient, [{ op: 'replace', path: '/birthDate', value: '1999' }]), LensError, { code: 'HiddenFieldEdited', pointer: '/birthDate', data: { opIndex: 0 } })
    expectLensyncError(() => translate(_masked, patient, [{ op: 'move', from: '/birthDate', path: '/x' }]), LensError, { code: 'HiddenFieldEdited', pointer: '/birthDate', data: { opIndex: 0 } })
    const _removed = pipe(id<Patient>(), redact('birthDate', 'remove'))
    expectLensyncError(() => translate(_removed, patient, [{ op: 'add', path: '/_birthDate', value: {} }]), LensError, { code: 'HiddenFieldEdited', pointer: '/_birthDate', data: { opIndex: 0 } })
    expect(translate(_removed, patient, [{ op: 'replace', path: '/gender', value: 'other' }])).toEqual([{ op: 'replace', path: '/gender', value: 'other' }])
  })

  test('a redacted field replaced with its own mask is a no-op, not an error (regression: CI seed)', () => {
    const _masked = pipe(id<Patient>(), redact('birthDate', { mask: '****' }))
    const edited = { ...patient, birthDate: '1954-02-05' }
    const out = translate(_masked, edited, [
      { op: 'replace', path: '/birthDate', value: '****' },
      { op: 'replace', path: '/gender', value: 'other' },
    ])
    expect(applyPatch(edited, out)).toEqual({ ...edited, gender: 'other' })
  })

  test('error: HiddenFieldEdited on every generated edit of a redacted field', () => {
    const _removed = pipe(id<Patient>(), redact('birthDate', 'remove'))
    fc.assert(
      fc.property(
        (arbitraries.patient() as fc.Arbitrary<Patient>).chain((s) =>
          fc.tuple(fc.constant(s), patchFor(_removed.get(s), { ops: ['add'], maxLength: 1, key: fc.constantFrom('birthDate', '_birthDate'), filter: (p) => p.length === 1 && p[0]!.includes('birthDate') })),
        ),
        ([s, patch]) => {
          fc.pre(patch[0]!.op === 'add')
          expectLensyncError(() => translate(_removed, s, patch), LensError, { code: 'HiddenFieldEdited', pointer: patch[0]!.path, data: { opIndex: 0 } })
        },
      ),
      { numRuns: lawRuns() },
    )
  })

  test('error: SchemaViolation with the ajv errors', () => {
    const _valid = pipe(id<Patient>(), validate({ type: 'object', properties: { gender: { enum: ['male', 'female', 'other', 'unknown'] } } }))
    const e = expectLensyncError(() => translate(_valid, patient, [{ op: 'replace', path: '/gender', value: 'x' }]), LensError, { code: 'SchemaViolation', pointer: '/gender', data: { opIndex: 0 } })
    expect((e.data as { errors: unknown[] }).errors.length).toBeGreaterThan(0)
  })

  test('error: AmbiguousKey for a duplicate key in a keyed view', () => {
    const _ids = pipe(id<Patient>(), fhir.identifiers())
    expectLensyncError(() => translate(_ids, patient, [{ op: 'add', path: '/-', value: { ...patient.identifier![0]! } }]), LensError, { code: 'AmbiguousKey', pointer: '/-', data: { opIndex: 0 } })
    expectLensyncError(() => translate(_ids, patient, [{ op: 'copy', from: '/0', path: '/1' }]), LensError, { code: 'AmbiguousKey', pointer: '/1', data: { opIndex: 0 } })
  })

  test('error: UnsupportedPatchOp for a test of a value derived from an absent source', () => {
    const _active = pipe(id<Patient>(), path('contact', 0, 'gender'), defaults('unknown'))
    const s = { resourceType: 'Patient', contact: [{}] } as Patient
    expectLensyncError(() => translate(_active, s, [{ op: 'test', path: '', value: 'unknown' }]), LensError, { code: 'UnsupportedPatchOp', pointer: '', data: { opIndex: 0 } })
  })
})
