import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { id, isLensError, makeLens, pipe, prop } from 'lensync/lens'
import { EditLawViolationError, arbitraries, assertEditLaws, checkEditLaws, patchFor } from 'lensync/testing'
import type { Lens, fhir } from 'lensync/lens'
import type { EditLaw } from 'lensync/testing'
import { lawRuns } from '../_helpers/lawRuns.js'

type Patient = fhir.Patient
const patients = arbitraries.patient() as fc.Arbitrary<Patient>

/** A node that claims to be `prop("birthDate")` (its `keys`) but reads `gender`: its parameters lie. */
function lyingPath(): Lens<Patient, unknown> {
  const gender = pipe(id<Patient>(), prop('gender')) as unknown as Lens<Patient, unknown>
  return { ...gender, keys: ['birthDate'], templates: undefined } as unknown as Lens<Patient, unknown>
}

describe('checkEditLaws', () => {
  test('default: a lawful lens passes all four laws, with few refusals', () => {
    const result = checkEditLaws(pipe(id<Patient>(), prop('name')), { source: patients, runs: lawRuns() })
    expect(result).toMatchObject({ ok: true, runs: lawRuns(), laws: ['Consistency', 'Identity', 'Composition', 'Propagation'] })
    if (result.ok) expect(result.refused.Consistency).toBeLessThan(lawRuns() / 2)
  })

  test('behavior: catches a translation that breaks Consistency (shrunk counterexample)', () => {
    const result = checkEditLaws(lyingPath(), {
      source: patients.filter((p) => p.gender !== undefined && p.birthDate !== undefined),
      viewPatch: (v) => patchFor(v, { root: true, ops: ['replace'], value: fc.constantFrom('female', 'other') }),
      laws: ['Consistency'],
      runs: 100,
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.law).toBe('Consistency')
      expect(result.counterexample.patch.length).toBeGreaterThan(0)
      expect(result.message).toContain('Consistency fails for prop("gender")')
    }
  })

  test('behavior: a failure reports its seed, and the seed replays the same counterexample', () => {
    const options = {
      source: patients.filter((p) => p.gender !== undefined && p.birthDate !== undefined),
      viewPatch: (v: unknown) => patchFor(v, { root: true, ops: ['replace'], value: fc.constantFrom('female', 'other') }),
      laws: ['Consistency'] as const,
      runs: 100,
    }
    const first = checkEditLaws(lyingPath(), options)
    if (first.ok) throw new Error('expected a failure')
    expect(first.message).toContain(`seed ${first.seed}`)
    expect(first.message).toContain(`(after ${first.runs} runs, shrunk; seed ${first.seed})`)
    const again = checkEditLaws(lyingPath(), { ...options, seed: first.seed })
    expect(again).toMatchObject({ ok: false, seed: first.seed, counterexample: first.counterexample })
  })

  test("behavior: the seed defaults to fast-check's global seed when one is configured", () => {
    const before = fc.readConfigureGlobal()
    fc.configureGlobal({ ...before, seed: 4242 })
    try {
      const result = checkEditLaws(pipe(id<Patient>(), prop('gender')), { source: patients, runs: 10 })
      expect(result).toMatchObject({ ok: true, seed: 4242 })
    } finally {
      fc.configureGlobal(before)
    }
  })

  test('behavior: catches a projection that breaks Propagation', () => {
    const result = checkEditLaws(lyingPath(), {
      source: patients.filter((p) => p.gender !== undefined),
      sourcePatch: () => fc.constant([{ op: 'replace', path: '/gender', value: 'other' }] as const),
      laws: ['Propagation'],
      runs: 100,
    })
    expect(result).toMatchObject({ ok: false, law: 'Propagation' })
  })

  test('behavior: catches an impure put through Composition', () => {
    let counter = 0
    const _stamped = makeLens<{ v?: string; n?: number }, string | undefined>({
      get: (s) => s.v,
      put: (s, v) => (v === s.v ? s : { v, n: counter++ }) as { v?: string; n?: number },
      create: (v) => ({ v }),
    })
    const result = checkEditLaws(_stamped, {
      source: fc.record({ v: fc.string() }),
      viewPatch: () => fc.constantFrom('a', 'b', 'c').map((value) => [{ op: 'replace', path: '', value }] as const),
      laws: ['Composition'],
      runs: 100,
    })
    expect(result).toMatchObject({ ok: false, law: 'Composition' })
  })

  test('error: assertEditLaws throws EditLawViolationError naming the law', () => {
    expect(() =>
      assertEditLaws(lyingPath(), {
        source: patients.filter((p) => p.gender !== undefined),
        sourcePatch: () => fc.constant([{ op: 'replace', path: '/gender', value: 'other' }] as const),
        laws: ['Propagation'],
        runs: 50,
      }),
    ).toThrow(EditLawViolationError)
    try {
      assertEditLaws(lyingPath(), {
        source: patients.filter((p) => p.gender !== undefined),
        sourcePatch: () => fc.constant([{ op: 'replace', path: '/gender', value: 'other' }] as const),
        laws: ['Propagation'],
        runs: 50,
      })
    } catch (e) {
      expect(e).toMatchObject({ name: 'EditLawViolationError', law: 'Propagation', seed: expect.any(Number) })
    }
  })

  test('behavior: long values in the message are cut at 2000 characters, with their length', () => {
    const long = 'x'.repeat(5000)
    const result = checkEditLaws(lyingPath(), {
      source: patients.filter((p) => p.gender !== undefined && p.birthDate !== undefined).map((p) => ({ ...p, text: { status: 'generated', div: long } }) as Patient),
      viewPatch: (v) => patchFor(v, { root: true, ops: ['replace'], value: fc.constantFrom('female', 'other') }),
      laws: ['Consistency'],
      runs: 50,
    })
    if (result.ok) throw new Error('expected a failure')
    const source = result.message.split('\n').find((line) => line.startsWith('  source:'))!
    expect(source).toMatch(/… \(\d+ chars\)$/)
    expect(source.length).toBeLessThan(2100)
  })

  test.each([
    [{ runs: 0 }, 'checkEditLaws: runs must be a positive integer.'],
    [{ seed: 0.5 }, 'checkEditLaws: seed must be an integer.'],
    [{ laws: [] as EditLaw[] }, 'checkEditLaws: laws must be a non-empty array of law names.'],
    [{ laws: ['Confluence' as EditLaw] }, 'checkEditLaws: unknown law "Confluence"; expected one of Consistency, Identity, Composition, Propagation.'],
    [{ source: 42 as unknown as fc.Arbitrary<Patient> }, 'checkEditLaws: options.source must be a fast-check Arbitrary.'],
    [{ equals: 'deep' as unknown as () => boolean }, 'checkEditLaws: equals must be a function.'],
  ])('error: invalid options %j', (override, message) => {
    try {
      checkEditLaws(pipe(id<Patient>(), prop('gender')), { source: patients, runs: 10, ...override })
      expect.unreachable()
    } catch (error) {
      expect(isLensError(error)).toBe(true)
      expect(error).toMatchObject({ code: 'InvalidLens', pointer: '', step: 'prop("gender")', shortMessage: expect.stringContaining(message) })
    }
  })
})
