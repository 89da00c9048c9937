import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, id, iso, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'

const patients = arbitraries.patient().map(deepFreeze)

/** The parts of a FHIR `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
interface DateParts {
  readonly year: number
  readonly month?: number
  readonly day?: number
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

function toParts(date: string | undefined): DateParts | undefined {
  if (date === undefined) return undefined
  const [year, month, day] = date.split('-').map(Number)
  return { year: year!, ...(month === undefined ? {} : { month }), ...(day === undefined ? {} : { day }) }
}

function fromParts(parts: DateParts | undefined): string | undefined {
  if (parts === undefined) return undefined
  const { year, month, day } = parts
  return [pad(year, 4), ...(month === undefined ? [] : [pad(month, 2)]), ...(day === undefined ? [] : [pad(day, 2)])].join('-')
}

const dateParts = iso(toParts, fromParts)

describe('iso', () => {
  test('default: an Iso node that exposes to and from', () => {
    const lens = dateParts(id<string | undefined>())
    expect(lens).toMatchObject({ _tag: 'Iso', to: toParts, from: fromParts, step: 'iso(toParts, fromParts)' })
    expect(lens.get('1970-01-02')).toEqual({ year: 1970, month: 1, day: 2 })
    expect(lens.put('1970', { year: 1970, month: 3 })).toBe('1970-03')
  })

  test('default: laws of a real iso (FHIR date ↔ parts) on generated patients', () => {
    const _birthParts = pipe(id<Patient>(), prop('birthDate'), dateParts)
    const result = checkLaws(_birthParts, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws of a real iso on generated date parts as views', () => {
    const parts = fc
      .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }, { requiredKeys: ['year'] })
      .filter((p) => p.month !== undefined || p.day === undefined)
    const result = checkLaws(dateParts(id<string | undefined>()), {
      source: parts.map(fromParts),
      view: parts,
      runs: lawRuns(),
    })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: put returns the source itself when from(v) equals it', () => {
    const _birthParts = pipe(id<Patient>(), prop('birthDate'), dateParts)
    const s = deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970-05-17' })
    expect(_birthParts.put(s, { year: 1970, month: 5, day: 17 })).toBe(s)
    expect(_birthParts.put(s, { year: 1971, month: 5, day: 17 })).toEqual({ resourceType: 'Patient', birthDate: '1971-05-17' })
    expect(_birthParts.create({ year: 1980 })).toEqual({ birthDate: '1980' })
    const objects = iso(
      (s: { a: number }) => ({ b: s.a }),
      (v: { b: number }) => ({ a: v.b }),
    )(id<{ a: number }>())
    const source = deepFreeze({ a: 1 })
    expect(objects.put(source, { b: 1 })).toBe(source)
  })

  test('behavior: a lossy `to` breaks GetPut (the documented condition is real)', () => {
    const yearOnly = iso(
      (d: string | undefined) => d?.slice(0, 4),
      (y: string | undefined) => y,
    )
    const result = checkLaws(pipe(id<Patient>(), prop('birthDate'), yearOnly), {
      source: fc.constant(deepFreeze<Patient>({ resourceType: 'Patient', birthDate: '1970-05-17' })),
      laws: ['GetPut'],
      runs: 10,
    })
    expect(result).toMatchObject({ ok: false, law: 'GetPut' })
  })

  test('behavior: a normalising `from` breaks PutGet and CreateGet', () => {
    const trimmed = iso(
      (s: string) => s,
      (v: string) => v.trim(),
    )(id<string>())
    const result = checkLaws(trimmed, { source: fc.string(), view: fc.constant(' 1970'), laws: ['PutGet', 'CreateGet'], runs: 10 })
    expect(result).toMatchObject({ ok: false, law: 'PutGet' })
    expect(checkLaws(trimmed, { source: fc.string(), view: fc.constant(' x'), laws: ['CreateGet'], runs: 10 })).toMatchObject({ ok: false })
  })

  test('error: InvalidLens when to or from is not a function', () => {
    let error: unknown
    try {
      iso(toParts, 'fromParts' as unknown as typeof fromParts)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LensError)
    expect(error).toMatchObject({ code: 'InvalidLens', pointer: '' })
    expect((error as LensError).shortMessage).toMatch(/iso: to and from must be functions/)
  })

  test('types: the view is the result of to', () => {
    expectTypeOf(pipe(id<Patient>(), prop('birthDate'), dateParts)).toEqualTypeOf<Lens<Patient, DateParts | undefined>>()
    // @ts-expect-error the iso's source is not the view so far
    pipe(id<Patient>(), prop('gender'), dateParts)
  })
})
