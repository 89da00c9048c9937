/**
 * The error thrown when an arbitrary builder is given invalid constraints.
 *
 * @since 0.1.0
 */
import { LensyncError } from '../../errors.js'

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
 * called, not when values are generated).
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
