import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, id, omit, pipe } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patients = arbitraries.patient().map(deepFreeze)

describe('omit', () => {
  test('default: an Omit node that exposes its keys', () => {
    expect(pipe(id<Patient>(), omit(['birthDate']))).toMatchObject({ _tag: 'Omit', keys: ['birthDate'], template: undefined })
  })

  test('default: laws on generated patients', () => {
    const _public = pipe(id<Patient>(), omit(['id', 'meta', 'text', 'birthDate', 'identifier']))
    const result = checkLaws(_public, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws with a create template of omitted keys', () => {
    const _noId = pipe(id<Patient>(), omit(['id', 'meta'], { create: { id: 'pending' } }))
    const result = checkLaws(_noId, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
    expect(_noId.create({ resourceType: 'Patient' })).toEqual({ resourceType: 'Patient', id: 'pending' })
  })

  test('behavior: hides the _key siblings of omitted primitives and restores them', () => {
    const _noBirthDate = pipe(id<Patient>(), omit(['birthDate']))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' }, gender: 'male' })
    expect(_noBirthDate.get(s)).toEqual({ resourceType: 'Patient', gender: 'male' })
    expect(_noBirthDate.put(s, { resourceType: 'Patient', gender: 'other' })).toEqual({
      resourceType: 'Patient',
      gender: 'other',
      birthDate: '1970',
      _birthDate: { id: 'b' },
    })
    expect(_noBirthDate.put(s, { resourceType: 'Patient' })).toEqual({ resourceType: 'Patient', birthDate: '1970', _birthDate: { id: 'b' } })
  })

  test('behavior: the unchanged view returns the source; hidden values are shared', () => {
    const _noName = pipe(id<Patient>(), omit(['name', 'identifier']))
    fc.assert(
      fc.property(patients, (s) => {
        expect(_noName.put(s, _noName.get(s))).toBe(s)
        expect(_noName.put(s, structuredClone(_noName.get(s)))).toBe(s)
        const out = _noName.put(s, { ..._noName.get(s), active: !s.active })
        expect(out.name).toBe(s.name)
        expect(out.identifier).toBe(s.identifier)
      }),
      { numRuns: 200 },
    )
  })

  test('error: ViewOutOfRange for a view holding an omitted key or its sibling', () => {
    const _noBirthDate = pipe(id<Patient>(), omit(['birthDate']))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970' })
    const error = expectLensyncError(() => _noBirthDate.put(s, { resourceType: 'Patient', birthDate: '1971' } as never), LensError)
    expect(error).toMatchObject({ code: 'ViewOutOfRange', pointer: '/birthDate', step: 'omit(["birthDate"])' })
    expect(error.shortMessage).toMatch(/"birthDate" is omitted by this lens/)
    expectLensyncError(() => _noBirthDate.put(s, { resourceType: 'Patient', _birthDate: { id: 'x' } } as never), LensError, {
      code: 'ViewOutOfRange',
      pointer: '/_birthDate',
    })
    expectLensyncError(() => _noBirthDate.create({ resourceType: 'Patient', birthDate: '1' } as never), LensError, { code: 'ViewOutOfRange' })
  })

  test('error: ViewOutOfRange for an undefined view over an existing source', () => {
    const _omit = pipe(id<HumanName | undefined>(), omit(['family']))
    expectLensyncError(() => _omit.put(deepFreeze({ family: 'a' }), undefined), LensError, { code: 'ViewOutOfRange', pointer: '' })
    expect(_omit.put(undefined, undefined)).toBeUndefined()
  })

  test('error: InvalidLens for bad keys or a template key that is not omitted', () => {
    expectLensyncError(() => omit([]), LensError, { code: 'InvalidLens' })
    const error = expectLensyncError(() => omit(['id'], { create: { resourceType: 'Patient' } }), LensError)
    expect(error).toMatchObject({ code: 'InvalidLens', pointer: '/resourceType' })
    expect(error.shortMessage).toMatch(/omit: options.create key "resourceType" is not omitted/)
  })

  test('types: the view lacks the omitted keys and their siblings', () => {
    expectTypeOf(pipe(id<Patient>(), omit(['birthDate']))).toEqualTypeOf<Lens<Patient, Omit<Patient, 'birthDate' | '_birthDate'>>>()
    // @ts-expect-error a key the source type does not have
    pipe(id<Patient>(), omit(['birthdate']))
  })
})
