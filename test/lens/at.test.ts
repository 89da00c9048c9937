import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, at, id, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const name = arbitraries.humanName()

describe('at', () => {
  test('default: a Path node with one index', () => {
    expect(pipe(id<HumanName[]>(), at(2))).toMatchObject({ _tag: 'Path', keys: [2], step: 'at(2)' })
  })

  test('default: at(0) satisfies the laws on arrays of any length and item views', () => {
    const _first = pipe(id<HumanName[]>(), at(0))
    const result = checkLaws(_first, {
      source: fc.array(name, { maxLength: 4 }).map(deepFreeze),
      view: name,
      runs: lawRuns(),
    })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: at(2) satisfies GetPut, PutGet, PutPut on arrays with at least 2 items', () => {
    const _third = pipe(id<HumanName[]>(), at(2))
    const result = checkLaws(_third, {
      source: fc.array(name, { minLength: 2, maxLength: 5 }).map(deepFreeze),
      view: name,
      laws: ['GetPut', 'PutGet', 'PutPut'],
      runs: lawRuns(),
    })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws through prop on generated patients (name/0)', () => {
    const _firstName = pipe(id<Patient>(), prop('name'), at(0))
    const result = checkLaws(_firstName, { source: arbitraries.patient().map(deepFreeze), view: name, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: CreateGet does not hold for i > 0 (create throws)', () => {
    const result = checkLaws(pipe(id<HumanName[]>(), at(1)), { source: fc.array(name, { minLength: 2 }), view: name, laws: ['CreateGet'], runs: 10 })
    expect(result).toMatchObject({ ok: false, law: 'CreateGet' })
  })

  test('behavior: get out of range yields undefined', () => {
    const _third = pipe(id<string[] | undefined>(), at(2))
    expect(_third.get(['a'])).toBeUndefined()
    expect(_third.get([])).toBeUndefined()
    expect(_third.get(undefined)).toBeUndefined()
    expect(_third.get(['a', 'b', 'c'])).toBe('c')
  })

  test('behavior: replace, append at length, remove the last, no-op', () => {
    const s = deepFreeze([{ family: 'a' }, { family: 'b' }])
    const _second = pipe(id<HumanName[]>(), at(1))
    const out = _second.put(s, { family: 'c' })
    expect(out).toEqual([{ family: 'a' }, { family: 'c' }])
    expect(out[0]).toBe(s[0])
    expect(_second.put(s, s[1])).toBe(s)
    expect(_second.put(s, { family: 'b' })).toBe(s)
    expect(_second.put(s, undefined)).toEqual([{ family: 'a' }])
    expect(pipe(id<HumanName[]>(), at(2)).put(s, { family: 'd' })).toEqual([...s, { family: 'd' }])
    expect(pipe(id<HumanName[]>(), at(5)).put(s, undefined)).toBe(s)
    expect(pipe(id<HumanName[]>(), at(0)).create({ family: 'x' })).toEqual([{ family: 'x' }])
  })

  test('error: ViewOutOfRange for a put past the end', () => {
    const s = deepFreeze([{ family: 'a' }])
    const error = expectLensyncError(() => pipe(id<HumanName[]>(), at(5)).put(s, { family: 'x' }), LensError)
    expect(error).toMatchObject({ code: 'ViewOutOfRange', pointer: '/5', step: 'at(5)' })
    expect(error.shortMessage).toMatch(/index 5 is past the end of the array at "" \(length 1\)/)
  })

  test('error: ViewOutOfRange for removing an item that is not the last', () => {
    const s = deepFreeze([{ family: 'a' }, { family: 'b' }])
    expectLensyncError(() => pipe(id<HumanName[]>(), at(0)).put(s, undefined), LensError, { code: 'ViewOutOfRange', pointer: '/0' })
  })

  test('error: ViewOutOfRange for create at i > 0', () => {
    expectLensyncError(() => pipe(id<HumanName[]>(), at(1)).create({ family: 'x' }), LensError, { code: 'ViewOutOfRange', pointer: '/1' })
  })

  test('error: PathNotFound for a source that is not an array', () => {
    const _first = pipe(id<unknown>(), at(0) as never) as Lens<unknown, unknown>
    expectLensyncError(() => _first.put(deepFreeze({ 0: 'a' }), 'b'), LensError, { code: 'PathNotFound', pointer: '' })
  })

  test('error: InvalidLens for a negative or fractional index', () => {
    for (const bad of [-1, 0.5, Number.POSITIVE_INFINITY, '0']) {
      const error = expectLensyncError(() => at(bad as number), LensError)
      expect(error).toMatchObject({ code: 'InvalidLens', pointer: '' })
      expect(error.shortMessage).toMatch(/at: index must be a non-negative integer/)
    }
  })

  test('types: infers the item type, or undefined', () => {
    expectTypeOf(pipe(id<Patient>(), prop('name'), at(0))).toEqualTypeOf<Lens<Patient, HumanName | undefined>>()
    expectTypeOf(pipe(id<readonly string[]>(), at(3))).toEqualTypeOf<Lens<readonly string[], string | undefined>>()
    // @ts-expect-error at on an object
    pipe(id<Patient>(), at(0))
  })
})
