import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { id, LensError, pipe, redact, redactedLabel } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const year = (d: string) => d.slice(0, 4)
/** Patients all born in 1970 (days vary), some with a `_birthDate` extension. */
const born1970 = fc
  .tuple(arbitraries.patient(), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean())
  .map(([p, m, d, ext]): Patient => {
    const out: Patient = { ...p, birthDate: `1970-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }
    if (ext) out._birthDate = { id: `b${m}` }
    else delete out._birthDate
    return out
  })

describe('redact', () => {
  test("default: 'remove' satisfies all four laws on generated patients", () => {
    const lens = pipe(id<Patient>(), redact('name', 'remove'))
    expect(checkLaws(lens, { source: arbitraries.patient(), runs: lawRuns() })).toMatchObject({ ok: true })
    const deep = pipe(id<Patient>(), redact(['managingOrganization', 'reference'], 'remove'))
    expect(checkLaws(deep, { source: arbitraries.patient(), runs: lawRuns(), laws: ['GetPut', 'CreateGet'] })).toMatchObject({ ok: true })
  })

  test('default: a birth date masked to its year satisfies GetPut, PutGet and PutPut', () => {
    const lens = pipe(id<Patient>(), redact('birthDate', { mask: year }))
    expect(checkLaws(lens, { source: born1970, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'PutPut'] })).toMatchObject({ ok: true })
    const withCreate = pipe(id<Patient>(), redact('birthDate', { mask: year }, { create: (y) => y }))
    expect(checkLaws(withCreate, { source: born1970, runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: the view shows the mask and the REDACTED label; put restores value, _x and label', () => {
    const lens = pipe(id<Patient>(), redact('birthDate', { mask: year }))
    const p: Patient = { resourceType: 'Patient', birthDate: '1970-03-14', _birthDate: { id: 'x' }, meta: { versionId: '3' } }
    const view = lens.get(p)
    expect(view).toEqual({ resourceType: 'Patient', birthDate: '1970', meta: { versionId: '3', security: [redactedLabel] } })
    expect(lens.put(p, view)).toBe(p)
    const edited = lens.put(p, { ...view, gender: 'female' })
    expect(edited).toEqual({ ...p, gender: 'female' })
    // Two masks: the label is added once and removed once.
    const two = pipe(id<Patient>(), redact('birthDate', { mask: year }), redact('gender', { mask: 'unknown' }))
    const v2 = two.get({ ...p, gender: 'male' })
    expect(v2.meta?.security).toEqual([redactedLabel])
    expect(two.put({ ...p, gender: 'male' }, { ...v2, active: true })).toEqual({ ...p, gender: 'male', active: true })
    // A source already labelled keeps its label and gets no second one.
    const labelled: Patient = { ...p, meta: { security: [{ ...redactedLabel }] } }
    expect(lens.get(labelled).meta?.security).toHaveLength(1)
    expect(lens.put(labelled, lens.get(labelled))).toBe(labelled)
  })

  test('behavior: _given stays aligned when given is redacted', () => {
    const lens = pipe(id<HumanName>(), redact('given', { mask: (g: string[]) => g.map(() => 'X') }, { securityLabel: false }))
    const name: HumanName = { family: 'Lee', given: ['Ann', 'Bo'], _given: [null, { id: 'b' }] }
    expect(lens.get(name)).toEqual({ family: 'Lee', given: ['X', 'X'] })
    expect(lens.put(name, { family: 'Li', given: ['X', 'X'] })).toEqual({ family: 'Li', given: ['Ann', 'Bo'], _given: [null, { id: 'b' }] })
    const removed = pipe(id<HumanName>(), redact('given', 'remove'))
    expect(checkLaws(removed, { source: arbitraries.humanName(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: create cannot invent a masked value without options.create', () => {
    const lens = pipe(id<Patient>(), redact('birthDate', { mask: year }))
    const view = { resourceType: 'Patient' as const, birthDate: '1970', meta: { security: [{ ...redactedLabel }] } }
    expect(lens.create(view)).toEqual({ resourceType: 'Patient' })
    expect(checkLaws(lens, { source: born1970, runs: lawRuns(), laws: ['CreateGet'] }).ok).toBe(false)
    const withCreate = pipe(id<Patient>(), redact('birthDate', { mask: year }, { create: (y) => y }))
    expect(withCreate.create(view)).toEqual({ resourceType: 'Patient', birthDate: '1970' })
  })

  test('error: HiddenFieldEdited with the field pointer', () => {
    const masked = pipe(id<Patient>(), redact('birthDate', { mask: year }))
    const p: Patient = { resourceType: 'Patient', birthDate: '1970-03-14', _birthDate: { id: 'x' } }
    const view = masked.get(p)
    let e = expectLensyncError(() => masked.put(p, { ...view, birthDate: '1971' }), LensError)
    expect([e.code, e.pointer]).toEqual(['HiddenFieldEdited', '/birthDate'])
    e = expectLensyncError(() => masked.put(p, { ...view, _birthDate: { id: 'y' } }), LensError)
    expect([e.code, e.pointer]).toEqual(['HiddenFieldEdited', '/_birthDate'])
    e = expectLensyncError(() => masked.put(p, { ...view, meta: undefined }), LensError)
    expect([e.code, e.pointer]).toEqual(['HiddenFieldEdited', '/meta/security'])
    const removed = pipe(id<Patient>(), redact(['name', 0, 'family'], 'remove'))
    const q: Patient = { resourceType: 'Patient', name: [{ family: 'Lee', given: ['Ann'] }] }
    e = expectLensyncError(() => removed.put(q, { resourceType: 'Patient', name: [{ family: 'Li', given: ['Ann'] }] }), LensError)
    expect([e.code, e.pointer]).toEqual(['HiddenFieldEdited', '/name/0/family'])
    e = expectLensyncError(() => removed.put(q, { resourceType: 'Patient' }), LensError)
    expect([e.code, e.pointer]).toEqual(['HiddenFieldEdited', '/name/0/family'])
    expect(removed.put(q, { resourceType: 'Patient', name: [{ given: ['Bo'] }] })).toEqual({ resourceType: 'Patient', name: [{ given: ['Bo'], family: 'Lee' }] })
  })

  test('error: InvalidLens for bad paths, policies and a create that does not mask back', () => {
    expect(expectLensyncError(() => redact([], 'remove'), LensError).code).toBe('InvalidLens')
    expect(expectLensyncError(() => redact(['name', 0], 'remove'), LensError).code).toBe('InvalidLens')
    expect(expectLensyncError(() => redact('x', 'hide' as never), LensError).code).toBe('InvalidLens')
    const bad = pipe(id<Patient>(), redact('birthDate', { mask: year }, { create: () => '1999' }))
    const e = expectLensyncError(() => bad.create({ resourceType: 'Patient', birthDate: '1970', meta: { security: [{ ...redactedLabel }] } }), LensError)
    expect([e.code, e.pointer]).toEqual(['InvalidLens', '/birthDate'])
  })
})
