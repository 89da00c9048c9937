import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fhir, filter, id, LensError, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { ContactPoint, HumanName, Patient } from 'lensync/lens'
import { filterNode } from '../../src/lens/filter.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const isPhone = (t: ContactPoint) => t.system === 'phone'

describe('filter', () => {
  test('default: GetPut, PutGet and CreateGet on generated patients (phones only)', () => {
    const lens = pipe(id<Patient>(), prop('telecom'), filter(isPhone, { emptyAsAbsent: true }))
    expect(checkLaws(lens, { source: arbitraries.patient(), runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
  })

  test('behavior: PutPut holds when the first view is not shorter than the second', () => {
    const lens = filterNode(isPhone)
    const telecoms = fc.array(arbitraries.contactPoint(), { maxLength: 6 })
    fc.assert(
      fc.property(telecoms, telecoms, telecoms, (s, a, b) => {
        const v1 = lens.get(a)
        const v2 = lens.get(b)
        fc.pre(v1.length >= v2.length)
        expect(lens.put(lens.put(s, v1), v2)).toEqual(lens.put(s, v2))
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: PutPut fails when a shorter first view drops slots between hidden items', () => {
    const lens = filterNode(isPhone)
    const p1 = { system: 'phone' as const, value: '1' }
    const mail = { system: 'email' as const, value: 'm' }
    const p2 = { system: 'phone' as const, value: '2' }
    const s = [p1, mail, p2]
    expect(lens.put(lens.put(s, [p1]), [p1, p2])).toEqual([p1, p2, mail])
    expect(lens.put(s, [p1, p2])).toBe(s)
    expect(checkLaws(lens, { source: fc.array(arbitraries.contactPoint(), { maxLength: 6 }), runs: lawRuns(), laws: ['PutPut'] }).ok).toBe(false)
  })

  test('behavior: hidden items keep their relative positions; no-op put returns the same array', () => {
    const lens = filterNode(isPhone)
    const h1 = { system: 'email' as const, value: 'a' }
    const h2 = { system: 'sms' as const, value: 'b' }
    const p1 = { system: 'phone' as const, value: '1' }
    const p2 = { system: 'phone' as const, value: '2' }
    const s = [h1, p1, h2, p2]
    expect(lens.put(s, lens.get(s))).toBe(s)
    expect(lens.put(s, [p2, p1])).toEqual([h1, p2, h2, p1])
    const p3 = { system: 'phone' as const, value: '3' }
    expect(lens.put(s, [p1, p2, p3])).toEqual([h1, p1, h2, p2, p3])
    expect(lens.put(s, [p1])).toEqual([h1, p1, h2])
    expect(lens.put([h1, h2], [p3])).toEqual([h1, h2, p3])
    fc.assert(
      fc.property(fc.array(arbitraries.contactPoint(), { maxLength: 8 }), fc.array(arbitraries.contactPoint(), { maxLength: 8 }), (src, other) => {
        const out = lens.put(src, lens.get(other))!
        expect(out.filter((t) => !isPhone(t))).toEqual(src.filter((t) => !isPhone(t)))
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: arrays of 3+ objects (Cambria regression)', () => {
    const lens = filterNode(isPhone)
    const s = Array.from({ length: 9 }, (_, i) => ({ system: i % 3 === 0 ? ('email' as const) : ('phone' as const), value: String(i) }))
    const view = lens.get(s)
    expect(view).toHaveLength(6)
    const edited = [view[5]!, view[0]!, { ...view[1]!, use: 'work' as const }, view[2]!]
    const out = lens.put(s, edited)!
    expect(lens.get(out)).toEqual(edited)
    expect(out.filter((t) => !isPhone(t))).toEqual(s.filter((t) => !isPhone(t)))
  })

  test('behavior: fhir.primitives keeps _given aligned through filter', () => {
    const lens = pipe(id<HumanName>(), fhir.primitives('given', filter((e: fhir.PrimitiveEntry) => e.value.length > 3)))
    const name: HumanName = { family: 'Lee', given: ['Ann', 'Beatrix', 'Q', 'Cyrillus'], _given: [{ id: 'a' }, null, { id: 'q' }, { id: 'c' }] }
    const view = lens.get(name)
    expect(view).toEqual({ family: 'Lee', given: ['Beatrix', 'Cyrillus'], _given: [null, { id: 'c' }] })
    expect(lens.put(name, view)).toBe(name)
    expect(lens.put(name, { ...view, given: ['Cyrillus', 'Beatrix'], _given: [{ id: 'c' }, null] })).toEqual({
      family: 'Lee',
      given: ['Ann', 'Cyrillus', 'Q', 'Beatrix'],
      _given: [{ id: 'a' }, { id: 'c' }, { id: 'q' }, null],
    })
    expect(lens.put(name, { family: 'Lee' })).toEqual({ family: 'Lee', given: ['Ann', 'Q'], _given: [{ id: 'a' }, { id: 'q' }] })
    expect(lens.put({ family: 'Lee', given: ['Beatrix'] }, { family: 'Lee' })).toEqual({ family: 'Lee' })
    const names = arbitraries.humanName()
    expect(checkLaws(lens, { source: names, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
    fc.assert(
      fc.property(names, names, (n, other) => {
        const out = lens.put(n, { ...lens.get(n), given: lens.get(other).given, _given: lens.get(other)._given }) as HumanName
        if (out._given !== undefined) expect(out._given).toHaveLength(out.given!.length)
      }),
      { numRuns: lawRuns() },
    )
  })

  test('error: ViewOutOfRange for a view item that fails the predicate', () => {
    const lens = filterNode(isPhone)
    const e = expectLensyncError(() => lens.put([], [{ system: 'phone' }, { system: 'email', value: 'x' }]), LensError)
    expect([e.code, e.pointer]).toEqual(['ViewOutOfRange', '/1'])
    const p = pipe(id<HumanName>(), fhir.primitives('given', filter((x: fhir.PrimitiveEntry) => x.value !== '')))
    const m = expectLensyncError(() => p.put({ given: ['a'] }, { given: ['a'], _given: [null, null] }), LensError)
    expect([m.code, m.pointer]).toEqual(['ViewOutOfRange', '/_given'])
  })

  test('error: InvalidLens for a predicate that is not a function', () => {
    const e = expectLensyncError(() => filter(42 as never), LensError)
    expect([e.code, e.pointer]).toEqual(['InvalidLens', ''])
    expect(expectLensyncError(() => fhir.primitives('_given', filter((_: fhir.PrimitiveEntry) => true)), LensError).code).toBe('InvalidLens')
  })

  test('behavior: a same-length edit copies the array once and keeps hidden items in place', () => {
    const lens = filterNode(isPhone)
    const a = { system: 'phone', value: '1' } as const
    const hidden = { system: 'email', value: 'x' } as const
    const b = { system: 'phone', value: '2' } as const
    const src: ContactPoint[] = [a, hidden, b]
    const b2 = { system: 'phone', value: '3' } as const
    const out = lens.put(src, [a, b2])!
    expect(out).toEqual([a, hidden, b2])
    expect(out[0]).toBe(a)
    expect(out[1]).toBe(hidden)
    expect(src).toEqual([a, hidden, { system: 'phone', value: '2' }])
    expect(lens.put(src, [a, b])).toBe(src)
    const e = expectLensyncError(() => lens.put(src, [a, hidden as ContactPoint]), LensError)
    expect([e.code, e.pointer]).toEqual(['ViewOutOfRange', '/1'])
    // The fast path and the general merge agree on every same-length view.
    fc.assert(
      fc.property(fc.array(arbitraries.contactPoint(), { maxLength: 6 }), fc.array(arbitraries.contactPoint(), { maxLength: 6 }), (s, other) => {
        const view = lens.get(other).slice(0, lens.get(s).length)
        const shown = lens.get(s)
        const v = shown.map((x, j) => view[j] ?? x)
        const out = lens.put(s, v)!
        expect(lens.get(out)).toEqual(v)
        expect(out.filter((x) => !isPhone(x))).toEqual(s.filter((x) => !isPhone(x)))
        out.forEach((x, i) => {
          if (!isPhone(x)) expect(x).toBe(s[i])
        })
      }),
      { numRuns: lawRuns() },
    )
  })

  test('error: PathNotFound (not a TypeError) for a source that is not an array', () => {
    const lens = filterNode(isPhone)
    for (const bad of [42, 'phone', { system: 'phone' }, null, true]) {
      const g = expectLensyncError(() => lens.get(bad as never), LensError)
      expect([g.code, g.pointer]).toEqual(['PathNotFound', ''])
      const p = expectLensyncError(() => lens.put(bad as never, []), LensError)
      expect([p.code, p.pointer]).toEqual(['PathNotFound', ''])
    }
    expect(lens.get(undefined)).toEqual([])
    const nested = pipe(id<Patient>(), prop('telecom'), filter(isPhone))
    const n = expectLensyncError(() => nested.get({ resourceType: 'Patient', telecom: 'x' as never }), LensError)
    // Pointers are relative to the value the failing node was given (here the telecom value).
    expect([n.code, n.pointer]).toEqual(['PathNotFound', ''])
  })
})
