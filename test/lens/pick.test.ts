import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, at, id, pick, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Element, HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patients = arbitraries.patient().map(deepFreeze)

describe('pick', () => {
  test('default: a Pick node that exposes its keys', () => {
    expect(pipe(id<Patient>(), pick(['gender', 'birthDate']))).toMatchObject({ _tag: 'Pick', keys: ['gender', 'birthDate'], template: undefined })
  })

  test('default: laws on generated patients', () => {
    const _demographics = pipe(id<Patient>(), pick(['resourceType', 'gender', 'birthDate', 'name']))
    const result = checkLaws(_demographics, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws on generated names (given carries _given)', () => {
    const _given = pipe(id<HumanName>(), pick(['given', 'family']))
    const result = checkLaws(_given, { source: arbitraries.humanName().map(deepFreeze), runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws with a create template', () => {
    const _gender = pipe(id<Patient>(), pick(['gender'], { create: { resourceType: 'Patient' } }))
    const result = checkLaws(_gender, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: carries the _key siblings of picked primitives', () => {
    const _birthDate = pipe(id<Patient>(), pick(['birthDate']))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' }, gender: 'male', _gender: { id: 'g' } })
    expect(_birthDate.get(s)).toEqual({ birthDate: '1970', _birthDate: { id: 'b' } })
    expect(_birthDate.put(s, { birthDate: '1971' })).toEqual({ resourceType: 'Patient', birthDate: '1971', gender: 'male', _gender: { id: 'g' } })
    expect(_birthDate.put(s, { _birthDate: { id: 'c' } })).toEqual({ resourceType: 'Patient', _birthDate: { id: 'c' }, gender: 'male', _gender: { id: 'g' } })
  })

  test('behavior: hidden keys are restored from the source; the unchanged view returns the source', () => {
    const _pick = pipe(id<Patient>(), pick(['gender', 'name']))
    fc.assert(
      fc.property(patients, fc.constantFrom<Patient['gender']>('male', 'female', 'other'), (s, gender) => {
        expect(_pick.put(s, _pick.get(s))).toBe(s)
        expect(_pick.put(s, structuredClone(_pick.get(s)))).toBe(s)
        const out = _pick.put(s, { ..._pick.get(s), gender })
        for (const k of Object.keys(s)) if (!['gender', '_gender', 'name', '_name'].includes(k)) expect((out as never)[k]).toBe((s as never)[k])
      }),
      { numRuns: 200 },
    )
  })

  test('behavior: undefined passes through; create adds the template', () => {
    const _family = pipe(id<Patient>(), prop('name'), at(0), pick(['family'], { create: { use: 'official' } }))
    expect(_family.get(deepFreeze({ resourceType: 'Patient' }))).toBeUndefined()
    expect(_family.put(deepFreeze({ resourceType: 'Patient' }), { family: 'Lee' })).toEqual({
      resourceType: 'Patient',
      name: [{ use: 'official', family: 'Lee' }],
    })
    const s = deepFreeze<Patient>({ resourceType: 'Patient' })
    expect(_family.put(s, undefined)).toBe(s)
  })

  test('error: ViewOutOfRange for a view key outside the picked set', () => {
    const _pick = pipe(id<Patient>(), pick(['gender']))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', gender: 'male' })
    const error = expectLensyncError(() => _pick.put(s, { gender: 'female', birthDate: '1970' } as never), LensError)
    expect(error).toMatchObject({ code: 'ViewOutOfRange', pointer: '/birthDate', step: 'pick(["gender"])' })
    expect(error.shortMessage).toMatch(/"birthDate" is not one of the picked keys \(gender\)/)
    expectLensyncError(() => _pick.create({ id: 'x' } as never), LensError, { code: 'ViewOutOfRange', pointer: '/id' })
  })

  test('error: ViewOutOfRange for an undefined view over an existing source', () => {
    const _pick = pipe(id<HumanName | undefined>(), pick(['family']))
    expectLensyncError(() => _pick.put(deepFreeze({ family: 'a', given: ['b'] }), undefined), LensError, { code: 'ViewOutOfRange', pointer: '' })
  })

  test('error: ViewOutOfRange / PathNotFound for a view or source that is not an object', () => {
    const _pick = pipe(id<Patient>(), pick(['gender']))
    expectLensyncError(() => _pick.put(deepFreeze({ resourceType: 'Patient' }), ['male'] as never), LensError, { code: 'ViewOutOfRange', pointer: '' })
    expectLensyncError(() => _pick.get('Patient' as never), LensError, { code: 'PathNotFound', pointer: '' })
  })

  test('error: InvalidLens for bad keys or a template with a picked key', () => {
    expectLensyncError(() => pick([]), LensError, { code: 'InvalidLens' })
    expectLensyncError(() => pick(['a', 'a']), LensError, { code: 'InvalidLens', pointer: '/a' })
    expectLensyncError(() => pick([1] as unknown as string[]), LensError, { code: 'InvalidLens' })
    const error = expectLensyncError(() => pick(['gender'], { create: { _gender: { id: 'x' } } }), LensError)
    expect(error).toMatchObject({ code: 'InvalidLens', pointer: '/_gender' })
    expect(error.shortMessage).toMatch(/pick: options.create key "_gender" is picked/)
  })

  test('types: the view is the picked keys and their siblings', () => {
    expectTypeOf(pipe(id<Patient>(), pick(['gender', 'birthDate']))).toEqualTypeOf<
      Lens<Patient, Pick<Patient, 'gender' | '_gender' | 'birthDate' | '_birthDate'>>
    >()
    const _name = pipe(id<Patient>(), prop('name'), at(0), pick(['family']))
    expectTypeOf(_name).toEqualTypeOf<Lens<Patient, { family?: string; _family?: Element } | undefined>>()
    // @ts-expect-error a key the source type does not have
    pipe(id<Patient>(), pick(['gender', 'gendre']))
  })
})
