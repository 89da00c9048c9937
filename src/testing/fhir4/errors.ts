/**
 * The error of `lensync/testing/fhir4` when a generated value cannot be typed as `@types/fhir`.
 *
 * @since 0.2.0
 */
import { LensyncError } from '../../errors.js'

/**
 * Why a sample was refused: a `null` in an array (a primitive-extension hole, which `fhir4` types
 * cannot describe), or a field `fhir4` requires that the sample lacks.
 *
 * @category errors
 * @since 0.2.0
 */
export type Fhir4SampleErrorCode = 'NullHole' | 'MissingField'

/**
 * Parameters of {@link Fhir4SampleError}.
 *
 * @category errors
 * @since 0.2.0
 */
export interface Fhir4SampleErrorParameters {
  /** The builder, e.g. `arbitraries.patient`. */
  readonly api: string
  /** Why the sample was refused. */
  readonly code: Fhir4SampleErrorCode
  /** Where in the sample, as a JSON Pointer (`/name/0/_given/1`) or a field path (`status`). */
  readonly path: string
}

/**
 * Thrown when a builder of `lensync/testing/fhir4` would produce a value that is not of its `fhir4`
 * type. The builders generate no such value (their property tests check it); the check exists so that
 * the `fhir4` types of the samples are proven at run time, never assumed.
 *
 * **Example**
 * ```ts
 * import { Fhir4SampleError } from 'lensync/testing/fhir4'
 * const error = new Fhir4SampleError({ api: 'arbitraries.humanName', code: 'NullHole', path: '/_given/0' })
 * // error.shortMessage: 'arbitraries.humanName: the sample has a null at /_given/0, which fhir4 types cannot describe.'
 * ```
 *
 * @category errors
 * @since 0.2.0
 */
export class Fhir4SampleError extends LensyncError {
  override name = 'Fhir4SampleError' as const
  readonly code: Fhir4SampleErrorCode
  /** The builder whose sample was refused. */
  readonly api: string
  /** Where in the sample. */
  readonly path: string
  constructor({ api, code, path }: Fhir4SampleErrorParameters) {
    super(
      code === 'NullHole'
        ? `${api}: the sample has a null at ${path}, which fhir4 types cannot describe.`
        : `${api}: the sample lacks ${path}, which fhir4 requires.`,
    )
    this.code = code
    this.api = api
    this.path = path
  }
}

/** @category errors @since 0.2.0 */
export type Fhir4SampleErrorType = Fhir4SampleError & { name: 'Fhir4SampleError' }
