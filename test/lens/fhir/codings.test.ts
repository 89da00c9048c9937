import { describe, expect, test } from 'vitest'
import { fhir, id, LensError, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { Observation } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

describe('fhir.codings', () => {
  test('default: all four laws on generated observations (code.coding)', () => {
    const lens = pipe(id<Observation>(), prop('code'), fhir.codings())
    expect(checkLaws(lens, { source: arbitraries.observation(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: keyed by system|code; a put leaving none removes coding', () => {
    const lens = pipe(id<Observation>(), prop('code'), fhir.codings())
    const o: Observation = { resourceType: 'Observation', code: { coding: [{ system: 'l', code: '1', display: 'A' }, { system: 'l', code: '2' }], text: 't' } }
    const v = lens.get(o)
    expect(lens.put(o, v)).toBe(o)
    expect(lens.put(o, [v[1]!, { ...v[0]!, display: 'B' }]).code!.coding).toEqual([{ system: 'l', code: '2' }, { system: 'l', code: '1', display: 'B' }])
    expect(lens.put(o, [])).toEqual({ resourceType: 'Observation', code: { text: 't' } })
    expect(fhir.codingKey({ code: 'x' })).toBe('|x')
  })

  test('error: AmbiguousKey for two codings with one system|code', () => {
    const lens = pipe(id<Observation>(), prop('code'), fhir.codings())
    const e = expectLensyncError(() => lens.put({ resourceType: 'Observation' }, [{ system: 'l', code: '1' }, { system: 'l', code: '1', display: 'x' }]), LensError)
    expect([e.code, e.pointer]).toEqual(['AmbiguousKey', '/1'])
  })

  test('behavior: codingKey never throws, also on objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { system: 's', code: 'c' })
    expect(fhir.codingKey(bare as never)).toBe('s|c')
    expect(fhir.codingKey({ system: Object.create(null), code: ['x'] } as never)).toBe('{}|["x"]')
    expect(fhir.codingKey(undefined as never)).toBe('|')
  })
})
