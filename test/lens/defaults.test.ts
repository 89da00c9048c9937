import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, at, defaults, id, pick, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'

const patients = arbitraries.patient().map(deepFreeze)
const names = arbitraries.humanName().map(deepFreeze)

describe('defaults', () => {
  test('default: a Defaults node that exposes its value', () => {
    expect(defaults('unknown')(id<string | undefined>())).toMatchObject({ _tag: 'Defaults', value: 'unknown', step: 'defaults("unknown")' })
  })

  test('default: GetPut, PutGet, CreateGet on optional sources', () => {
    const _name = defaults<HumanName>({})(id<HumanName | undefined>())
    const result = checkLaws(_name, { source: fc.option(names, { nil: undefined }), laws: ['GetPut', 'PutGet', 'CreateGet'], runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: all four laws when the source is never undefined', () => {
    const _name = defaults<HumanName>({})(id<HumanName | undefined>())
    const result = checkLaws(_name, { source: names, view: fc.oneof(names, fc.constant({})), runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: GetPut, PutGet, CreateGet on generated patients (missing gender as "unknown")', () => {
    const _gender = pipe(id<Patient>(), prop('gender'), defaults('unknown'))
    const result = checkLaws(_gender, { source: patients, laws: ['GetPut', 'PutGet', 'CreateGet'], runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: PutPut fails only as documented (undefined source, v1 ≠ value, v2 = value)', () => {
    const _gender = defaults('unknown')(id<string | undefined>())
    const result = checkLaws(_gender, { source: fc.constant(undefined), view: fc.constantFrom('male', 'unknown'), laws: ['PutPut'], runs: 100 })
    expect(result).toMatchObject({ ok: false, law: 'PutPut', counterexample: { source: undefined, firstView: 'male', view: 'unknown' } })
    expect(_gender.put(_gender.put(undefined, 'male'), 'unknown')).toBe('unknown')
    expect(_gender.put(undefined, 'unknown')).toBeUndefined()
  })

  test('behavior: an untouched default does not materialise; an edit does', () => {
    const _family = pipe(id<Patient>(), prop('name'), at(0), defaults({}), pick(['family']))
    const s = deepFreeze<Patient>({ resourceType: 'Patient' })
    expect(_family.get(s)).toEqual({})
    expect(_family.put(s, _family.get(s))).toBe(s)
    expect(_family.put(s, {})).toBe(s)
    expect(_family.put(s, { family: 'Lee' })).toEqual({ resourceType: 'Patient', name: [{ family: 'Lee' }] })
    const t = deepFreeze<Patient>({ resourceType: 'Patient', name: [{ family: 'Lee' }] })
    expect(_family.put(t, _family.get(t))).toBe(t)
    expect(_family.create({ family: 'Kim' })).toEqual({ name: [{ family: 'Kim' }] })
  })

  test('error: InvalidLens for an undefined value', () => {
    let error: unknown
    try {
      defaults(undefined)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LensError)
    expect(error).toMatchObject({ code: 'InvalidLens', pointer: '', step: 'defaults(undefined)' })
  })

  test('types: the view excludes undefined; the value must be a view', () => {
    expectTypeOf(pipe(id<Patient>(), prop('gender'), defaults('unknown'))).toEqualTypeOf<
      Lens<Patient, 'male' | 'female' | 'other' | 'unknown'>
    >()
    expectTypeOf(pipe(id<Patient>(), prop('name'), at(0), defaults({}))).toEqualTypeOf<Lens<Patient, HumanName>>()
    // @ts-expect-error 'none' is not a gender
    pipe(id<Patient>(), prop('gender'), defaults('none'))
  })
})
