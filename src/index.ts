/**
 * `lensync` — lawful lenses over FHIR records and an on-chain acknowledgement protocol that keeps
 * shared views identical across peers.
 *
 * @since 0.1.0
 */
export * from './lens/index.js'
export type { JsonValue } from './json/JsonValue.js'
export { LensyncError } from './errors.js'
export type { LensyncErrorParameters, LensyncErrorType } from './errors.js'
export { StorageError, isStorageError } from './storage/errors.js'
export { httpStatusOf, toOperationOutcome } from './fhir/toOperationOutcome.js'
export { historyToFhir } from './fhir/historyToFhir.js'
export type { FhirResourceJson, HistoryAsFhir, HistoryToFhirOptions } from './fhir/historyToFhir.js'
export type { OperationOutcome, OperationOutcomeIssue, OperationOutcomeIssueType } from './fhir/toOperationOutcome.js'
export type { StorageErrorCode, StorageErrorContext, StorageErrorParameters, StorageErrorType } from './storage/errors.js'
export type {
  EventCursor,
  EventKey,
  FinishRoundResult,
  PutRecordOptions,
  StageParameters,
  StageResult,
  StagedRound,
  StagedWrite,
  StorageAdapter,
  StorageOperations,
  StoredRecord,
} from './storage/StorageAdapter.js'
