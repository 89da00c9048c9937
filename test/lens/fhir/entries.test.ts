import { describe, expect, test } from 'vitest'
import { fhir, id, LensError, pipe, translate } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Bundle, BundleEntry } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

describe('fhir.entries', () => {
  test('default: all four laws on generated bundles', () => {
    const lens = pipe(id<Bundle>(), fhir.entries())
    expect(checkLaws(lens, { source: arbitraries.bundle(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: only observations, keyed by fullUrl or resourceType/id; other entries stay in place', () => {
    const lens = pipe(id<Bundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' }))
    expect(checkLaws(lens, { source: arbitraries.bundle(), runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
    const pat: BundleEntry = { fullUrl: 'urn:uuid:p', resource: { resourceType: 'Patient', id: '1' } }
    const o1: BundleEntry = { resource: { resourceType: 'Observation', id: '1', status: 'final' } }
    const o2: BundleEntry = { fullUrl: 'urn:uuid:o2', resource: { resourceType: 'Observation' } }
    const b: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [o1, pat, o2] }
    expect(fhir.entryKey(o1)).toBe('Observation/1')
    expect(fhir.entryKey(o2)).toBe('urn:uuid:o2')
    expect(fhir.entryKey(pat)).toBe('urn:uuid:p')
    expect(lens.put(b, [o2, o1]).entry).toEqual([o2, pat, o1])
    expect(lens.put(b, []).entry).toEqual([pat])
  })

  test('behavior: the same resource from two servers (two fullUrls) is two entries, each editable', () => {
    const lens = pipe(id<Bundle>(), fhir.entries())
    const a: BundleEntry = { fullUrl: 'https://ehr-a.example/fhir/Observation/14', resource: { resourceType: 'Observation', id: '14', status: 'final' } }
    const b: BundleEntry = { fullUrl: 'https://ehr-b.example/fhir/Observation/14', resource: { resourceType: 'Observation', id: '14', status: 'preliminary' } }
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [a, b] }
    const amended = { ...b, resource: { ...b.resource!, status: 'amended' } } as BundleEntry
    expect(lens.put(bundle, [a, amended]).entry).toEqual([a, amended])
    expect(lens.put(bundle, [b]).entry).toEqual([b])
    const patch = translate(lens, bundle, [{ op: 'replace', path: '/1/resource/status', value: 'amended' }])
    expect(patch).toEqual([{ op: 'replace', path: '/entry/1/resource/status', value: 'amended' }])
  })

  test('behavior: entries with neither fullUrl nor id are unkeyed: aligned by position, never duplicates', () => {
    const lens = pipe(id<Bundle>(), fhir.entries())
    const get = (url: string): BundleEntry => ({ request: { method: 'GET', url } })
    const keyedEntry: BundleEntry = { fullUrl: 'urn:uuid:p', resource: { resourceType: 'Patient', id: 'p' } }
    const bundle: Bundle = { resourceType: 'Bundle', type: 'batch' as never, entry: [get('Patient?name=a'), keyedEntry, get('Observation?code=b')] }
    expect(fhir.entryKey(get('x'))).toBeUndefined()
    expect(lens.put(bundle, lens.get(bundle))).toBe(bundle)
    // Two unkeyed view entries are not ambiguous.
    expect(lens.put({ resourceType: 'Bundle' }, [get('a'), get('b')]).entry).toEqual([get('a'), get('b')])
    // The second unkeyed entry is edited in place: it aligns with the second unkeyed source entry.
    const edited = [get('Patient?name=a'), keyedEntry, get('Observation?code=c')]
    expect(lens.put(bundle, edited).entry).toEqual(edited)
    expect(translate(lens, bundle, [{ op: 'replace', path: '/2/request/url', value: 'Observation?code=c' }])).toEqual([
      { op: 'replace', path: '/entry/2/request/url', value: 'Observation?code=c' },
    ])
    // Dropping the first unkeyed entry: the remaining unkeyed one takes its place among the unkeyed.
    expect(lens.put(bundle, [keyedEntry, get('Observation?code=b')]).entry).toEqual([keyedEntry, get('Observation?code=b')])
  })

  test('behavior: entryKey never throws, also on objects without a prototype', () => {
    const resource = Object.assign(Object.create(null) as Record<string, unknown>, { resourceType: 'Patient', id: Object.create(null) })
    expect(fhir.entryKey({ resource } as never)).toBe('Patient/{}')
    expect(fhir.entryKey(Object.assign(Object.create(null), { fullUrl: 'urn:uuid:1' }) as never)).toBe('urn:uuid:1')
    expect(fhir.entryKey(null as never)).toBeUndefined()
  })
})
