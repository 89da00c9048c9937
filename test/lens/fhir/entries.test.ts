import { describe, expect, test } from 'vitest'
import { fhir, id, LensError, pipe } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Bundle, BundleEntry } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

describe('fhir.entries', () => {
  test('default: all four laws on generated bundles', () => {
    const lens = pipe(id<Bundle>(), fhir.entries())
    expect(checkLaws(lens, { source: arbitraries.bundle(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: only observations, keyed by resourceType/id; other entries stay in place', () => {
    const lens = pipe(id<Bundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' }))
    expect(checkLaws(lens, { source: arbitraries.bundle(), runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
    const pat: BundleEntry = { fullUrl: 'urn:uuid:p', resource: { resourceType: 'Patient', id: '1' } }
    const o1: BundleEntry = { resource: { resourceType: 'Observation', id: '1', status: 'final' } }
    const o2: BundleEntry = { fullUrl: 'urn:uuid:o2', resource: { resourceType: 'Observation' } }
    const b: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [o1, pat, o2] }
    expect(fhir.entryKey(o1)).toBe('Observation/1')
    expect(fhir.entryKey(o2)).toBe('urn:uuid:o2')
    expect(fhir.entryKey(pat)).toBe('Patient/1')
    expect(lens.put(b, [o2, o1]).entry).toEqual([o2, pat, o1])
    expect(lens.put(b, []).entry).toEqual([pat])
  })

  test('error: AmbiguousKey for two entries without id or fullUrl', () => {
    const lens = pipe(id<Bundle>(), fhir.entries())
    const e = expectLensyncError(() => lens.put({ resourceType: 'Bundle' }, [{ request: { method: 'GET', url: 'a' } }, { request: { method: 'GET', url: 'b' } }]), LensError)
    expect([e.code, e.pointer]).toEqual(['AmbiguousKey', '/1'])
  })

  test('behavior: entryKey never throws, also on objects without a prototype', () => {
    const resource = Object.assign(Object.create(null) as Record<string, unknown>, { resourceType: 'Patient', id: Object.create(null) })
    expect(fhir.entryKey({ resource } as never)).toBe('Patient/{}')
    expect(fhir.entryKey(Object.assign(Object.create(null), { fullUrl: 'urn:uuid:1' }) as never)).toBe('urn:uuid:1')
    expect(fhir.entryKey(null as never)).toBe('')
  })
})
