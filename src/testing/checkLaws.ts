/**
 * Property-based law checking for lenses, built on fast-check.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Lens } from '../lens/Lens.js'
import { LensError } from '../lens/errors.js'
import { deepEqual } from '../json/equal.js'
import { checkSeed } from './_internal/seed.js'
import { type Law, type LawCounterexample, LawViolationError } from './errors.js'

/** Every law, in the order they are checked. @category models @since 0.1.0 */
export const allLaws: readonly Law[] = ['GetPut', 'PutGet', 'PutPut', 'CreateGet']

/**
 * Options of {@link checkLaws}.
 *
 * @category models
 * @since 0.1.0
 */
export interface CheckLawsOptions<S, V> {
  /** Generates sources. */
  readonly source: fc.Arbitrary<S>
  /**
   * Generates views. @defaultValue the views of other generated sources (`get(s2)`, computed inside
   * the property, so a throwing `get` is reported as a law failure), which are always in the lens's
   * range
   */
  readonly view?: fc.Arbitrary<V> | undefined
  /**
   * Generates views in the range of one source — for lenses whose valid views depend on the source
   * (a masked field must keep its mask, a keyed item its hidden parts). PutGet and PutPut put views
   * of `viewOf(s)` into `s`; CreateGet creates from them. Exclusive with `view`.
   * @defaultValue none (see `view`)
   */
  readonly viewOf?: ((source: S) => fc.Arbitrary<V>) | undefined
  /** Equality of sources and of views. @defaultValue structural JSON equality (key order ignored) */
  readonly equals?: ((a: unknown, b: unknown) => boolean) | undefined
  /** Runs per law (a positive integer). @defaultValue 1000 */
  readonly runs?: number | undefined
  /** Laws to check, in this order; leave one out only where the lens's doc says it does not hold. @defaultValue all four */
  readonly laws?: readonly Law[] | undefined
  /** Also require `put(s, get(s))` to return `s` itself. @defaultValue true */
  readonly sameReference?: boolean | undefined
  /**
   * Seed of the whole check (every law runs with it). Pass the `seed` of a failed result to replay
   * the failure. @defaultValue random
   */
  readonly seed?: number | undefined
}

/**
 * A failed {@link checkLaws}.
 *
 * @category models
 * @since 0.1.0
 */
export interface LawFailure<S, V> {
  readonly ok: false
  /** The first law that failed. */
  readonly law: Law
  /** The shrunk counterexample. */
  readonly counterexample: LawCounterexample<S, V>
  /** Seed of the check: `checkLaws(lens, { ...options, seed })` fails the same way. */
  readonly seed: number
  /** fast-check's replay path of the failing run (with `seed`, `fc.check(…, { seed, path })`). */
  readonly path: string | undefined
  /** Runs of the failing law up to the failure. */
  readonly runs: number
  /** A readable account of the failure. */
  readonly message: string
}

/**
 * Result of {@link checkLaws}.
 *
 * @category models
 * @since 0.1.0
 */
export type LawCheckResult<S, V> =
  | { readonly ok: true; readonly laws: readonly Law[]; readonly runs: number; readonly seed: number }
  | LawFailure<S, V>

type Outcome = { readonly holds: boolean; readonly expected: unknown; readonly actual: unknown; readonly reason?: string }

function attempt(run: () => Outcome): Outcome {
  try {
    return run()
  } catch (error) {
    return { holds: false, expected: 'no error', actual: error, reason: `threw ${show(error)}` }
  }
}

/**
 * Checks the lens laws on generated data and reports the first law that fails, with its shrunk
 * counterexample.
 *
 * **When to use** — in the tests of every lens you build, with arbitraries that cover your data
 * (lensync ships FHIR arbitraries: `arbitraries.patient()`, `arbitraries.bundle()`, …).
 *
 * **Details**
 * - Each law is its own fast-check property with `runs` runs; a failure is shrunk before it is
 *   reported as `{ ok: false, law, counterexample: { source, view, expected, actual }, seed }`.
 * - GetPut checks equality and, unless `sameReference: false`, that the very same object comes back.
 * - An exception thrown by `get`, `put`, `create` or `equals` is a failure of the law being checked
 *   (`actual` is the error).
 * - One seed drives the whole check: re-running with the reported `seed` replays the failure.
 * - Bad options throw a {@link LensError} with code `InvalidLens`.
 *
 * **Example** (checking a lens)
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import { checkLaws, arbitraries } from 'lensync/testing'
 * import type { Patient } from 'lensync'
 * const result = checkLaws(pipe(id<Patient>(), prop('gender')), { source: arbitraries.patient() })
 * console.log(result.ok)
 * // Output: true
 * ```
 *
 * @see {@link assertLaws} to throw instead of returning a result.
 * @category law checking
 * @since 0.1.0
 */
export function checkLaws<S, V>(lens: Lens<S, V>, options: CheckLawsOptions<S, V>): LawCheckResult<S, V> {
  validate(lens, options)
  const equals = options.equals ?? deepEqual
  const runs = options.runs ?? 1000
  const laws = options.laws ?? allLaws
  const sameReference = options.sameReference ?? true
  const seed = checkSeed(options.seed)
  // Views are either generated directly, or taken from a second generated source inside the
  // property (so that a throwing `get` is a law failure, not a generator crash).
  const viewOf = options.viewOf
  const fromSource = options.view === undefined && viewOf === undefined
  const views: fc.Arbitrary<unknown> = options.view ?? options.source
  const toView = (x: unknown): V => (fromSource ? lens.get(x as S) : (x as V))
  const params = { numRuns: runs, seed }

  for (const law of laws) {
    let evaluate: (args: readonly unknown[]) => Outcome
    let arbitrary: fc.Arbitrary<readonly unknown[]>
    switch (law) {
      case 'GetPut':
        arbitrary = fc.tuple(options.source)
        evaluate = ([s]) =>
          attempt(() => {
            const out = lens.put(s as S, lens.get(s as S))
            if (out === s) return { holds: true, expected: s, actual: out }
            const equal = equals(out, s)
            return equal && sameReference
              ? { holds: false, expected: s, actual: out, reason: 'put(s, get(s)) returned an equal copy, not s itself (pass sameReference: false to require equality only)' }
              : { holds: equal, expected: s, actual: out }
          })
        break
      case 'PutGet':
        arbitrary = viewOf ? options.source.chain((s) => fc.tuple(fc.constant(s), viewOf(s))) : fc.tuple(options.source, views)
        evaluate = ([s, x]) =>
          attempt(() => {
            const v = toView(x)
            const actual = lens.get(lens.put(s as S, v))
            return { holds: equals(actual, v), expected: v, actual }
          })
        break
      case 'PutPut':
        arbitrary = viewOf
          ? options.source.chain((s) => fc.tuple(fc.constant(s), viewOf(s), viewOf(s)))
          : fc.tuple(options.source, views, views)
        evaluate = ([s, x1, x2]) =>
          attempt(() => {
            const v1 = toView(x1)
            const v2 = toView(x2)
            const expected = lens.put(s as S, v2)
            const actual = lens.put(lens.put(s as S, v1), v2)
            return { holds: equals(actual, expected), expected, actual }
          })
        break
      case 'CreateGet':
        arbitrary = viewOf ? options.source.chain((s) => fc.tuple(viewOf(s))) : fc.tuple(views)
        evaluate = ([x]) =>
          attempt(() => {
            const v = toView(x)
            const actual = lens.get(lens.create(v))
            return { holds: equals(actual, v), expected: v, actual }
          })
        break
    }
    const details = fc.check(
      fc.property(arbitrary, (args) => evaluate(args).holds),
      params,
    )
    if (details.failed) {
      const args = details.counterexample?.[0] ?? []
      const outcome = evaluate(args)
      const view = (x: unknown): V | undefined => {
        try {
          return toView(x)
        } catch {
          return undefined
        }
      }
      const common = { expected: outcome.expected, actual: outcome.actual, ...(outcome.reason === undefined ? {} : { reason: outcome.reason }) }
      const counterexample: LawCounterexample<S, V> =
        law === 'GetPut'
          ? { source: args[0] as S, ...common }
          : law === 'PutGet'
            ? { source: args[0] as S, view: view(args[1]) as V, ...common }
            : law === 'PutPut'
              ? { source: args[0] as S, firstView: view(args[1]) as V, view: view(args[2]) as V, ...common }
              : { view: view(args[0]) as V, ...common }
      return {
        ok: false,
        law,
        counterexample,
        seed,
        path: details.counterexamplePath ?? undefined,
        runs: details.numRuns,
        message: describe(lens, law, counterexample, details.numRuns, seed),
      }
    }
  }
  return { ok: true, laws, runs, seed }
}

function validate<S, V>(lens: Lens<S, V>, options: CheckLawsOptions<S, V>): void {
  const fail = (message: string, value: unknown): never => {
    throw new LensError({ code: 'InvalidLens', pointer: '', step: lens?.step ?? 'checkLaws', message, metaMessages: [`Given: ${show(value)}`] })
  }
  if (typeof lens !== 'object' || lens === null || typeof lens.get !== 'function' || typeof lens.put !== 'function' || typeof lens.create !== 'function')
    fail('checkLaws: lens must have get, put and create functions.', lens)
  if (typeof options !== 'object' || options === null || !isArbitrary(options.source))
    fail('checkLaws: options.source must be a fast-check Arbitrary.', options?.source)
  if (options.view !== undefined && !isArbitrary(options.view)) fail('checkLaws: options.view must be a fast-check Arbitrary.', options.view)
  if (options.viewOf !== undefined && typeof options.viewOf !== 'function') fail('checkLaws: options.viewOf must be a function from a source to an Arbitrary.', options.viewOf)
  if (options.viewOf !== undefined && options.view !== undefined) fail('checkLaws: give either options.view or options.viewOf, not both.', options.view)
  if (options.runs !== undefined && (!Number.isInteger(options.runs) || options.runs < 1)) fail('checkLaws: runs must be a positive integer.', options.runs)
  if (options.seed !== undefined && !Number.isInteger(options.seed)) fail('checkLaws: seed must be an integer.', options.seed)
  if (options.equals !== undefined && typeof options.equals !== 'function') fail('checkLaws: equals must be a function.', options.equals)
  if (options.laws !== undefined) {
    if (!Array.isArray(options.laws) || options.laws.length === 0) fail('checkLaws: laws must be a non-empty array of law names.', options.laws)
    const unknown = options.laws.filter((l) => !allLaws.includes(l))
    if (unknown.length > 0) fail(`checkLaws: unknown law ${show(unknown[0])}; expected one of ${allLaws.join(', ')}.`, options.laws)
  }
}

// Duck-typed: an Arbitrary from another copy of fast-check (ESM vs CJS) is not an instance of ours.
function isArbitrary(value: unknown): boolean {
  const a = value as { generate?: unknown; shrink?: unknown; map?: unknown } | null | undefined
  return typeof a === 'object' && a !== null && typeof a.generate === 'function' && typeof a.shrink === 'function' && typeof a.map === 'function'
}

function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message.split('\n')[0]}`
  try {
    const json = JSON.stringify(value) ?? String(value)
    return json.length > 2000 ? `${json.slice(0, 2000)}… (${json.length} chars)` : json
  } catch {
    return String(value)
  }
}

function describe<S, V>(lens: Lens<S, V>, law: Law, c: LawCounterexample<S, V>, runs: number, seed: number): string {
  return [
    `${law} fails for ${lens.step} (after ${runs} runs, shrunk; seed ${seed}):`,
    ...(law === 'CreateGet' ? [] : [`  source:   ${show(c.source)}`]),
    ...(law === 'PutPut' ? [`  view 1:   ${show(c.firstView)}`] : []),
    ...(law === 'GetPut' ? [] : [`  view:     ${show(c.view)}`]),
    `  expected: ${show(c.expected)}`,
    `  actual:   ${show(c.actual)}`,
    ...(c.reason === undefined ? [] : [`  reason:   ${c.reason}`]),
  ].join('\n')
}

/**
 * Like {@link checkLaws}, but throws a {@link LawViolationError} naming the law, the shrunk
 * counterexample and the seed.
 *
 * **Example**
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import { assertLaws, arbitraries } from 'lensync/testing'
 * import type { Patient } from 'lensync'
 * assertLaws(pipe(id<Patient>(), prop('name')), { source: arbitraries.patient(), runs: 1000 })
 * ```
 *
 * @category law checking
 * @since 0.1.0
 */
export function assertLaws<S, V>(lens: Lens<S, V>, options: CheckLawsOptions<S, V>): void {
  const result = checkLaws(lens, options)
  if (!result.ok) throw new LawViolationError(result)
}
