/**
 * Property-based law checking for lenses, built on fast-check.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Lens } from '../lens/Lens.js'
import { deepEqual } from '../json/equal.js'
import { type Law, type LawCounterexample, LawViolationError } from './errors.js'
import { attempt, checkCommonOptions, failedLawResult, invalidOption, isArbitrary, type LawProperty, resolveSeed, runLaws, show } from './_internal/lawRunner.js'

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
   * the failure. @defaultValue fast-check's global seed if one is configured, else the integer in
   * the environment variable `LENSYNC_SEED`, else random
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
 * - Generated sources and views are deep-frozen before use: a lens that changes its input in place
 *   fails the law being checked (with the `TypeError` strict mode throws).
 * - An exception thrown by `get`, `put`, `create` or `equals` is a failure of the law being checked
 *   (`actual` is the error).
 * - One seed drives the whole check: re-running with the reported `seed` replays the failure
 *   (so does `LENSYNC_SEED=<seed>` in the environment, when no `seed` option is given).
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
  const seed = resolveSeed('checkLaws', lens, options.seed)
  // Views are either generated directly, or taken from a second generated source inside the
  // property (so that a throwing `get` is a law failure, not a generator crash).
  const viewOf = options.viewOf
  const fromSource = options.view === undefined && viewOf === undefined
  const views: fc.Arbitrary<unknown> = options.view ?? options.source
  const toView = (x: unknown): V => (fromSource ? lens.get(x as S) : (x as V))

  const property = (law: Law): LawProperty => {
    switch (law) {
      case 'GetPut':
        return {
          arbitrary: fc.tuple(options.source),
          evaluate: ([s]) =>
            attempt(() => {
              const out = lens.put(s as S, lens.get(s as S))
              if (out === s) return { holds: true, expected: s, actual: out }
              const equal = equals(out, s)
              return equal && sameReference
                ? { holds: false, expected: s, actual: out, reason: 'put(s, get(s)) returned an equal copy, not s itself (pass sameReference: false to require equality only)' }
                : { holds: equal, expected: s, actual: out }
            }),
        }
      case 'PutGet':
        return {
          arbitrary: viewOf ? options.source.chain((s) => fc.tuple(fc.constant(s), viewOf(s))) : fc.tuple(options.source, views),
          evaluate: ([s, x]) =>
            attempt(() => {
              const v = toView(x)
              const actual = lens.get(lens.put(s as S, v))
              return { holds: equals(actual, v), expected: v, actual }
            }),
        }
      case 'PutPut':
        return {
          arbitrary: viewOf ? options.source.chain((s) => fc.tuple(fc.constant(s), viewOf(s), viewOf(s))) : fc.tuple(options.source, views, views),
          evaluate: ([s, x1, x2]) =>
            attempt(() => {
              const v1 = toView(x1)
              const v2 = toView(x2)
              const expected = lens.put(s as S, v2)
              const actual = lens.put(lens.put(s as S, v1), v2)
              return { holds: equals(actual, expected), expected, actual }
            }),
        }
      case 'CreateGet':
        return {
          arbitrary: viewOf ? options.source.chain((s) => fc.tuple(viewOf(s))) : fc.tuple(views),
          evaluate: ([x]) =>
            attempt(() => {
              const v = toView(x)
              const actual = lens.get(lens.create(v))
              return { holds: equals(actual, v), expected: v, actual }
            }),
        }
    }
  }

  const failure = runLaws(laws, property, { runs, seed })
  if (failure === undefined) return { ok: true, laws, runs, seed }
  const { law, args, outcome } = failure
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
  return failedLawResult(failure, { step: lens.step, seed, counterexample }, [
    ...(law === 'CreateGet' ? [] : [['source', show(counterexample.source)] as const]),
    ...(law === 'PutPut' ? [['view 1', show(counterexample.firstView)] as const] : []),
    ...(law === 'GetPut' ? [] : [['view', show(counterexample.view)] as const]),
  ])
}

function validate<S, V>(lens: Lens<S, V>, options: CheckLawsOptions<S, V>): void {
  checkCommonOptions('checkLaws', lens, options, allLaws)
  const fail = (message: string, value: unknown): never => {
    throw invalidOption('checkLaws', lens, message, value)
  }
  if (options.view !== undefined && !isArbitrary(options.view)) fail('options.view must be a fast-check Arbitrary.', options.view)
  if (options.viewOf !== undefined && typeof options.viewOf !== 'function') fail('options.viewOf must be a function from a source to an Arbitrary.', options.viewOf)
  if (options.viewOf !== undefined && options.view !== undefined) fail('give either options.view or options.viewOf, not both.', options.view)
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
  if (!result.ok) throw new LawViolationError(result as LawFailure<unknown, unknown>)
}
