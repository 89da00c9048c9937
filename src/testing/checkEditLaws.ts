/**
 * Property-based checking of the edit-lens laws of {@link translate} and {@link project}, built on
 * fast-check — the sibling of {@link checkLaws}.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import { isLensError } from '../lens/errors.js'
import type { Lens } from '../lens/Lens.js'
import { deepEqual } from '../json/equal.js'
import { type EditLaw, type EditLawCounterexample, EditLawViolationError } from './errors.js'
import { attempt, checkCommonOptions, failedLawResult, type LawProperty, resolveSeed, runLaws, show } from './_internal/lawRunner.js'
import { patchFor } from './arbitraries/patch.js'
import { applyPatch } from '../lens/patch/applyPatch.js'
import type { Patch } from '../lens/patch/types.js'
import { project } from '../lens/project.js'
import { translate } from '../lens/translate.js'

/** Every edit law, in the order they are checked. @category models @since 0.1.0 */
export const allEditLaws: readonly EditLaw[] = ['Consistency', 'Identity', 'Composition', 'Propagation']

/**
 * Options of {@link checkEditLaws}.
 *
 * @category models
 * @since 0.1.0
 */
export interface CheckEditLawsOptions<S, V> {
  /** Generates sources. */
  readonly source: fc.Arbitrary<S>
  /** Generates patches valid against a view. @defaultValue `patchFor(view)` */
  readonly viewPatch?: ((view: V, source: S) => fc.Arbitrary<Patch>) | undefined
  /** Generates patches valid against a source (for Propagation). @defaultValue `patchFor(source)` */
  readonly sourcePatch?: ((source: S) => fc.Arbitrary<Patch>) | undefined
  /** Equality of sources and of views. @defaultValue structural JSON equality (key order ignored) */
  readonly equals?: ((a: unknown, b: unknown) => boolean) | undefined
  /** Runs per law. @defaultValue 1000 */
  readonly runs?: number | undefined
  /** Laws to check. @defaultValue all four */
  readonly laws?: readonly EditLaw[] | undefined
  /**
   * Seed, to replay a failure. @defaultValue fast-check's global seed if one is configured, else the
   * integer in the environment variable `LENSYNC_SEED`, else random
   */
  readonly seed?: number | undefined
}

/**
 * Result of {@link checkEditLaws}.
 *
 * **Details** — `refused` counts, per law, the runs where translation refused the edit with a
 * {@link LensError} *and the refusal was justified* (a view the patch passes through is outside the
 * lens's range: `put` throws, or does not keep the edit). A refusal that is not justified is a failure. Tests should
 * bound `refused` so that a check cannot pass vacuously.
 *
 * @category models
 * @since 0.1.0
 */
export type EditLawCheckResult<S> =
  | {
      readonly ok: true
      readonly laws: readonly EditLaw[]
      readonly runs: number
      readonly refused: Readonly<Record<EditLaw, number>>
      /** Seed of the check: passing it back replays the same runs. */
      readonly seed: number
    }
  | {
      readonly ok: false
      /** The first law that failed. */
      readonly law: EditLaw
      /** The shrunk counterexample. */
      readonly counterexample: EditLawCounterexample<S>
      /** Seed and path that replay the failure with fast-check. */
      readonly seed: number
      readonly path: string | undefined
      /** Runs of the failing law up to the failure. */
      readonly runs: number
      /** A readable account of the failure. */
      readonly message: string
    }

/** Whether `value` holds an array item that is `undefined` (not JSON: no patch can write it). */
function holdsAbsentItem(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return value.some((item) => item === undefined || holdsAbsentItem(item))
  for (const k in value) if (holdsAbsentItem((value as Record<string, unknown>)[k])) return true
  return false
}

/** Runs `f`; returns its value or the error it threw. */
function outcome<T>(f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: f() }
  } catch (error) {
    return { ok: false, error }
  }
}

/**
 * Checks the edit laws of {@link translate} and {@link project} through `lens` on generated sources
 * and patches, and reports the first law that fails with its shrunk counterexample.
 *
 * **When to use** — in the tests of every lens whose edits are exchanged as patches, next to
 * {@link checkLaws}.
 *
 * **Laws**
 * 1. Consistency: `get(applyPatch(s, translate(s, δ)))` equals `applyPatch(get(s), δ)` — or
 *    `translate` throws a {@link LensError} and a view the patch passes through is outside the
 *    lens's range (`put` throws, or `get(put(s, v'))` is not `v'`): operations are edits applied in
 *    sequence, and each must leave a view the lens can take.
 * 2. Identity: `translate(s, [])` and `project(s, [])` are `[]`.
 * 3. Composition: applying `translate(s, δ1 ++ δ2)` gives the same source as applying
 *    `translate(s, δ1)` and then `translate(s1, δ2)` (sources compared, not patch text). A run where
 *    one side refuses with a LensError counts as refused.
 * 4. Propagation: `applyPatch(get(s), project(s, δs))` equals `get(applyPatch(s, δs))` — or
 *    `project` throws and `get` itself fails on a source the patch passes through, or gives a view
 *    no JSON Patch can produce (an array item left `undefined`).
 *
 * **Details**
 * - Each law is its own fast-check property with `runs` runs; failures are shrunk.
 * - Generated sources and patches are deep-frozen before use: a lens or translator that changes its
 *   input in place fails the law being checked.
 * - View patches come from `patchFor(get(s))` unless `viewPatch` is given: pass a generator that
 *   avoids (or targets) hidden fields to steer the check, e.g. with `patchFor`'s `filter`.
 * - One seed drives the whole check, as in {@link checkLaws}: re-running with the reported `seed`
 *   replays the failure.
 * - Bad options throw a {@link LensError} with code `InvalidLens`.
 *
 * **Example** (checking a lens)
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import { arbitraries, checkEditLaws } from 'lensync/testing'
 * import type { Patient } from 'lensync'
 * const result = checkEditLaws(pipe(id<Patient>(), prop('name')), { source: arbitraries.patient() })
 * console.log(result.ok)
 * // Output: true
 * ```
 *
 * @see {@link assertEditLaws} to throw instead of returning a result.
 * @category law checking
 * @since 0.1.0
 */
export function checkEditLaws<S, V>(lens: Lens<S, V>, options: CheckEditLawsOptions<S, V>): EditLawCheckResult<S> {
  checkCommonOptions('checkEditLaws', lens, options, allEditLaws)
  const equals = options.equals ?? deepEqual
  const runs = options.runs ?? 1000
  const laws = options.laws ?? allEditLaws
  const viewPatch = options.viewPatch ?? ((v: V) => patchFor(v))
  const sourcePatch = options.sourcePatch ?? ((s: S) => patchFor(s))
  const seed = resolveSeed('checkEditLaws', lens, options.seed)
  const refused: Record<EditLaw, number> = { Consistency: 0, Identity: 0, Composition: 0, Propagation: 0 }

  /**
   * Whether the patch passes through a view outside the lens's range: the views after op 1, 2, …
   * are put in turn (state-based), and one of them is refused (`put` throws) or not kept.
   */
  const passesOutOfRange = (s: S, p: Patch): boolean => {
    let source = s
    let view = lens.get(s)
    for (const op of p) {
      view = applyPatch(view, [op])
      if (op.op === 'test') continue
      const put = outcome(() => lens.put(source, view))
      if (!put.ok) return true
      const kept = outcome(() => lens.get(put.value))
      if (!kept.ok || !equals(kept.value, view)) return true
      source = put.value
    }
    return false
  }
  /**
   * Whether the source patch passes through a source `get` cannot read, or whose view no JSON Patch
   * can produce (an array item left `undefined`, e.g. `map` over a `null` item).
   */
  const passesOutOfDomain = (s: S, p: Patch): boolean => {
    let source = s
    for (const op of p) {
      source = applyPatch(source, [op])
      const view = outcome(() => lens.get(source))
      if (!view.ok || holdsAbsentItem(view.value)) return true
    }
    return false
  }

  const property = (law: EditLaw): LawProperty => {
    switch (law) {
      case 'Consistency':
        return {
          arbitrary: options.source.chain((s) => viewPatch(lens.get(s), s).map((p) => [s, p] as const)),
          evaluate: ([s0, p0]) =>
            attempt(() => {
              const s = s0 as S
              const p = p0 as Patch
              const expected = outcome(() => applyPatch(lens.get(s), p))
              const t = outcome(() => translate(lens, s, p))
              if (!expected.ok) return { holds: !t.ok, expected: expected.error, actual: t.ok ? t.value : t.error }
              if (!t.ok) {
                const justified = isLensError(t.error) && passesOutOfRange(s, p)
                return { holds: justified, refused: justified, expected: expected.value, actual: t.error }
              }
              const actual = lens.get(applyPatch(s, t.value))
              return { holds: equals(actual, expected.value), expected: expected.value, actual }
            }),
        }
      case 'Identity':
        return {
          arbitrary: fc.tuple(options.source),
          evaluate: ([s]) =>
            attempt(() => {
              const t = translate(lens, s as S, [])
              const p = project(lens, s as S, [])
              return { holds: t.length === 0 && p.length === 0, expected: [[], []], actual: [t, p] }
            }),
        }
      case 'Composition':
        return {
          arbitrary: options.source.chain((s) => {
            const v = lens.get(s)
            return viewPatch(v, s).chain((p1) => {
              const v1 = outcome(() => applyPatch(v, p1))
              return (v1.ok ? viewPatch(v1.value, s) : fc.constant([] as Patch)).map((p2) => [s, p1, p2] as const)
            })
          }),
          evaluate: ([s0, p10, p20]) =>
            attempt(() => {
              const s = s0 as S
              const p1 = p10 as Patch
              const p2 = p20 as Patch
              const whole = outcome(() => applyPatch(s, translate(lens, s, [...p1, ...p2])))
              const split = outcome(() => {
                const s1 = applyPatch(s, translate(lens, s, p1))
                return applyPatch(s1, translate(lens, s1, p2))
              })
              if (!whole.ok || !split.ok) {
                const lensErrors = (!whole.ok ? isLensError(whole.error) : true) && (!split.ok ? isLensError(split.error) : true)
                return {
                  holds: lensErrors,
                  refused: lensErrors,
                  expected: split.ok ? split.value : split.error,
                  actual: whole.ok ? whole.value : whole.error,
                }
              }
              return { holds: equals(whole.value, split.value), expected: split.value, actual: whole.value }
            }),
        }
      case 'Propagation':
        return {
          arbitrary: options.source.chain((s) => sourcePatch(s).map((p) => [s, p] as const)),
          evaluate: ([s0, p0]) =>
            attempt(() => {
              const s = s0 as S
              const p = p0 as Patch
              const expected = outcome(() => lens.get(applyPatch(s, p)))
              const projected = outcome(() => project(lens, s, p))
              if (!expected.ok) {
                return { holds: !projected.ok, refused: !projected.ok, expected: expected.error, actual: projected.ok ? projected.value : projected.error }
              }
              if (!projected.ok) {
                // get itself fails on a source the patch passes through: project cannot do better.
                const justified = passesOutOfDomain(s, p)
                return { holds: justified, refused: justified, expected: expected.value, actual: projected.error }
              }
              const actual = applyPatch(lens.get(s), projected.value)
              return { holds: equals(actual, expected.value), expected: expected.value, actual }
            }),
        }
    }
  }

  const counted: typeof property = (law) => {
    const { arbitrary, evaluate } = property(law)
    return {
      arbitrary,
      evaluate: (args) => {
        const o = evaluate(args)
        if (o.holds && o.refused) refused[law]++
        return o
      },
    }
  }
  const failure = runLaws(laws, counted, { runs, seed })
  if (failure === undefined) return { ok: true, laws, runs, refused, seed }
  const { law, args } = failure
  const counterexample: EditLawCounterexample<S> = {
    source: args[0] as S,
    patch: (args[1] ?? []) as Patch,
    ...(law === 'Composition' ? { secondPatch: args[2] as Patch } : {}),
    expected: failure.outcome.expected,
    actual: failure.outcome.actual,
  }
  return failedLawResult(failure, { step: lens.step, seed, counterexample }, [
    ['source', show(counterexample.source)],
    ['patch', show(counterexample.patch)],
    ...(counterexample.secondPatch === undefined ? [] : [['then', show(counterexample.secondPatch)] as const]),
  ])
}

/**
 * Like {@link checkEditLaws}, but throws an {@link EditLawViolationError} naming the law and the
 * shrunk counterexample.
 *
 * @category law checking
 * @since 0.1.0
 */
export function assertEditLaws<S, V>(lens: Lens<S, V>, options: CheckEditLawsOptions<S, V>): void {
  const result = checkEditLaws(lens, options)
  if (!result.ok) throw new EditLawViolationError(result as Extract<EditLawCheckResult<unknown>, { ok: false }>)
}
