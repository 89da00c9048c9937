import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { LensError, fhir, id, omit, pipe } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { AnyResource, Observation, Patient } from 'lensync/lens'
import { deepFreeze } from '../../_helpers/deepFreeze.js'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

const resources: fc.Arbitrary<AnyResource> = fc
  .oneof(arbitraries.patient(), arbitraries.observation(), arbitraries.condition(), arbitraries.medicationRequest())
  .map((r) => deepFreeze(r as AnyResource))

const _anonymous = pipe(
  id<AnyResource>(),
  fhir.byType({
    Patient: pipe(id<Patient>(), omit(['name', 'telecom'])),
    Observation: pipe(id<Observation>(), omit(['note'])),
  }),
)

describe('fhir.byType', () => {
  test('default: a ByType node exposing its cases', () => {
    expect(_anonymous).toMatchObject({ _tag: 'ByType' })
    expect(Object.keys((_anonymous as unknown as { cases: object }).cases)).toEqual(['Patient', 'Observation'])
  })

  test('default: laws on mixed resources (PutPut left out: a type change re-creates the resource)', () => {
    const result = checkLaws(_anonymous, { source: resources, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: all four laws when views keep the type', () => {
    const patients = arbitraries.patient().map((p) => deepFreeze(p as AnyResource))
    const result = checkLaws(_anonymous, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: other types pass through; the case applies by resourceType', () => {
    const condition = deepFreeze<AnyResource>({ resourceType: 'Condition', subject: { reference: 'Patient/1' } })
    expect(_anonymous.get(condition)).toBe(condition)
    const patient = deepFreeze<AnyResource>({ resourceType: 'Patient', name: [{ family: 'Doe' }], gender: 'male' })
    expect(_anonymous.get(patient)).toEqual({ resourceType: 'Patient', gender: 'male' })
    expect(_anonymous.put(patient, { resourceType: 'Patient', gender: 'female' })).toEqual({ resourceType: 'Patient', name: [{ family: 'Doe' }], gender: 'female' })
  })

  test('error: a view without resourceType is ViewOutOfRange; bad cases are InvalidLens', () => {
    const patient = deepFreeze<AnyResource>({ resourceType: 'Patient' })
    const error = expectLensyncError(() => _anonymous.put(patient, { gender: 'male' } as never), LensError)
    expect(error).toMatchObject({ code: 'ViewOutOfRange', pointer: '/resourceType' })
    expect(expectLensyncError(() => fhir.byType({ Patient: 3 as never }), LensError).code).toBe('InvalidLens')
  })

  test('error: a case lens that drops resourceType is ViewOutOfRange on get', () => {
    const _broken = pipe(id<AnyResource>(), fhir.byType({ Patient: pipe(id<Patient>(), omit(['resourceType'])) }))
    expect(expectLensyncError(() => _broken.get({ resourceType: 'Patient' }), LensError).code).toBe('ViewOutOfRange')
  })
})
