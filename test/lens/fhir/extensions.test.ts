import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { applyPatch, fhir, id, type Lens, LensError, path, pipe, translate } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Element, Extension, Patient } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

const urlUnique = (p: Patient) => new Set((p.extension ?? []).map((e) => e.url)).size === (p.extension ?? []).length

describe('fhir.extensions', () => {
  test('default: all four laws on generated patients (unique urls)', () => {
    const lens = pipe(id<Patient>(), fhir.extensions())
    expect(checkLaws(lens, { source: arbitraries.patient().filter(urlUnique), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: keyed by url, the hidden extensions stay', () => {
    const birthSex = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex'
    const lens = pipe(id<Patient>(), fhir.extensions({ where: (e) => e.url === birthSex }))
    const race: Extension = { url: 'race', valueString: 'x' }
    const p: Patient = { resourceType: 'Patient', extension: [race, { url: birthSex, valueCode: 'F' }] }
    expect(lens.get(p)).toEqual([{ url: birthSex, valueCode: 'F' }])
    expect(lens.put(p, [{ url: birthSex, valueCode: 'M' }])).toEqual({ resourceType: 'Patient', extension: [race, { url: birthSex, valueCode: 'M' }] })
    expect(lens.put(p, [])).toEqual({ resourceType: 'Patient', extension: [race] })
    fc.assert(fc.property(arbitraries.patient(), (q) => {
      expect(lens.put(q, lens.get(q))).toBe(q)
    }), { numRuns: 100 })
  })

  test('error: DuplicateKey for a repeated url in the source', () => {
    const lens = pipe(id<Patient>(), fhir.extensions())
    const p: Patient = { resourceType: 'Patient', extension: [{ url: 'a', valueString: '1' }, { url: 'a', valueString: '2' }] }
    expect(lens.put(p, lens.get(p))).toBe(p)
    const e = expectLensyncError(() => lens.put(p, [{ url: 'a', valueString: '1' }]), LensError)
    expect([e.code, e.pointer]).toEqual(['DuplicateKey', '/1'])
  })

  test('behavior: extensionKey and itemKey never throw a TypeError: a missing key is keyed\'s InvalidLens', () => {
    expect(fhir.extensionKey(Object.assign(Object.create(null), { url: 'u' }) as never)).toBe('u')
    expect(fhir.extensionKey(null as never)).toBeUndefined()
    expect(fhir.itemKey(null as never)).toBeUndefined()
    const lens = pipe(id<Patient>(), fhir.extensions())
    expect(expectLensyncError(() => lens.put({ resourceType: 'Patient' }, [null as never]), LensError).code).toBe('InvalidLens')
  })

  test('behavior: removing the only extension of a primitive in a parallel _x array leaves null, never {} (first, middle, last)', () => {
    const nullFlavor = (code: string) => ({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-nullFlavor', valueCode: code }] })
    const patient: Patient = { resourceType: 'Patient', name: [{ given: ['Ann', 'Bo', 'Cy'], _given: [nullFlavor('UNK'), nullFlavor('ASKU'), nullFlavor('NI')] }] }
    for (const i of [0, 1, 2]) {
      const _element = path('name', 0, '_given', i) as (self: Lens<Patient, Patient>) => Lens<Patient, Element | undefined>
      const lens = pipe(id<Patient>(), _element, fhir.extensions())
      const expected = patient.name![0]!._given!.map((e, j) => (j === i ? null : e))
      expect(lens.put(patient, []).name![0]!._given).toEqual(expected)
      const out = applyPatch(patient, translate(lens, patient, [{ op: 'remove', path: '/0' }]))
      expect(out.name![0]!._given).toEqual(expected)
      expect(out.name![0]!.given).toEqual(['Ann', 'Bo', 'Cy'])
    }
  })
})
