import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, id, iso, map, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patients = arbitraries.patient().map(deepFreeze)
const names = arbitraries.humanName().map(deepFreeze)
const _familyOf = pipe(id<HumanName>(), prop('family'))
const _families = pipe(id<Patient>(), prop('name'), map(_familyOf))

describe('map', () => {
  test('default: a Map node that exposes its item lens', () => {
    const lens = map(_familyOf)(id<HumanName[]>())
    expect(lens).toMatchObject({ _tag: 'Map', item: _familyOf, step: 'map(prop("family"))' })
  })

  test('default: GetPut, PutGet, CreateGet on generated patients', () => {
    const result = checkLaws(_families, { source: patients, laws: ['GetPut', 'PutGet', 'CreateGet'], runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: all four laws under positional stability (equal lengths)', () => {
    const lens = map(_familyOf)(id<HumanName[]>())
    const result = checkLaws(lens, {
      source: fc.array(names, { minLength: 3, maxLength: 3 }),
      view: fc.array(fc.option(fc.string(), { nil: undefined }), { minLength: 3, maxLength: 3 }),
      runs: lawRuns(),
    })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: all four laws on any lengths when the item lens hides nothing', () => {
    const wrap = iso(
      (s: string) => ({ text: s }),
      (w: { text: string }) => w.text,
    )
    const lens = map(wrap(id<string>()))(id<string[]>())
    const result = checkLaws(lens, { source: fc.array(fc.string(), { maxLength: 5 }).map(deepFreeze), runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: PutPut fails without positional stability (the documented condition is real)', () => {
    const lens = map(_familyOf)(id<HumanName[]>())
    const s = deepFreeze<HumanName[]>([{ family: 'Lee', given: ['Ana'] }])
    const result = checkLaws(lens, { source: fc.constant(s), view: fc.constantFrom<(string | undefined)[]>([], ['Kim']), laws: ['PutPut'], runs: 50 })
    expect(result).toMatchObject({ ok: false, law: 'PutPut' })
    // Dropping the item and bringing it back loses its hidden `given`.
    expect(lens.put(lens.put(s, []), ['Kim'])).toEqual([{ family: 'Kim' }])
    expect(lens.put(s, ['Kim'])).toEqual([{ family: 'Kim', given: ['Ana'] }])
  })

  test('behavior: zips by position, creates extra items, drops missing ones', () => {
    const lens = map(_familyOf)(id<HumanName[] | undefined>())
    const s = deepFreeze<HumanName[]>([{ family: 'a', given: ['x'] }, { family: 'b' }, { family: 'c' }])
    const changed = lens.put(s, ['a', 'B', 'c'])!
    expect(changed).toEqual([{ family: 'a', given: ['x'] }, { family: 'B' }, { family: 'c' }])
    expect(changed[0]).toBe(s[0])
    expect(changed[2]).toBe(s[2])
    const longer = lens.put(s, ['a', 'b', 'c', 'd'])!
    expect(longer).toEqual([...s, { family: 'd' }])
    expect(longer[1]).toBe(s[1])
    expect(lens.put(s, ['a'])).toEqual([{ family: 'a', given: ['x'] }])
    expect(lens.put(s, undefined)).toBeUndefined()
    expect(lens.put(undefined, ['z'])).toEqual([{ family: 'z' }])
    expect(lens.get(undefined)).toBeUndefined()
    expect(lens.create(['p', undefined])).toEqual([{ family: 'p' }, {}])
  })

  test('behavior: the unchanged view returns the very same array and source', () => {
    fc.assert(
      fc.property(patients, (s) => {
        expect(_families.put(s, _families.get(s))).toBe(s)
        expect(_families.put(s, _families.get(s)?.slice())).toBe(s)
      }),
      { numRuns: 200 },
    )
  })

  test('error: ViewOutOfRange for a view that is not an array', () => {
    const lens = map(_familyOf)(id<HumanName[]>())
    const error = expectLensyncError(() => lens.put(deepFreeze([{ family: 'a' }]), 'a' as never), LensError)
    expect(error).toMatchObject({ code: 'ViewOutOfRange', pointer: '', step: 'map(prop("family"))' })
    expectLensyncError(() => lens.create({} as never), LensError, { code: 'ViewOutOfRange' })
  })

  test('error: PathNotFound for a source that is not an array', () => {
    const lens = map(_familyOf)(id<HumanName[]>())
    expectLensyncError(() => lens.get({ family: 'a' } as never), LensError, { code: 'PathNotFound', pointer: '' })
    expectLensyncError(() => lens.put({ family: 'a' } as never, ['b']), LensError, { code: 'PathNotFound', pointer: '' })
  })

  test('error: InvalidLens for an item that is not a lens', () => {
    const error = expectLensyncError(() => map({ get: () => 1 } as never), LensError)
    expect(error).toMatchObject({ code: 'InvalidLens', pointer: '' })
    expect(error.shortMessage).toMatch(/map: item must be a lens/)
  })

  test('types: infers the item view', () => {
    expectTypeOf(_families).toEqualTypeOf<Lens<Patient, (string | undefined)[] | undefined>>()
    expectTypeOf(map(_familyOf)(id<HumanName[]>())).toEqualTypeOf<Lens<HumanName[], (string | undefined)[]>>()
    // @ts-expect-error the item lens does not fit the array items
    pipe(id<Patient>(), prop('telecom'), map(_familyOf))
  })
})
