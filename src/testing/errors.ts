/**
 * Typed errors of `lensync/testing`: a law that does not hold ({@link LawViolationError},
 * {@link EditLawViolationError}) and an arbitrary builder given invalid constraints
 * ({@link InvalidConstraintsError}). The law names and counterexample shapes the errors carry live
 * here too, so the checkers import this file and not the other way round.
 *
 * @since 0.1.0
 */
import { LensyncError } from '../errors.js'
import type { Patch } from '../lens/patch/types.js'

/**
 * The round-trip laws of a lens (see `Lens`).
 *
 * @category models
 * @since 0.1.0
 */
export type Law = 'GetPut' | 'PutGet' | 'PutPut' | 'CreateGet'

/**
 * The values that broke a law, after shrinking.
 *
 * @category models
 * @since 0.1.0
 */
export interface LawCounterexample<S, V> {
  /** The source (absent for CreateGet, which has none). */
  readonly source?: S
  /** The view put (for PutPut, the second view; for CreateGet, the view created from). */
  readonly view?: V
  /** For PutPut: the first view put. */
  readonly firstView?: V
  /** What the law demands. */
  readonly expected: unknown
  /** What the lens produced, or the error it threw. */
  readonly actual: unknown
  /** Why `actual` fails, when equality alone does not say it (a thrown error, a copy instead of `s`). */
  readonly reason?: string
}

/**
 * The laws of edit translation (see `translate` and `project`).
 *
 * @category models
 * @since 0.1.0
 */
export type EditLaw = 'Consistency' | 'Identity' | 'Composition' | 'Propagation'

/**
 * The values that broke an edit law, after shrinking.
 *
 * @category models
 * @since 0.1.0
 */
export interface EditLawCounterexample<S> {
  readonly source: S
  /** The patch (a view patch, or for Propagation a source patch). */
  readonly patch: Patch
  /** For Composition: the second view patch. */
  readonly secondPatch?: Patch
  /** What the law demands. */
  readonly expected: unknown
  /** What translation produced (or the error it threw). */
  readonly actual: unknown
}

/**
 * Named arguments of {@link LawViolationError} and {@link EditLawViolationError}: the failed result
 * of `checkLaws` or `checkEditLaws` is one.
 *
 * @category errors
 * @since 0.2.0
 */
export interface LawViolationErrorParameters<law extends string, counterexample> {
  /** The first law that failed. */
  readonly law: law
  /** The shrunk counterexample. */
  readonly counterexample: counterexample
  /** The seed that replays the failure. */
  readonly seed: number
  /** A readable account of the failure. */
  readonly message: string
}

/**
 * Thrown by `assertLaws` when a law fails.
 *
 * **Details**: `code` is always `'LawViolation'`; `law` names the law, `counterexample` holds the
 * shrunk values and `seed` replays the failure (`checkLaws(lens, { ...options, seed })`).
 *
 * **Example**
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import { arbitraries, assertLaws, LawViolationError } from 'lensync/testing'
 * import type { Patient } from 'lensync'
 * try {
 *   assertLaws(pipe(id<Patient>(), prop('gender')), { source: arbitraries.patient(), runs: 100 })
 * } catch (e) {
 *   if (e instanceof LawViolationError) console.log(e.law, e.seed)
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class LawViolationError extends LensyncError {
  override name = 'LawViolationError' as const
  readonly code = 'LawViolation' as const
  /** The law that failed. */
  readonly law: Law
  /** The shrunk counterexample. */
  readonly counterexample: LawCounterexample<unknown, unknown>
  /** The seed that replays the failure. */
  readonly seed: number

  constructor(parameters: LawViolationErrorParameters<Law, LawCounterexample<unknown, unknown>>) {
    super(`The ${parameters.law} law does not hold.`, {
      metaMessages: [parameters.message, `Replay with { seed: ${parameters.seed} }.`],
    })
    this.law = parameters.law
    this.counterexample = parameters.counterexample
    this.seed = parameters.seed
  }
}

/** @category errors @since 0.1.0 */
export type LawViolationErrorType = LawViolationError & { name: 'LawViolationError' }

/**
 * Thrown by `assertEditLaws` when an edit law fails.
 *
 * **Details**: `code` is always `'EditLawViolation'`; `law` names the edit law, `counterexample`
 * holds the shrunk source and patch, `seed` replays the failure.
 *
 * @category errors
 * @since 0.1.0
 */
export class EditLawViolationError extends LensyncError {
  override name = 'EditLawViolationError' as const
  readonly code = 'EditLawViolation' as const
  /** The edit law that failed. */
  readonly law: EditLaw
  /** The shrunk counterexample. */
  readonly counterexample: EditLawCounterexample<unknown>
  /** The seed that replays the failure. */
  readonly seed: number

  constructor(parameters: LawViolationErrorParameters<EditLaw, EditLawCounterexample<unknown>>) {
    super(`The ${parameters.law} edit law does not hold.`, {
      metaMessages: [parameters.message, `Replay with { seed: ${parameters.seed} }.`],
    })
    this.law = parameters.law
    this.counterexample = parameters.counterexample
    this.seed = parameters.seed
  }
}

/** @category errors @since 0.1.0 */
export type EditLawViolationErrorType = EditLawViolationError & { name: 'EditLawViolationError' }

/**
 * Parameters of {@link InvalidConstraintsError}.
 *
 * @category errors
 * @since 0.1.0
 */
export interface InvalidConstraintsErrorParameters {
  /** The builder, e.g. `arbitraries.patient`. */
  readonly api: string
  /** The offending constraint, e.g. `maxIdentifiers`. */
  readonly constraint: string
  /** What the constraint must be, e.g. `must be a non-negative integer`. */
  readonly message: string
  /** The value given. */
  readonly value: unknown
}

/**
 * Thrown when an arbitrary builder is called with invalid constraints (checked when the builder is
 * called, not when values are generated). `code` is always `'InvalidConstraints'`; `api` and
 * `constraint` name the builder and the constraint.
 *
 * **Example**
 * ```ts
 * import { arbitraries } from 'lensync/testing'
 * arbitraries.patient({ maxIdentifiers: -1 })
 * // throws InvalidConstraintsError: arbitraries.patient: maxIdentifiers must be a non-negative integer.
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidConstraintsError extends LensyncError {
  override name = 'InvalidConstraintsError' as const
  readonly code = 'InvalidConstraints' as const
  /** The builder that rejected its constraints. */
  readonly api: string
  /** The offending constraint. */
  readonly constraint: string
  constructor({ api, constraint, message, value }: InvalidConstraintsErrorParameters) {
    super(`${api}: ${constraint} ${message}.`, { metaMessages: [`Given: ${safeShow(value)}`] })
    this.api = api
    this.constraint = constraint
  }
}

/** @category errors @since 0.1.0 */
export type InvalidConstraintsErrorType = InvalidConstraintsError & { name: 'InvalidConstraintsError' }

function safeShow(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
