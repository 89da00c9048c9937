import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, id, pipe, rename } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Element, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patients = arbitraries.patient().map(deepFreeze)

describe('rename', () => {
  test('default: a Rename node that exposes from and to', () => {
    expect(pipe(id<Patient>(), rename('birthDate', 'dob'))).toMatchObject({ _tag: 'Rename', from: 'birthDate', to: 'dob', step: 'rename("birthDate", "dob")' })
  })

  test('default: laws on generated patients', () => {
    for (const lens of [
      pipe(id<Patient>(), rename('birthDate', 'dob')),
      pipe(id<Patient>(), rename('name', 'names')),
    ] as Lens<Patient, unknown>[]) {
      const result = checkLaws(lens, { source: patients, runs: lawRuns() })
      expect(result.ok ? result : result.message).toMatchObject({ ok: true })
    }
  })

  test('behavior: renames the _from sibling to _to and back', () => {
    const _dob = pipe(id<Patient>(), rename('birthDate', 'dob'))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' } })
    expect(_dob.get(s)).toEqual({ resourceType: 'Patient', dob: '1970', _dob: { id: 'b' } })
    expect(_dob.put(s, _dob.get(s))).toBe(s)
    expect(_dob.put(s, { resourceType: 'Patient', dob: '1971', _dob: { id: 'b' } })).toEqual({
      resourceType: 'Patient',
      birthDate: '1971',
      _birthDate: { id: 'b' },
    })
    expect(_dob.put(s, { resourceType: 'Patient' })).toEqual({ resourceType: 'Patient' })
    expect(_dob.create({ resourceType: 'Patient', _dob: { id: 'x' } })).toEqual({ resourceType: 'Patient', _birthDate: { id: 'x' } })
  })

  test('error: ViewOutOfRange for a view with both the old and the new name', () => {
    const _dob = pipe(id<Patient>(), rename('birthDate', 'dob'))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970' })
    const error = expectLensyncError(() => _dob.put(s, { resourceType: 'Patient', dob: '1971', birthDate: '1972' } as never), LensError)
    expect(error).toMatchObject({ code: 'ViewOutOfRange', pointer: '/birthDate', step: 'rename("birthDate", "dob")' })
    expect(error.shortMessage).toMatch(/both "birthDate" and "dob"/)
    const sibling = expectLensyncError(() => _dob.put(s, { resourceType: 'Patient', _birthDate: { id: 'x' } } as never), LensError)
    expect(sibling).toMatchObject({ code: 'ViewOutOfRange', pointer: '/_birthDate' })
    expect(sibling.shortMessage).toMatch(/use "_dob"/)
    expectLensyncError(() => _dob.create({ resourceType: 'Patient', birthDate: '1' } as never), LensError, { code: 'ViewOutOfRange' })
  })

  test('error: DuplicateKey for a source that already has the new name', () => {
    const _gender = rename('birthDate', 'dob')(id<Record<string, unknown>>())
    const error = expectLensyncError(() => _gender.get(deepFreeze({ birthDate: '1970', dob: '1971' })), LensError)
    expect(error).toMatchObject({ code: 'DuplicateKey', pointer: '/dob' })
    expectLensyncError(() => _gender.get(deepFreeze({ _dob: {} })), LensError, { code: 'DuplicateKey', pointer: '/_dob' })
  })

  test('error: ViewOutOfRange for an undefined view over an existing source', () => {
    const _dob = pipe(id<Patient | undefined>(), rename('birthDate', 'dob'))
    expectLensyncError(() => _dob.put(deepFreeze({ resourceType: 'Patient' }), undefined), LensError, { code: 'ViewOutOfRange', pointer: '' })
    expect(_dob.get(undefined)).toBeUndefined()
  })

  test('error: InvalidLens for clashing names', () => {
    for (const [from, to] of [
      ['a', 'a'],
      ['a', '_a'],
      ['_a', 'a'],
    ] as const) {
      const error = expectLensyncError(() => rename(from, to as string), LensError)
      expect(error).toMatchObject({ code: 'InvalidLens', pointer: '' })
      expect(error.shortMessage).toMatch(/rename: .* clash/)
    }
    expectLensyncError(() => rename(1 as unknown as string, 'a'), LensError, { code: 'InvalidLens' })
  })

  test('types: the view has the new names', () => {
    const _dob = pipe(id<Patient>(), rename('birthDate', 'dob'))
    expectTypeOf(_dob.get).returns.toHaveProperty('dob').toEqualTypeOf<string | undefined>()
    expectTypeOf(_dob.get).returns.toHaveProperty('_dob').toEqualTypeOf<Element | undefined>()
    expectTypeOf(_dob.get).returns.not.toHaveProperty('birthDate')
    // @ts-expect-error the new name is already a key
    pipe(id<Patient>(), rename('birthDate', 'gender'))
    // @ts-expect-error the old name is not a key
    pipe(id<Patient>(), rename('birthdate', 'dob'))
  })
})
