/**
 * The error a FHIR server's answer becomes: its HTTP status, the `OperationOutcome` it returned and
 * the resource it was about.
 *
 * @since 0.2.0
 */
import { LensyncError } from '../../errors.js'
import type { JsonValue } from '../../json/JsonValue.js'

/**
 * Why a request to the FHIR server failed.
 *
 * - `Unavailable` — no answer, or 429/502/503/504, after the bounded retries; nothing was lost:
 *   staged rounds stay staged and the call can be repeated.
 * - `PreconditionFailed` — 412: the resource is not at the `If-Match` version (someone else wrote it).
 * - `NotFound` — 404 or 410: the resource does not exist, or was deleted.
 * - `Deleted` — a staged round writes a resource that was deleted on the server, outside lensync,
 *   after the round was staged: the round cannot write it (`status` 410). The deletion is a change
 *   of the record (the entry leaves the Bundle) that reaches the views as a round of its own.
 * - `Rejected` — any other 4xx: the server refused the request (see `outcome`).
 * - `ServerError` — a 5xx other than the retried ones.
 * - `InvalidResponse` — the answer is not the FHIR JSON expected (no `meta.versionId`, not JSON).
 *
 * @category errors
 * @since 0.2.0
 */
export type FhirServerErrorCode = 'Unavailable' | 'PreconditionFailed' | 'NotFound' | 'Deleted' | 'Rejected' | 'ServerError' | 'InvalidResponse'

/**
 * Named arguments of {@link FhirServerError}.
 *
 * @category errors
 * @since 0.2.0
 */
export interface FhirServerErrorParameters {
  readonly code: FhirServerErrorCode
  /** The request, as `METHOD path` (e.g. `PUT Observation/o1`). */
  readonly request: string
  /** The HTTP status, `0` when the server did not answer. */
  readonly status: number
  /** The `OperationOutcome` the server returned, when it returned one. */
  readonly outcome?: JsonValue | undefined
  /** JSON Pointer into the lensync record the request was about (e.g. `/entry/6/resource`); `''` for the whole record. */
  readonly pointer?: string | undefined
  /** How many times the request was sent. */
  readonly attempts?: number | undefined
  readonly cause?: unknown
}

function diagnostics(outcome: JsonValue | undefined): string[] {
  if (outcome === null || typeof outcome !== 'object' || Array.isArray(outcome)) return []
  const issues = Array.isArray(outcome.issue) ? outcome.issue : []
  return issues.flatMap((issue) => {
    if (issue === null || typeof issue !== 'object' || Array.isArray(issue)) return []
    const details = issue.details
    const text = typeof issue.diagnostics === 'string' ? issue.diagnostics : details && typeof details === 'object' && !Array.isArray(details) && typeof details.text === 'string' ? details.text : ''
    const where = Array.isArray(issue.expression) && issue.expression.length > 0 ? ` (at ${issue.expression.join(', ')})` : ''
    return [`OperationOutcome: ${String(issue.severity)} ${String(issue.code)}${text ? `: ${text}` : ''}${where}`]
  })
}

/**
 * A failed request to the FHIR server behind `fhirStorage()`.
 *
 * **When to use**
 * Storage operations throw `StorageError` (code `VersionConflict` for a 412, `Driver` otherwise) with
 * this error as `cause`: read `cause.outcome` for the server's `OperationOutcome`, `cause.status` and
 * `cause.pointer` for where in the record it happened.
 *
 * **Details**
 * - The `OperationOutcome`'s issues are printed under the message.
 * - `Unavailable` comes after the bounded retries of `fhirStorage({ retries })`.
 *
 * @category errors
 * @since 0.2.0
 */
export class FhirServerError extends LensyncError {
  override name = 'FhirServerError' as const
  readonly code: FhirServerErrorCode
  readonly request: string
  readonly status: number
  readonly outcome: JsonValue | undefined
  readonly pointer: string
  readonly attempts: number

  constructor(parameters: FhirServerErrorParameters) {
    const { code, request, status } = parameters
    const what = status === 0 ? 'got no answer' : `answered ${status}`
    super(`${code}: the FHIR server ${what} to ${request}${parameters.attempts && parameters.attempts > 1 ? ` (${parameters.attempts} attempts)` : ''}.`, {
      metaMessages: diagnostics(parameters.outcome),
      cause: parameters.cause,
    })
    this.code = code
    this.request = request
    this.status = status
    this.outcome = parameters.outcome
    this.pointer = parameters.pointer ?? ''
    this.attempts = parameters.attempts ?? 1
  }
}

/** @category errors @since 0.2.0 */
export type FhirServerErrorType = FhirServerError & { name: 'FhirServerError' }
