/**
 * Every lensync error as a FHIR R4 `OperationOutcome`, for a FHIR API that embeds lensync.
 *
 * @since 0.2.0
 */
import { LensyncError } from '../errors.js'
import type { LensErrorCode } from '../lens/errors.js'
import type { StorageErrorCode } from '../storage/errors.js'
import type { FhirServerErrorCode } from '../storage/fhir/FhirServerError.js'
import type { CoordinatorErrorName } from '../coordinator/chain/errors.js'
import type { CanonicalizeErrorCode, CommitmentErrorCode } from '../coordinator/commitment/errors.js'
import type { PeerErrorCode } from '../coordinator/peer/errors.js'
import type { TransportErrorCode } from '../coordinator/transport/errors.js'
import type { ViewDefinitionErrorCode } from '../lens/viewDefinition/errors.js'

/**
 * The FHIR `IssueType` codes lensync errors map to (a subset of the value set).
 *
 * @category models
 * @since 0.2.0
 */
export type OperationOutcomeIssueType =
  | 'invalid'
  | 'structure'
  | 'value'
  | 'invariant'
  | 'security'
  | 'forbidden'
  | 'expired'
  | 'processing'
  | 'not-supported'
  | 'duplicate'
  | 'multiple-matches'
  | 'not-found'
  | 'deleted'
  | 'too-long'
  | 'too-costly'
  | 'business-rule'
  | 'conflict'
  | 'transient'
  | 'lock-error'
  | 'exception'
  | 'timeout'
  | 'throttled'
  | 'incomplete'

/**
 * A FHIR R4 `OperationOutcome` as {@link toOperationOutcome} builds it.
 *
 * @category models
 * @since 0.2.0
 */
export interface OperationOutcome {
  readonly resourceType: 'OperationOutcome'
  readonly issue: readonly OperationOutcomeIssue[]
}

/**
 * One issue of an {@link OperationOutcome}.
 *
 * @category models
 * @since 0.2.0
 */
export interface OperationOutcomeIssue {
  readonly severity: 'fatal' | 'error' | 'warning' | 'information'
  readonly code: string
  readonly details?: { readonly coding?: readonly { readonly system: string; readonly code: string }[]; readonly text?: string }
  readonly diagnostics?: string
  readonly expression?: readonly string[]
}

type Code = LensErrorCode | StorageErrorCode | FhirServerErrorCode | PeerErrorCode | CanonicalizeErrorCode | CommitmentErrorCode | TransportErrorCode | ViewDefinitionErrorCode | CoordinatorErrorName | 'Unknown' | 'LawViolation' | 'EditLawViolation' | 'InvalidConstraints'

/** The issue type and HTTP status of every error code; `satisfies` keeps it exhaustive. */
const table = {
  // lens
  ViewOutOfRange: ['business-rule', 422],
  HiddenFieldEdited: ['forbidden', 403],
  AmbiguousKey: ['multiple-matches', 422],
  DuplicateKey: ['duplicate', 422],
  SchemaViolation: ['structure', 422],
  VersionConflict: ['conflict', 409],
  UnsupportedPatchOp: ['not-supported', 422],
  InvalidPatch: ['invalid', 400],
  PathNotFound: ['value', 422],
  InvalidLens: ['exception', 500],
  // storage
  StageConflict: ['conflict', 409],
  StageNotFound: ['not-found', 404],
  RoundFinished: ['conflict', 409],
  InvalidValue: ['invalid', 400],
  InvalidArgument: ['invalid', 400],
  TransactionMisuse: ['exception', 500],
  Closed: ['exception', 500],
  Driver: ['transient', 503],
  Migration: ['exception', 500],
  MissingDependency: ['exception', 500],
  // FHIR server
  Unavailable: ['transient', 503],
  PreconditionFailed: ['conflict', 412],
  NotFound: ['not-found', 404],
  Deleted: ['deleted', 410],
  Rejected: ['invalid', 400],
  ServerError: ['exception', 502],
  InvalidResponse: ['exception', 502],
  // peer engine
  RoundOpen: ['lock-error', 409],
  StaleBase: ['conflict', 409],
  NotBound: ['not-found', 404],
  NotJoined: ['not-found', 404],
  NotMember: ['forbidden', 403],
  MissingPermission: ['forbidden', 403],
  NotController: ['forbidden', 403],
  CommitmentMismatch: ['conflict', 409],
  RecordNotFound: ['not-found', 404],
  JoinUnavailable: ['transient', 503],
  ChainError: ['transient', 503],
  NotSettled: ['timeout', 504],
  // commitments
  NonFiniteNumber: ['value', 400],
  LoneSurrogate: ['value', 400],
  UnsupportedType: ['value', 400],
  NonPlainObject: ['value', 400],
  CircularReference: ['structure', 400],
  MaxDepthExceeded: ['too-costly', 422],
  InvalidParameter: ['invalid', 400],
  // transport
  Unauthorized: ['security', 401],
  BadSignature: ['security', 401],
  StaleRequest: ['expired', 401],
  InvalidPayload: ['invalid', 400],
  Conflict: ['conflict', 409],
  PayloadTooLarge: ['too-long', 413],
  Timeout: ['timeout', 504],
  Unreachable: ['transient', 503],
  InvalidConfig: ['exception', 500],
  // contract reverts
  UnknownView: ['not-found', 404],
  NotPeer: ['forbidden', 403],
  NoOpenRound: ['conflict', 409],
  WrongRound: ['conflict', 409],
  RoundNotExpired: ['business-rule', 409],
  TooManyPeers: ['too-costly', 422],
  AcksMissing: ['incomplete', 409],
  ArrayLengthMismatch: ['invalid', 400],
  DuplicatePeer: ['duplicate', 422],
  EmptyView: ['invalid', 400],
  InvalidAccount: ['invalid', 400],
  InvalidPermissions: ['invalid', 400],
  InvalidShortString: ['invalid', 400],
  InvalidTtl: ['invalid', 400],
  NotProposerOrController: ['forbidden', 403],
  PeerAcknowledged: ['duplicate', 409],
  RoundExpired: ['expired', 409],
  StringTooLong: ['too-long', 400],
  ViewExists: ['duplicate', 409],
  // contract reverts of the hardened (v2) ViewCoordinator
  ControllerGracePeriod: ['business-rule', 409],
  InsufficientGasForSignatureCheck: ['too-costly', 400],
  InvalidRoundLimits: ['invalid', 400],
  NotPendingController: ['forbidden', 403],
  ProposerBenched: ['business-rule', 409],
  // transport, views and the definition check
  DefinitionMismatch: ['business-rule', 409],
  // the peer engine's smart-account refusal and per-view failures
  UnsupportedAccount: ['not-supported', 422],
  ViewFailed: ['transient', 503],
  Replay: ['security', 401],
  WrongAudience: ['security', 401],
  InvalidHost: ['security', 421],
  UnsupportedMediaType: ['not-supported', 415],
  RateLimited: ['throttled', 429],
  InsecureUrl: ['security', 400],
  KeyUnavailable: ['not-found', 424],
  NotRecipient: ['forbidden', 403],
  DecryptionFailed: ['security', 400],
  InvalidViewDefinition: ['invalid', 400],
  InvalidFhirPath: ['invalid', 400],
  NotASingleValue: ['business-rule', 422],
  NotABoolean: ['business-rule', 422],
  EvaluationFailed: ['processing', 422],
  InvalidLensDefinition: ['invalid', 400],
  Unknown: ['exception', 500],
  // testing
  LawViolation: ['invariant', 500],
  EditLawViolation: ['invariant', 500],
  InvalidConstraints: ['invalid', 400],
} as const satisfies Record<string, readonly [OperationOutcomeIssueType, number]>

// Every code of every lensync error has an entry (a new code fails to compile until it is mapped).
const exhaustive: Record<Code, unknown> = table
void exhaustive

function entryOf(error: unknown): readonly [OperationOutcomeIssueType, number] {
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && Object.hasOwn(table, code)) return table[code as keyof typeof table]
  return ['exception', 500]
}

/**
 * The HTTP status a FHIR API should answer with for `error` (e.g. `409` for a `VersionConflict`).
 *
 * @param error - Any error; non-lensync errors are `500`.
 * @returns An HTTP status code.
 * @category errors
 * @since 0.2.0
 */
export function httpStatusOf(error: unknown): number {
  return error instanceof LensyncError ? entryOf(error)[1] : 500
}

function isOutcome(value: unknown): value is { issue: OperationOutcomeIssue[] } {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome' && Array.isArray((value as { issue?: unknown }).issue)
}

/**
 * Turns a lensync error into a FHIR `OperationOutcome`, so a FHIR API can return it as is.
 *
 * **When to use**
 * In the error handler of a FHIR API built on lensync: answer with {@link httpStatusOf} and this body.
 *
 * **Details**
 * - One issue for the error: `severity: 'error'`, `code` from the FHIR `IssueType` value set (a
 *   `VersionConflict` is `conflict`, a `HiddenFieldEdited` is `forbidden`, …), `details.coding` with
 *   the lensync class and code (system `urn:lensync:error`), `details.text` the short message,
 *   `diagnostics` the meta lines, and the JSON Pointer (when the error has one) in `expression`.
 * - A cause that carries a FHIR server's `OperationOutcome` (a `FhirServerError`) adds its issues.
 * - Any other error becomes one `exception` issue, without its message (it may hold internals).
 *
 * **Example**
 * ```ts
 * import { StorageError, toOperationOutcome } from 'lensync'
 * const outcome = toOperationOutcome(new StorageError({ code: 'VersionConflict', operation: 'putRecord', message: 'stale.' }))
 * console.log(outcome.issue[0]?.code)
 * // Output: 'conflict'
 * ```
 *
 * @param error - Any error (lensync errors are mapped by class and code).
 * @returns An {@link OperationOutcome}.
 * @category errors
 * @since 0.2.0
 */
export function toOperationOutcome(error: unknown): OperationOutcome {
  if (!(error instanceof LensyncError))
    return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', details: { text: 'An unexpected error occurred.' } }] }
  const [code] = entryOf(error)
  const errorCode = (error as { code?: unknown }).code
  const pointer = (error as { pointer?: unknown }).pointer
  const issue: OperationOutcomeIssue = {
    severity: 'error',
    code,
    details: {
      coding: [{ system: 'urn:lensync:error', code: typeof errorCode === 'string' ? `${error.name}.${errorCode}` : error.name }],
      text: error.shortMessage,
    },
    ...(error.metaMessages?.length ? { diagnostics: error.metaMessages.join('\n') } : {}),
    ...(typeof pointer === 'string' && pointer.length > 0 ? { expression: [pointer] } : {}),
  }
  const issues: OperationOutcomeIssue[] = [issue]
  const server = (error.cause as { outcome?: unknown } | undefined)?.outcome ?? (error as { outcome?: unknown }).outcome
  if (isOutcome(server)) issues.push(...server.issue)
  return { resourceType: 'OperationOutcome', issue: issues }
}
