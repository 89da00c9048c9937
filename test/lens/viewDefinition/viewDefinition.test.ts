import { describe, expect, test } from 'vitest'
import { LensError, applyPatch, translate } from 'lensync/lens'
import { type ViewDefinition, ViewDefinitionError, viewDefinition } from 'lensync/views'
import type { Patient } from '../../../src/lens/fhir/types.js'
import { deepFreeze } from '../../_helpers/deepFreeze.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

const MRN = 'http://hospital.example/mrn'
const patient = deepFreeze<Patient>({
  resourceType: 'Patient',
  id: 'pt1',
  meta: { versionId: '3' },
  active: true,
  gender: 'female',
  birthDate: '1974-12-25',
  name: [{ use: 'usual', given: ['Jim'] }, { use: 'official', family: 'Chalmers', given: ['Peter', 'James'] }],
  identifier: [
    { use: 'usual', system: MRN, value: '12345', period: { start: '2001-05-06' } },
    { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999-99-9999' },
  ],
  extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' }],
})

const demographics: ViewDefinition = {
  resourceType: 'ViewDefinition',
  resource: 'Patient',
  select: [
    {
      column: [
        { name: 'id', path: 'getResourceKey()' },
        { name: 'gender', path: 'gender' },
        { name: 'birth_date', path: 'birthDate' },
        { name: 'family', path: "name.where(use = 'official').family.first()" },
        { name: 'birth_sex', path: "extension('http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex').value.ofType(code).first()" },
        { name: 'has_name', path: 'name.exists()' },
      ],
    },
  ],
}

describe('viewDefinition', () => {
  const _demographics = viewDefinition(demographics)

  test('default: the rows of a resource, and which columns are writable', () => {
    expect(_demographics.get(patient)).toEqual([
      { id: 'Patient/pt1', gender: 'female', birth_date: '1974-12-25', family: 'Chalmers', birth_sex: 'F', has_name: true },
    ])
    expect(_demographics.columns).toEqual(['id', 'gender', 'birth_date', 'family', 'birth_sex', 'has_name'])
    expect(_demographics.writable).toEqual(['gender', 'birth_date', 'family', 'birth_sex'])
    expect(Object.keys(_demographics.readOnly)).toEqual(['id', 'has_name'])
  })

  test('behavior: an edited row is put back through the compiled lenses; the unchanged view returns the source itself', () => {
    const [row] = _demographics.get(patient)
    expect(_demographics.put(patient, [row!])).toBe(patient)
    const out = _demographics.put(patient, [{ ...row!, gender: 'male', family: 'Chambers', birth_sex: 'M' }]) as Patient
    expect(out.gender).toBe('male')
    expect(out.name).toEqual([patient.name![0], { ...patient.name![1], family: 'Chambers' }])
    expect(out.extension).toEqual([{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'M' }])
    expect(out.identifier).toBe(patient.identifier)
  })

  test('behavior: a put into an absent element creates it with the filter its path needs', () => {
    const bare = deepFreeze<Patient>({ resourceType: 'Patient', id: 'pt2' })
    const [row] = _demographics.get(bare)
    // has_name is derived (read-only): the view states the value the edited record has.
    const out = _demographics.put(bare, [{ ...row!, family: 'Lee', birth_sex: 'F', has_name: true }]) as Patient
    expect(out.name).toEqual([{ use: 'official', family: 'Lee' }])
    expect(out.extension).toEqual([{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' }])
  })

  test('behavior: a row patch translates to a source patch', () => {
    const patch = translate(_demographics, patient, [{ op: 'replace', path: '/0/family', value: 'Chambers' }])
    expect(patch).toEqual([{ op: 'replace', path: '/name/1/family', value: 'Chambers' }])
    expect(_demographics.get(applyPatch(patient, patch))[0]).toMatchObject({ family: 'Chambers' })
  })

  test('error: an edit of a read-only column is refused, naming the column', () => {
    const [row] = _demographics.get(patient)
    for (const [column, value] of [['has_name', false], ['id', 'Patient/x']] as const) {
      const e = expectLensyncError(() => _demographics.put(patient, [{ ...row!, [column]: value }]), LensError)
      expect([e.code, e.step, e.pointer, e.data]).toEqual(['ViewOutOfRange', `column(${column})`, `/0/${column}`, { column }])
      expect(e.message).toContain(`"${column}" is read-only`)
      expect(expectLensyncError(() => translate(_demographics, patient, [{ op: 'replace', path: `/0/${column}`, value }]), LensError).step).toBe(`column(${column})`)
    }
  })

  describe('forEach over a keyed list', () => {
    const _identifiers = viewDefinition({
      resource: 'Patient',
      select: [
        { column: [{ name: 'patient', path: 'id' }] },
        { forEach: 'identifier', column: [{ name: 'system', path: 'system' }, { name: 'value', path: 'value' }, { name: 'use', path: 'use' }] },
      ],
    })

    test('default: a row per identifier, aligned by system|value', () => {
      expect(_identifiers.forEach).toEqual({ path: 'identifier', columns: ['system', 'value', 'use'] })
      const rows = _identifiers.get(patient)
      expect(rows).toEqual([
        { patient: 'pt1', system: MRN, value: '12345', use: 'usual' },
        { patient: 'pt1', system: 'urn:oid:2.16.840.1.113883.4.1', value: '999-99-9999', use: null },
      ])
      // Reordered, one edited, one added: hidden parts (period) follow their identifier.
      const added = { patient: 'pt1', system: MRN, value: '777', use: 'old' }
      const out = _identifiers.put(patient, [rows[1]!, { ...rows[0]!, use: 'official' }, added]) as Patient
      expect(out.identifier).toEqual([
        patient.identifier![1],
        { ...patient.identifier![0], use: 'official' },
        { system: MRN, value: '777', use: 'old' },
      ])
      expect(_identifiers.put(patient, [rows[1]!]) as Patient).toMatchObject({ identifier: [patient.identifier![1]] })
    })

    test('error: rows of one resource must agree on a column outside forEach', () => {
      const rows = _identifiers.get(patient)
      const e = expectLensyncError(() => _identifiers.put(patient, [rows[0]!, { ...rows[1]!, patient: 'pt9' }]), LensError)
      expect([e.code, e.step]).toEqual(['ViewOutOfRange', 'column(patient)'])
    })
  })

  describe('over a list of resources', () => {
    const _genders = viewDefinition({ resource: 'Patient', select: [{ column: [{ name: 'id', path: 'id' }, { name: 'gender', path: 'gender' }] }] }, { over: 'resources' })
    const other = deepFreeze<Patient>({ resourceType: 'Patient', id: 'pt2', gender: 'male' })
    const list = deepFreeze([patient, { resourceType: 'Observation', id: 'o1', status: 'final' }, other]) as never

    test('behavior: rows are matched with resources by id; a resource whose rows go is removed, a new id is created', () => {
      expect(_genders.get(list)).toEqual([{ id: 'pt1', gender: 'female' }, { id: 'pt2', gender: 'male' }])
      const out = _genders.put(list, [{ id: 'pt2', gender: 'other' }, { id: 'pt3', gender: 'unknown' }]) as unknown[]
      expect(out).toEqual([{ resourceType: 'Observation', id: 'o1', status: 'final' }, { ...other, gender: 'other' }, { resourceType: 'Patient', id: 'pt3', gender: 'unknown' }])
    })
  })

  test('error: a definition that is not valid is a typed ViewDefinitionError with a pointer', () => {
    const bad = (vd: unknown) => {
      try {
        viewDefinition(vd as ViewDefinition)
      } catch (e) {
        expect(e).toBeInstanceOf(ViewDefinitionError)
        return [(e as ViewDefinitionError).code, (e as ViewDefinitionError).pointer]
      }
      throw new Error('expected a ViewDefinitionError')
    }
    expect(bad({ select: [] })).toEqual(['InvalidViewDefinition', '/resource'])
    expect(bad({ resource: 'Patient', select: [{ forEach: '@@' }] })).toEqual(['InvalidFhirPath', '/select/0/forEach'])
    expect(bad({ resource: 'Patient', select: [{ column: [{ name: 'a', path: '%nope' }] }] })).toEqual(['InvalidViewDefinition', '/select/0/column/0/path'])
  })
})
