/**
 * The scaffolding shared by `checkLaws` and `checkEditLaws`: options checks, the seed, one
 * fast-check property per law, the shrunk counterexample and the failure message.
 *
 * @internal
 */
import fc from 'fast-check'
import { LensError } from '../../lens/errors.js'

/** What one run of a law found. @internal */
export interface Outcome {
  readonly holds: boolean
  /** What the law demands. */
  readonly expected: unknown
  /** What the lens produced, or the error it threw. */
  readonly actual: unknown
  /** Why `actual` fails, when equality alone does not say it. */
  readonly reason?: string
  /** The run holds because the lens refused the input, and rightly so (edit laws count these). */
  readonly refused?: boolean
}

/** One law as a fast-check property: the generated arguments and what a run of them finds. @internal */
export interface LawProperty {
  readonly arbitrary: fc.Arbitrary<readonly unknown[]>
  readonly evaluate: (args: readonly unknown[]) => Outcome
}

/** The first law that failed, with its shrunk arguments. @internal */
export interface RunFailure<L> {
  readonly law: L
  /** The shrunk arguments. */
  readonly args: readonly unknown[]
  /** What evaluating `args` again found. */
  readonly outcome: Outcome
  /** Runs of the failing law up to the failure. */
  readonly runs: number
  /** fast-check's replay path of the failing run. */
  readonly path: string | undefined
}

/** `run()`, or the error it threw as a failed outcome. @internal */
export function attempt(run: () => Outcome): Outcome {
  try {
    return run()
  } catch (error) {
    return { holds: false, expected: 'no error', actual: error, reason: `threw ${show(error)}` }
  }
}

/** The options both checkers take. @internal */
export interface CommonOptions {
  readonly source: unknown
  readonly equals?: unknown
  readonly runs?: unknown
  readonly laws?: unknown
  readonly seed?: unknown
}

/** The lens as a checker sees it before checking it. @internal */
interface CheckedLens {
  readonly step?: unknown
  readonly get?: unknown
  readonly put?: unknown
  readonly create?: unknown
}

/** An `InvalidLens` error of checker `api` (`checkLaws`, `checkEditLaws`). @internal */
export function invalidOption(api: string, lens: unknown, message: string, value: unknown): LensError {
  const step = (lens as CheckedLens | null | undefined)?.step
  return new LensError({
    code: 'InvalidLens',
    pointer: '',
    step: typeof step === 'string' ? step : api,
    message: `${api}: ${message}`,
    metaMessages: [`Given: ${show(value)}`],
  })
}

/**
 * Checks the lens and the options both checkers share, when the check is called.
 *
 * @internal
 */
export function checkCommonOptions(api: string, lens: unknown, options: CommonOptions, allLaws: readonly string[]): void {
  const fail = (message: string, value: unknown): never => {
    throw invalidOption(api, lens, message, value)
  }
  const l = lens as CheckedLens | null
  if (typeof l !== 'object' || l === null || typeof l.get !== 'function' || typeof l.put !== 'function' || typeof l.create !== 'function')
    fail('lens must have get, put and create functions.', lens)
  if (typeof options !== 'object' || options === null || !isArbitrary(options.source))
    fail('options.source must be a fast-check Arbitrary.', options?.source)
  if (options.runs !== undefined && (!Number.isInteger(options.runs) || (options.runs as number) < 1)) fail('runs must be a positive integer.', options.runs)
  if (options.seed !== undefined && !Number.isInteger(options.seed)) fail('seed must be an integer.', options.seed)
  if (options.equals !== undefined && typeof options.equals !== 'function') fail('equals must be a function.', options.equals)
  if (options.laws !== undefined) {
    if (!Array.isArray(options.laws) || options.laws.length === 0) fail('laws must be a non-empty array of law names.', options.laws)
    const unknown = (options.laws as readonly unknown[]).filter((l) => !allLaws.includes(l as string))
    if (unknown.length > 0) fail(`unknown law ${show(unknown[0])}; expected one of ${allLaws.join(', ')}.`, options.laws)
  }
}

/** Duck-typed: an Arbitrary from another copy of fast-check (ESM vs CJS) is not an instance of ours. @internal */
export function isArbitrary(value: unknown): boolean {
  const a = value as { generate?: unknown; shrink?: unknown; map?: unknown } | null | undefined
  return typeof a === 'object' && a !== null && typeof a.generate === 'function' && typeof a.shrink === 'function' && typeof a.map === 'function'
}

/**
 * The seed of a law check: the one given; else fast-check's global seed when a test setup configured
 * one (`fc.configureGlobal({ seed })`); else the integer in the environment variable `LENSYNC_SEED`;
 * else a fresh random one. Reported with every failure.
 *
 * @internal
 */
export function resolveSeed(api: string, lens: unknown, given: number | undefined): number {
  if (given !== undefined) return given
  const global = fc.readConfigureGlobal().seed
  if (global !== undefined) return global
  const pinned = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.LENSYNC_SEED
  if (pinned !== undefined && pinned !== '') {
    const seed = Number(pinned)
    if (!Number.isInteger(seed)) throw invalidOption(api, lens, 'the environment variable LENSYNC_SEED must be an integer.', pinned)
    return seed
  }
  return (Math.random() * 0x7fffffff) | 0
}

/**
 * Checks each law in turn as its own fast-check property (`runs` runs, one `seed` for all) and
 * returns the first failure, shrunk and evaluated again, or `undefined` when every law holds.
 *
 * @internal
 */
export function runLaws<L>(
  laws: readonly L[],
  property: (law: L) => LawProperty,
  parameters: { readonly runs: number; readonly seed: number },
): RunFailure<L> | undefined {
  for (const law of laws) {
    const { arbitrary, evaluate } = property(law)
    const details = fc.check(
      fc.property(arbitrary.map(deepFrozen), (args) => evaluate(args).holds),
      { numRuns: parameters.runs, seed: parameters.seed },
    )
    if (details.failed) {
      const args = details.counterexample?.[0] ?? []
      return { law, args, outcome: evaluate(args), runs: details.numRuns, path: details.counterexamplePath ?? undefined }
    }
  }
  return undefined
}

/**
 * `value` with every object and array in it frozen: sources and views are immutable, so a lens
 * that changes its input in place fails (strict mode throws) instead of passing by accident, and
 * memoized views cannot hide such a change.
 */
function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFrozen((value as Record<string, unknown>)[key])
  }
  return value
}

/** Longest JSON text of a value in a message; longer values are cut with their full length noted. */
const shownChars = 2000

/** A value as it appears in a failure message: an error's name and first line, else (cut) JSON. @internal */
export function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message.split('\n')[0]}`
  try {
    const json = JSON.stringify(value) ?? String(value)
    return json.length > shownChars ? `${json.slice(0, shownChars)}… (${json.length} chars)` : json
  } catch {
    return String(value)
  }
}

/**
 * The failure message: a title line naming the law, the lens step, the runs and the seed, then one
 * aligned line per labelled text (`source:`, `expected:`, …).
 *
 * @internal
 */
export function describeFailure(
  failure: { readonly law: string; readonly step: string; readonly runs: number; readonly seed: number },
  lines: readonly (readonly [label: string, text: string])[],
): string {
  return [
    `${failure.law} fails for ${failure.step} (after ${failure.runs} runs, shrunk; seed ${failure.seed}):`,
    ...lines.map(([label, text]) => `  ${`${label}:`.padEnd(10)}${text}`),
  ].join('\n')
}

/**
 * The result of a failed law check: the law, its counterexample, the seed and fast-check's replay
 * data, and the message (`lines`, then the counterexample's `expected`, `actual` and `reason`).
 *
 * @internal
 */
export function failedLawResult<L extends string, C extends { readonly expected: unknown; readonly actual: unknown; readonly reason?: string | undefined }>(
  failure: RunFailure<L>,
  context: { readonly step: string; readonly seed: number; readonly counterexample: C },
  lines: readonly (readonly [label: string, text: string])[],
): { readonly ok: false; readonly law: L; readonly counterexample: C; readonly seed: number; readonly path: string | undefined; readonly runs: number; readonly message: string } {
  const { law, runs, path } = failure
  const { step, seed, counterexample } = context
  return {
    ok: false,
    law,
    counterexample,
    seed,
    path,
    runs,
    message: describeFailure({ law, step, runs, seed }, [
      ...lines,
      ['expected', show(counterexample.expected)],
      ['actual', show(counterexample.actual)],
      ...(counterexample.reason === undefined ? [] : [['reason', counterexample.reason] as const]),
    ]),
  }
}
