import fc from 'fast-check'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { type Lens, LensError, filter, id, keyed, map, omit, pipe, under } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Bundle, BundleEntry, HumanName, Identifier, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const patients = arbitraries.patient().map(deepFreeze)
const bundles = arbitraries.bundle({ maxEntries: 6 }).map(deepFreeze)

const isObservation = (e: BundleEntry) => e.resource?.resourceType === 'Observation'

describe('under', () => {
  test('default: an Under node that exposes key and lens', () => {
    const inner = pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), omit(['_given']))))
    expect(pipe(id<Patient>(), under('name', inner))).toMatchObject({ _tag: 'Under', key: 'name', lens: inner })
  })

  test('default: laws with a hiding inner lens (PutPut left out: map is positional)', () => {
    const _names = pipe(id<Patient>(), under('name', pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), omit(['_given', 'period']))))))
    const result = checkLaws(_names, { source: patients, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws with a keyed inner lens (PutPut left out: a deleted item loses its hidden period)', () => {
    const byKey = (i: Identifier) => `${i.system ?? ''}|${i.value ?? ''}`
    const _official = pipe(id<Patient>(), under('identifier', pipe(id<Identifier[]>(), keyed(byKey, pipe(id<Identifier>(), omit(['period']))))))
    const result = checkLaws(_official, { source: patients, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: laws on bundles with filtered entries (PutPut left out: filter is positional)', () => {
    const _observations = pipe(id<Bundle>(), under('entry', pipe(id<BundleEntry[]>(), filter(isObservation))))
    const result = checkLaws(_observations, { source: bundles, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('default: all four laws when the inner lens hides nothing', () => {
    const _names = pipe(id<Patient>(), under('name', pipe(id<HumanName[]>(), map(id<HumanName>()))))
    const result = checkLaws(_names, { source: patients, runs: lawRuns() })
    expect(result.ok ? result : result.message).toMatchObject({ ok: true })
  })

  test('behavior: the rest of the object is kept by reference; a no-op put returns the source', () => {
    const _observations = pipe(id<Bundle>(), under('entry', pipe(id<BundleEntry[]>(), filter(isObservation))))
    fc.assert(
      fc.property(bundles, (s) => {
        const v = _observations.get(s)
        expect(_observations.put(s, v)).toBe(s)
        expect(_observations.put(s, structuredClone(v))).toEqual(s)
        const out = _observations.put(s, { ...v, type: 'collection' })
        expect(out.type).toBe('collection')
        if (s.entry) expect(out.entry).toBe(s.entry)
      }),
      { numRuns: 200 },
    )
  })

  test('behavior: a view without the property removes it', () => {
    const _names = pipe(id<Patient>(), under('name', pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), omit(['_given']))))))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', name: [{ family: 'Doe', given: ['J'], _given: [{ id: 'x' }] }] })
    expect(_names.get(s)).toEqual({ resourceType: 'Patient', name: [{ family: 'Doe', given: ['J'] }] })
    expect(_names.put(s, { resourceType: 'Patient' })).toEqual({ resourceType: 'Patient' })
  })

  test('types: the view replaces the property type', () => {
    const _names = pipe(id<Patient>(), under('name', pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), omit(['_given']))))))
    expectTypeOf(_names).toEqualTypeOf<Lens<Patient, Omit<Patient, 'name'> & { name?: Omit<HumanName, '_given'>[] }>>()
  })

  test('error: inner errors are prefixed with the key', () => {
    const _observations = pipe(id<Bundle>(), under('entry', pipe(id<BundleEntry[]>(), filter(isObservation))))
    const s = deepFreeze<Bundle>({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' } } }] })
    const error = expectLensyncError(() => _observations.put(s, { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }] }), LensError)
    expect(error.code).toBe('ViewOutOfRange')
    expect(error.pointer.startsWith('/entry/0')).toBe(true)
  })

  test('error: a non-object view is ViewOutOfRange; a bad key is InvalidLens', () => {
    const _names = pipe(id<Patient>(), under('name', id<HumanName[] | undefined>()))
    expect(expectLensyncError(() => _names.put({ resourceType: 'Patient' }, 3 as never), LensError).code).toBe('ViewOutOfRange')
    expect(expectLensyncError(() => under(1 as never, id()), LensError).code).toBe('InvalidLens')
  })
})
