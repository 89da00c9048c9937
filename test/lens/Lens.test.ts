import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { id, makeLens } from 'lensync/lens'
import { checkLaws } from 'lensync/testing'
import { lawRuns } from '../_helpers/lawRuns.js'

const record = fc.record({ a: fc.integer(), b: fc.string() })

describe('id', () => {
  test('default: satisfies all four laws', () => {
    expect(checkLaws(id<{ a: number; b: string }>(), { source: record, runs: lawRuns() })).toMatchObject({ ok: true, runs: lawRuns() })
  })
})

describe('makeLens', () => {
  test('behavior: a lawful custom lens passes', () => {
    const _a = makeLens<{ a: number; b: string }, number>({
      get: (s) => s.a,
      put: (s, a) => (s.a === a ? s : { ...s, a }),
      create: (a) => ({ a, b: '' }),
    })
    expect(checkLaws(_a, { source: record, runs: lawRuns() }).ok).toBe(true)
  })
})
