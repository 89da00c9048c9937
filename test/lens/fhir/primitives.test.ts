import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fhir, filter, id, keyed, LensError, path, pipe } from 'lensync/lens'
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
})
