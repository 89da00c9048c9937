import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { applyPatch, diff, fhir, filter, id, keyed, LensError, path, pipe, project, translate } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Address, HumanName, Patient } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

describe('fhir.primitives', () => {
  test('default: keyed given names with _given satisfy all four laws on generated names', () => {
    const lens = pipe(id<HumanName>(), fhir.primitives('given', keyed((e: fhir.PrimitiveEntry) => e.value, id<fhir.PrimitiveEntry>())))
    const names = arbitraries.humanName().filter((n) => new Set(n.given ?? []).size === (n.given ?? []).length)
    expect(checkLaws(lens, { source: names, runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: filtered address lines keep _line aligned; an unchanged record comes back as is', () => {
    const lens = pipe(id<Address>(), fhir.primitives('line', filter((e: fhir.PrimitiveEntry) => !e.value.startsWith('c/o'))))
    const a: Address = { city: 'X', line: ['c/o Bo', '1 Main St', 'Apt 2'], _line: [{ id: 'co' }, null, { id: 'apt' }] }
    expect(lens.get(a)).toEqual({ city: 'X', line: ['1 Main St', 'Apt 2'], _line: [null, { id: 'apt' }] })
    expect(lens.put(a, lens.get(a))).toBe(a)
    expect(lens.put(a, { city: 'Y', line: ['Apt 2'], _line: [{ id: 'apt' }] })).toEqual({ city: 'Y', line: ['c/o Bo', 'Apt 2'], _line: [{ id: 'co' }, { id: 'apt' }] })
    expect(checkLaws(lens, { source: arbitraries.address(), runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
  })

  test('error: ViewOutOfRange when _given and given lengths differ in the view', () => {
    const lens = pipe(id<HumanName>(), fhir.primitives('given', filter((e: fhir.PrimitiveEntry) => e.value !== '')))
    const e = expectLensyncError(() => lens.put({ given: ['a'] }, { given: ['a', 'b'], _given: [null] }), LensError)
    expect([e.code, e.pointer]).toEqual(['ViewOutOfRange', '/_given'])
    expect(expectLensyncError(() => fhir.primitives('', filter((_: fhir.PrimitiveEntry) => true)), LensError).code).toBe('InvalidLens')
  })

  test('behavior: an absent record reads as absent (e.g. the given names of a missing name)', () => {
    const step = fhir.primitives('given', filter((e: fhir.PrimitiveEntry) => e.value !== 'Q'))
    const lens = pipe(id<HumanName | undefined>(), step)
    expect(lens.get(undefined)).toBeUndefined()
    expect(lens.put(undefined, undefined)).toBeUndefined()
    expect(lens.put(undefined, { given: ['Ann'] })).toEqual({ given: ['Ann'] })
    expect(lens.put({ given: ['Ann', 'Q'] }, undefined)).toBeUndefined()
    expect(lens.create(undefined)).toBeUndefined()
    const _firstGiven = pipe(id<Patient>(), path('name', 0), step)
    const p: Patient = { resourceType: 'Patient' }
    expect(_firstGiven.get(p)).toBeUndefined()
    expect(_firstGiven.put(p, undefined)).toBe(p)
    expect(_firstGiven.put(p, { given: ['Bo'] })).toEqual({ resourceType: 'Patient', name: [{ given: ['Bo'] }] })
    const sources = fc.option(arbitraries.humanName(), { nil: undefined })
    expect(checkLaws(lens, { source: sources, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
    const e = expectLensyncError(() => lens.get(42 as never), LensError)
    expect([e.code, e.pointer]).toEqual(['PathNotFound', ''])
  })

  describe('patches that edit a primitive array together with its _x array', () => {
    const streetName = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetName', valueString: 'Erewhon' }] }
    const unit = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-unitID', valueString: '4' }] }
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'example',
      address: [{ use: 'home', line: ['534 Erewhon St', 'c/o Bo', 'Unit 4'], _line: [streetName, null, unit], city: 'PleasantVille', postalCode: '3999' }],
    }
    const _home = pipe(id<Patient>(), path('address', 0), fhir.primitives('line', filter((e: fhir.PrimitiveEntry) => !e.value.startsWith('c/o'))))

    test('behavior: removing line[i] and _line[i], then adding an item and a null, translates as one edit', () => {
      const patch = [
        { op: 'remove', path: '/line/1' },
        { op: 'remove', path: '/_line/1' },
        { op: 'add', path: '/line/-', value: 'Flat 9' },
        { op: 'add', path: '/_line/-', value: null },
      ] as const
      const expected = applyPatch(_home.get(patient), patch)
      const out = applyPatch(patient, translate(_home, patient, patch))
      expect(_home.get(out)).toEqual(expected)
      // The new line goes right after the last shown one, before the hidden c/o line.
      expect(out.address![0]).toMatchObject({ line: ['534 Erewhon St', 'Flat 9', 'c/o Bo'], _line: [streetName, null, null] })
    })

    test("behavior: lensync's own diff of two views translates (and projects back)", () => {
      const view = _home.get(patient) as Address
      const edited: Address = { ...view, line: ['534 Erewhon St'], _line: [streetName] }
      const patch = diff(view, edited)
      expect(patch).toEqual([{ op: 'remove', path: '/line/1' }, { op: 'remove', path: '/_line/1' }])
      const sourcePatch = translate(_home, patient, patch)
      const out = applyPatch(patient, sourcePatch)
      expect(_home.get(out)).toEqual(edited)
      expect(applyPatch(view, project(_home, patient, sourcePatch))).toEqual(edited)
    })

    test('error: a patch whose arrays never line up again is still refused', () => {
      expectLensyncError(() => translate(_home, patient, [{ op: 'remove', path: '/line/1' }]), LensError, { code: 'ViewOutOfRange' })
    })
  })
})
