import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { id, isLensError, makeLens } from 'lensync/lens'
import { arbitraries, assertLaws, checkLaws, LawViolationError } from 'lensync/testing'
import type { Lens, Patient } from 'lensync/lens'
import type { Law, LawCheckResult } from 'lensync/testing'
import { lawRuns } from '../_helpers/lawRuns.js'

type S = { readonly a: number; readonly n: number }
const sources: fc.Arbitrary<S> = fc.record({ a: fc.nat(), n: fc.nat() })

// A lawful lens onto `a`: the baseline every unlawful lens below differs from in one place.
const lawful = makeLens<S, number>({
  step: 'lawful',
  get: (s) => s.a,
  put: (s, a) => (s.a === a ? s : { ...s, a }),
  create: (a) => ({ a, n: 0 }),
})

// GetPut: a no-op put still marks the source (PutGet, PutPut and CreateGet hold).
const marksOnPut = makeLens<S, number>({
  step: 'marksOnPut',
  get: (s) => s.a,
  put: (s, a) => ({ ...s, a, n: s.n === 0 ? 1 : s.n }),
  create: (a) => ({ a, n: 1 }),
})
// GetPut (same reference only): put always returns a copy, equal to s on a no-op put.
const alwaysCopies = makeLens<S, number>({ step: 'alwaysCopies', get: (s) => s.a, put: (s, a) => ({ ...s, a }), create: (a) => ({ a, n: 0 }) })
// PutGet: negative views are stored as their absolute value (GetPut holds for natural sources).
const absolute = makeLens<S, number>({
  step: 'absolute',
  get: (s) => s.a,
  put: (s, a) => (s.a === a ? s : { ...s, a: Math.abs(a) }),
  create: (a) => ({ a: Math.abs(a), n: 0 }),
})
// PutPut: every effective put bumps a hidden counter (GetPut, PutGet and CreateGet hold).
const counts = makeLens<S, number>({
  step: 'counts',
  get: (s) => s.a,
  put: (s, a) => (s.a === a ? s : { a, n: s.n + 1 }),
  create: (a) => ({ a, n: 0 }),
})
// CreateGet: create ignores its view (GetPut, PutGet and PutPut hold).
const forgetsOnCreate = makeLens<S, number>({ step: 'forgetsOnCreate', get: (s) => s.a, put: lawful.put, create: () => ({ a: 0, n: 0 }) })

const failure = <A, B>(result: LawCheckResult<A, B>) => {
  if (result.ok) throw new Error('expected a law failure')
  return result
}

describe('checkLaws', () => {
  test('default: a lawful lens passes all four laws', () => {
    expect(checkLaws(lawful, { source: sources, runs: lawRuns() })).toMatchObject({ ok: true, laws: ['GetPut', 'PutGet', 'PutPut', 'CreateGet'], runs: lawRuns() })
  })

  test('default: id passes on generated Patients', () => {
    expect(checkLaws(id<Patient>(), { source: arbitraries.patient(), runs: lawRuns() }).ok).toBe(true)
  })

  describe('catches an unlawful lens for each law', () => {
    test('GetPut: put(s, get(s)) differs from s', () => {
      const result = failure(checkLaws(marksOnPut, { source: sources, runs: lawRuns() }))
      expect(result.law).toBe('GetPut')
      // shrunk to the smallest source: a = 0, n = 0
      expect(result.counterexample).toEqual({ source: { a: 0, n: 0 }, expected: { a: 0, n: 0 }, actual: { a: 0, n: 1 } })
      expect(result.message).toContain('GetPut fails for marksOnPut')
      // the other three laws really hold for it
      expect(checkLaws(marksOnPut, { source: sources, runs: lawRuns(), laws: ['PutGet', 'PutPut', 'CreateGet'] }).ok).toBe(true)
    })

    test('GetPut: an equal copy is not the same reference', () => {
      const result = failure(checkLaws(alwaysCopies, { source: sources, runs: lawRuns() }))
      expect(result.law).toBe('GetPut')
      const { source, actual, reason } = result.counterexample
      expect(actual).toEqual(source)
      expect(actual).not.toBe(source)
      expect(reason).toContain('equal copy, not s itself')
      expect(result.message).toContain('reason:   put(s, get(s)) returned an equal copy')
    })

    test('GetPut: sameReference: false accepts an equal copy', () => {
      expect(checkLaws(alwaysCopies, { source: sources, runs: lawRuns(), sameReference: false }).ok).toBe(true)
      // …but still requires equality (marksOnPut changes only sources whose counter is 0)
      const unmarked = fc.record({ a: fc.nat(), n: fc.constant(0) })
      expect(failure(checkLaws(marksOnPut, { source: unmarked, runs: lawRuns(), sameReference: false })).law).toBe('GetPut')
    })

    test('PutGet: get(put(s, v)) differs from v', () => {
      const result = failure(checkLaws(absolute, { source: sources, view: fc.integer(), runs: lawRuns() }))
      expect(result.law).toBe('PutGet')
      // shrunk: the smallest source and the negative view closest to 0
      expect(result.counterexample).toEqual({ source: { a: 0, n: 0 }, view: -1, expected: -1, actual: 1 })
      expect(result.message).toMatch(/PutGet fails for absolute[^\n]*\n {2}source: {3}\{"a":0,"n":0\}\n {2}view: {5}-1\n {2}expected: -1\n {2}actual: {3}1/)
    })

    test('PutPut: put(put(s, v1), v2) differs from put(s, v2)', () => {
      const result = failure(checkLaws(counts, { source: sources, runs: lawRuns() }))
      expect(result.law).toBe('PutPut')
      const { source, firstView, view, expected, actual } = result.counterexample
      expect(firstView).toBeTypeOf('number')
      expect(view).toBeTypeOf('number')
      expect(expected).toEqual(counts.put(source!, view!))
      expect(actual).toEqual(counts.put(counts.put(source!, firstView!), view!))
      expect(actual).not.toEqual(expected)
      // shrunk to one of the two smallest failing runs: (a 0, views 1 then 0) or (a 1, views 0 then 1)
      expect(source!.n).toBe(0)
      expect([0, 1]).toContain(source!.a)
      expect(firstView).toBe(1 - source!.a)
      expect(view).toBe(source!.a)
      expect(result.message).toContain(`view 1:   ${firstView}`)
    })

    test('CreateGet: get(create(v)) differs from v', () => {
      const result = failure(checkLaws(forgetsOnCreate, { source: sources, runs: lawRuns() }))
      expect(result.law).toBe('CreateGet')
      expect(result.counterexample).toEqual({ view: 1, expected: 1, actual: 0 })
      expect(result.counterexample.source).toBeUndefined()
      expect(result.message).not.toContain('source:')
    })
  })

  describe('replay', () => {
    test.each([
      ['GetPut', marksOnPut],
      ['PutGet', absolute],
      ['PutPut', counts],
      ['CreateGet', forgetsOnCreate],
    ] as const)('behavior: re-running with the reported seed fails %s the same way', (law, lens) => {
      const options = { source: sources, view: law === 'PutGet' ? fc.integer() : undefined, runs: lawRuns() }
      const first = failure(checkLaws(lens, options))
      expect(first.law).toBe(law)
      expect(first.seed).toBeTypeOf('number')
      const again = failure(checkLaws(lens, { ...options, seed: first.seed }))
      expect(again).toEqual(first)
    })

    test('behavior: the seed and path replay the failing run with fast-check directly', () => {
      // a lens that fails only on large sources, so the failing run is not the first one
      const failsOnLarge = makeLens<S, number>({ step: 'failsOnLarge', get: (s) => s.a, put: (s, a) => (s.a === a && s.a < 1000 ? s : { ...s, a }), create: lawful.create })
      const result = failure(checkLaws(failsOnLarge, { source: sources, runs: lawRuns(), laws: ['GetPut'] }))
      const replay = fc.check(
        fc.property(fc.tuple(sources), ([s]) => failsOnLarge.put(s, failsOnLarge.get(s)) === s),
        { seed: result.seed, path: result.path!, endOnFailure: true },
      )
      expect(replay.failed).toBe(true)
      expect(replay.counterexample?.[0]?.[0]).toEqual(result.counterexample.source)
    })

    test('behavior: without a seed option or a global seed, LENSYNC_SEED gives the seed', () => {
      const global = fc.readConfigureGlobal()
      const pinned = process.env.LENSYNC_SEED
      fc.configureGlobal({ ...global, seed: undefined })
      try {
        process.env.LENSYNC_SEED = '777'
        expect(checkLaws(lawful, { source: sources, runs: 10 })).toMatchObject({ ok: true, seed: 777 })
        process.env.LENSYNC_SEED = 'seven'
        expect(() => checkLaws(lawful, { source: sources, runs: 10 })).toThrow('checkLaws: the environment variable LENSYNC_SEED must be an integer.')
      } finally {
        fc.configureGlobal(global)
        if (pinned === undefined) delete process.env.LENSYNC_SEED
        else process.env.LENSYNC_SEED = pinned
      }
    })

    test('behavior: a lawful lens passes with any seed, and reports its seed', () => {
      const result = checkLaws(lawful, { source: sources, runs: lawRuns(), seed: 12345 })
      expect(result).toEqual({ ok: true, laws: ['GetPut', 'PutGet', 'PutPut', 'CreateGet'], runs: lawRuns(), seed: 12345 })
    })
  })

  describe('exceptions count as failures', () => {
    const boom = new Error('boom')
    test.each([
      ['get', 'GetPut', { get: () => { throw boom } }],
      ['put', 'GetPut', { put: () => { throw boom } }],
      ['create', 'CreateGet', { create: () => { throw boom } }],
    ] as const)('error: %s throws → %s fails with the error as actual', (_, law, override) => {
      const lens = makeLens<S, number>({ get: lawful.get, put: lawful.put, create: lawful.create, step: 'throws', ...override })
      const result = failure(checkLaws(lens, { source: sources, runs: lawRuns() }))
      expect(result.law).toBe(law)
      expect(result.counterexample.actual).toBe(boom)
      expect(result.counterexample.expected).toBe('no error')
      expect(result.counterexample.reason).toBe('threw Error: boom')
      expect(result.message).toContain('actual:   Error: boom')
    })

    test('error: put throwing only for some views fails PutGet, shrunk to the smallest such view', () => {
      const lens = makeLens<S, number>({ ...lawful, step: 'throwsAbove', put: (s, a) => { if (a > 100) throw boom; return lawful.put(s, a) } })
      const result = failure(checkLaws(lens, { source: sources, view: fc.nat(), runs: lawRuns(), laws: ['PutGet'] }))
      expect(result.counterexample).toMatchObject({ view: 101, actual: boom })
    })

    test('error: get throwing while deriving default views is a law failure, not a crash', () => {
      const lens = makeLens<S, number>({ ...lawful, step: 'getThrows', get: (s) => { if (s.a > 3) throw boom; return s.a } })
      const result = failure(checkLaws(lens, { source: sources, runs: lawRuns(), laws: ['CreateGet'] }))
      expect(result.law).toBe('CreateGet')
      expect(result.counterexample.actual).toBe(boom)
    })

    test('error: a throwing equals is a failure too', () => {
      const result = failure(checkLaws(lawful, { source: sources, runs: lawRuns(), laws: ['PutGet'], equals: () => { throw boom } }))
      expect(result.counterexample.actual).toBe(boom)
    })
  })

  describe('options', () => {
    test('laws: restricts which laws run', () => {
      expect(checkLaws(marksOnPut, { source: sources, runs: lawRuns(), laws: ['PutGet', 'PutPut', 'CreateGet'] })).toMatchObject({ ok: true, laws: ['PutGet', 'PutPut', 'CreateGet'] })
      expect(checkLaws(counts, { source: sources, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] }).ok).toBe(true)
      expect(failure(checkLaws(counts, { source: sources, runs: lawRuns(), laws: ['PutPut'] })).law).toBe('PutPut')
    })

    test('laws: run in the order given, and only those', () => {
      const calls: string[] = []
      const spy = makeLens<S, number>({
        get: (s) => (calls.push('get'), s.a),
        put: (s, a) => (calls.push('put'), lawful.put(s, a)),
        create: (a) => (calls.push('create'), lawful.create(a)),
      })
      expect(checkLaws(spy, { source: sources, view: fc.nat(), runs: 5, laws: ['CreateGet'] }).ok).toBe(true)
      expect(new Set(calls)).toEqual(new Set(['create', 'get']))
      // both fail; the one listed first is reported
      const both = makeLens<S, number>({ ...marksOnPut, create: () => ({ a: 0, n: 0 }) })
      expect(failure(checkLaws(both, { source: sources, runs: lawRuns(), laws: ['CreateGet', 'GetPut'] })).law).toBe('CreateGet')
      expect(failure(checkLaws(both, { source: sources, runs: lawRuns() })).law).toBe('GetPut')
    })

    test('runs: each law runs exactly `runs` times when it holds', () => {
      let creates = 0
      const lens = makeLens<S, number>({ ...lawful, create: (a) => (creates++, lawful.create(a)) })
      expect(checkLaws(lens, { source: sources, runs: 37, laws: ['CreateGet'] })).toMatchObject({ ok: true, runs: 37 })
      expect(creates).toBe(37)
    })

    test('equals: a custom equality decides the laws', () => {
      const ignoringN = (x: unknown, y: unknown) => (typeof x === 'object' && typeof y === 'object' ? (x as S).a === (y as S).a : x === y)
      expect(checkLaws(marksOnPut, { source: sources, runs: lawRuns(), sameReference: false, equals: ignoringN }).ok).toBe(true)
      expect(failure(checkLaws(lawful, { source: sources, runs: lawRuns(), laws: ['PutGet'], equals: () => false })).law).toBe('PutGet')
    })

    test.each([
      [{ runs: 0 }, 'checkLaws: runs must be a positive integer.'],
      [{ runs: 1.5 }, 'checkLaws: runs must be a positive integer.'],
      [{ laws: [] as Law[] }, 'checkLaws: laws must be a non-empty array of law names.'],
      [{ laws: ['GetSet' as Law] }, 'checkLaws: unknown law "GetSet"; expected one of GetPut, PutGet, PutPut, CreateGet.'],
      [{ seed: 0.5 }, 'checkLaws: seed must be an integer.'],
      [{ source: 42 as unknown as fc.Arbitrary<S> }, 'checkLaws: options.source must be a fast-check Arbitrary.'],
      [{ view: [1] as unknown as fc.Arbitrary<number> }, 'checkLaws: options.view must be a fast-check Arbitrary.'],
    ])('error: invalid options %j', (override, message) => {
      try {
        checkLaws(lawful, { source: sources, runs: lawRuns(), ...override })
        expect.unreachable()
      } catch (error) {
        expect(isLensError(error)).toBe(true)
        expect(error).toMatchObject({ code: 'InvalidLens', pointer: '', step: 'lawful', shortMessage: expect.stringContaining(message) })
      }
    })

    test('error: a lens without get/put/create is rejected', () => {
      expect(() => checkLaws({ _tag: 'X', step: 'x' } as unknown as Lens<S, number>, { source: sources })).toThrow('checkLaws: lens must have get, put and create functions.')
    })
  })
})

describe('assertLaws', () => {
  test('default: returns for a lawful lens', () => {
    expect(assertLaws(lawful, { source: sources, runs: lawRuns() })).toBeUndefined()
  })

  test.each([
    ['GetPut', marksOnPut, undefined],
    ['PutGet', absolute, fc.integer()],
    ['PutPut', counts, undefined],
    ['CreateGet', forgetsOnCreate, undefined],
  ] as const)('error: throws LawViolationError naming %s', (law, lens, view) => {
    let thrown: unknown
    try {
      assertLaws(lens, { source: sources, view, runs: lawRuns() })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(LawViolationError)
    const error = thrown as LawViolationError
    expect(error.name).toBe('LawViolationError')
    expect(error.law).toBe(law)
    expect(error.shortMessage).toBe(`The ${law} law does not hold.`)
    expect(error.message).toContain(`${law} fails for ${lens.step}`)
    expect(error.message).toContain(`Replay with { seed: ${error.seed} }.`)
    // the error carries the same counterexample checkLaws reports for that seed
    expect(failure(checkLaws(lens, { source: sources, view, runs: lawRuns(), seed: error.seed })).counterexample).toEqual(error.counterexample)
  })
})

describe('checkLaws (viewOf: views in the range of one source)', () => {
  type Masked = { readonly secret: number; readonly shown: number }
  // A lawful lens whose views depend on the source: the view must carry the source's secret parity.
  const _parity = makeLens<Masked, { parity: number; shown: number }>({
    get: (s) => ({ parity: s.secret % 2, shown: s.shown }),
    put: (s, v) => {
      if (v.parity !== s.secret % 2) throw new Error('parity is hidden and cannot change')
      return v.shown === s.shown ? s : { ...s, shown: v.shown }
    },
    create: (v) => ({ secret: v.parity, shown: v.shown }),
  })
  const sources = fc.record({ secret: fc.nat(), shown: fc.integer() })
  const viewOf = (s: Masked) => fc.integer().map((shown) => ({ parity: s.secret % 2, shown }))

  test('behavior: views drawn per source make a source-dependent lens pass', () => {
    expect(checkLaws(_parity, { source: sources, viewOf, runs: 300 })).toMatchObject({ ok: true })
  })

  test('behavior: the same lens fails with views of other sources (the option matters)', () => {
    expect(checkLaws(_parity, { source: sources, runs: 300, laws: ['PutGet'] })).toMatchObject({ ok: false, law: 'PutGet' })
  })

  test('behavior: an unlawful lens is still caught with viewOf', () => {
    const _broken = makeLens<Masked, { parity: number; shown: number }>({ ..._parity, put: (s) => s })
    expect(checkLaws(_broken, { source: sources, viewOf, runs: 300, laws: ['PutGet'] })).toMatchObject({ ok: false, law: 'PutGet' })
  })

  test('error: view and viewOf together are InvalidLens', () => {
    expect(() => checkLaws(_parity, { source: sources, viewOf, view: viewOf({ secret: 0, shown: 0 }) })).toThrow(/either options.view or options.viewOf/)
  })
})
