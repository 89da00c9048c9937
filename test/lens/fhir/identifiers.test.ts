import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fhir, id, LensError, pipe } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Identifier, Patient } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

describe('fhir.identifiers', () => {
  test('default: all four laws on generated patients', () => {
    const lens = pipe(id<Patient>(), fhir.identifiers())
    expect(checkLaws(lens, { source: arbitraries.patient(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: keyed by system|value (missing system is ""), absent ↔ [], [] removes the property', () => {
    const lens = pipe(id<Patient>(), fhir.identifiers())
    const a: Identifier = { system: 's', value: '1', use: 'official' }
    const b: Identifier = { system: 's', value: '2' }
    const c: Identifier = { value: '1' }
    const p: Patient = { resourceType: 'Patient', identifier: [a, b, c] }
    expect(lens.put(p, lens.get(p))).toBe(p)
    const out = lens.put(p, [c, a, b])
    expect(out.identifier![0]).toBe(c)
    expect(lens.put(p, [])).toEqual({ resourceType: 'Patient' })
    expect(lens.get({ resourceType: 'Patient' })).toEqual([])
    expect(fhir.identifierKey(c)).toBe('|1')
  })

  test('behavior: where hides identifiers, which survive edits in place', () => {
    const lens = pipe(id<Patient>(), fhir.identifiers({ where: (i) => i.system !== 'secret' }))
    const secret = { system: 'secret', value: 'x' }
    const p: Patient = { resourceType: 'Patient', identifier: [{ value: '1' }, secret, { value: '2' }] }
    expect(lens.put(p, [])).toEqual({ resourceType: 'Patient', identifier: [secret] })
    const arb = arbitraries.patient()
    expect(checkLaws(lens, { source: arb, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
  })

  test('error: DuplicateKey and AmbiguousKey', () => {
    const lens = pipe(id<Patient>(), fhir.identifiers())
    const dup: Patient = { resourceType: 'Patient', identifier: [{ system: 's', value: '1' }, { system: 's', value: '1', use: 'old' }] }
    const d = expectLensyncError(() => lens.put(dup, []), LensError)
    expect([d.code, d.pointer, d.step]).toEqual(['DuplicateKey', '/1', 'fhir.identifiers()'])
    const a = expectLensyncError(() => lens.put({ resourceType: 'Patient' }, [{ value: '1' }, { value: '1' }]), LensError)
    expect([a.code, a.pointer]).toEqual(['AmbiguousKey', '/1'])
    fc.assert(fc.property(arbitraries.patient(), (p) => {
      expect(lens.put(p, lens.get(p))).toBe(p)
    }), { numRuns: 100 })
  })

  test('behavior: identifierKey never throws, also on objects without a prototype (fc.record makes them)', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { system: 's', value: '1' })
    expect(fhir.identifierKey(bare as Identifier)).toBe('s|1')
    const weird = { system: Object.create(null) as never, value: 2 as never }
    expect(fhir.identifierKey(weird)).toBe('{}|2')
    expect(fhir.identifierKey(null as never)).toBe('|')
    fc.assert(fc.property(fc.anything({ withNullPrototype: true }), fc.anything({ withNullPrototype: true }), (system, value) => {
      expect(typeof fhir.identifierKey({ system, value } as never)).toBe('string')
    }), { numRuns: lawRuns() })
    const lens = pipe(id<Patient>(), fhir.identifiers())
    const p = { resourceType: 'Patient', identifier: [weird, { system: Object.create(null), value: 2 }] } as never
    expect(expectLensyncError(() => lens.put(p, []), LensError).code).toBe('DuplicateKey')
  })
})
