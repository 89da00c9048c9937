import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, id, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patients = arbitraries.patient().map(deepFreeze)

describe('prop', () => {
  test('default: a Path node with one key', () => {
    expect(pipe(id<Patient>(), prop('gender'))).toMatchObject({ _tag: 'Path', keys: ['gender'], step: 'prop("gender")' })
  })

  test('default: laws on generated patients (gender, birthDate, name, _birthDate)', () => {
    for (const lens of [
      pipe(id<Patient>(), prop('gender')),
      pipe(id<Patient>(), prop('birthDate')),
      pipe(id<Patient>(), prop('name')),
      pipe(id<Patient>(), prop('_birthDate')),
    ] as Lens<Patient, unknown>[]) {
      const result = checkLaws(lens, { source: patients, runs: lawRuns() })
      expect(result.ok ? result : result.message).toMatchObject({ ok: true })
    }
  })

  test('default: laws with a create template', () => {
    const _gender = pipe(id<Patient>(), prop('gender', { create: { resourceType: 'Patient' } }))
    const result = checkLaws(_gender, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: put of the unchanged view returns the very same source', () => {
    const _name = pipe(id<Patient>(), prop('name'))
    fc.assert(
      fc.property(patients, (s) => {
        expect(_name.put(s, _name.get(s))).toBe(s)
        expect(_name.put(s, structuredClone(_name.get(s)))).toBe(s)
      }),
      { numRuns: 200 },
    )
  })

  test('behavior: put sets the key in a shallow copy; undefined removes it', () => {
    const _birthDate = pipe(id<Patient>(), prop('birthDate'))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' }, name: [{ family: 'Lee' }] })
    const out = _birthDate.put(s, '1971')
    expect(out).toEqual({ ...s, birthDate: '1971' })
    expect(out.name).toBe(s.name)
    const removed = _birthDate.put(s, undefined)
    expect(removed).toEqual({ resourceType: 'Patient', _birthDate: { id: 'b' }, name: [{ family: 'Lee' }] })
    expect(Object.keys(removed)).not.toContain('birthDate')
  })

  test('behavior: create with and without a template', () => {
    expect(pipe(id<Patient>(), prop('gender')).create('male')).toEqual({ gender: 'male' })
    const _gender = pipe(id<Patient>(), prop('gender', { create: { resourceType: 'Patient' } }))
    expect(_gender.create('male')).toEqual({ resourceType: 'Patient', gender: 'male' })
    expect(_gender.create(undefined)).toEqual({ resourceType: 'Patient' })
    expect(_gender.put(undefined as unknown as Patient, 'other')).toEqual({ resourceType: 'Patient', gender: 'other' })
  })

  test('error: PathNotFound for a source that is not an object', () => {
    const _family = pipe(id<HumanName[]>(), prop('length' as never)) as unknown as Lens<unknown, unknown>
    expectLensyncError(() => _family.put(deepFreeze(['a']), 1), LensError, { code: 'PathNotFound', pointer: '', step: 'prop("length")' })
  })

  test('error: InvalidLens for a non-string key or a template holding the key', () => {
    expectLensyncError(() => prop(0 as unknown as string), LensError, { code: 'InvalidLens', pointer: '' })
    const error = expectLensyncError(() => prop('gender', { create: { gender: 'male' } }), LensError)
    expect(error).toMatchObject({ code: 'InvalidLens', pointer: '/gender', step: 'prop("gender")' })
    expect(error.shortMessage).toMatch(/prop: options.create must not contain/)
    expectLensyncError(() => prop('gender', { create: [] as unknown as Record<string, unknown> }), LensError, { code: 'InvalidLens' })
  })

  test('types: infers source and view through pipe', () => {
    expectTypeOf(pipe(id<Patient>(), prop('gender'))).toEqualTypeOf<Lens<Patient, Patient['gender']>>()
    expectTypeOf(pipe(id<Patient>(), prop('name'), prop('length'))).toEqualTypeOf<Lens<Patient, undefined>>()
    expectTypeOf(pipe(id<HumanName | undefined>(), prop('family'))).toEqualTypeOf<Lens<HumanName | undefined, string | undefined>>()
    // @ts-expect-error misspelt key
    pipe(id<Patient>(), prop('gendre'))
  })
})
