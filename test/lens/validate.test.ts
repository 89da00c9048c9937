import { describe, expect, test } from 'vitest'
import { id, LensError, pipe, prop, validate } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
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
})
