/**
 * The refusals every storage engine throws in the same words: a record at another version, a round
 * already finished, a round never staged.
 *
 * @internal
 */
import { StorageError } from '../errors.js'

/** `VersionConflict`: `recordId` is at `actualVersion`, not `expectedVersion`. @internal */
export function versionConflict(operation: string, recordId: string, expectedVersion: string | null, actualVersion: string | null, extra = {}): StorageError {
  const show = (version: string | null) => (version === null ? 'absent' : `version ${JSON.stringify(version)}`)
  return new StorageError({
    code: 'VersionConflict',
    operation,
    message: `record "${recordId}" is ${show(actualVersion)}, not ${show(expectedVersion)}; re-read it and retry.`,
    context: { recordId, expectedVersion, actualVersion, ...extra },
  })
}

/** `RoundFinished`: the round was already promoted or discarded. @internal */
export function roundFinished(operation: string, viewId: string, round: bigint, outcome: 'promoted' | 'discarded'): StorageError {
  return new StorageError({
    code: 'RoundFinished',
    operation,
    message: `round ${round} of view "${viewId}" was already ${outcome}.`,
    context: { viewId, round, outcome },
  })
}

/** `StageNotFound`: `promote` of a round never staged. @internal */
export function stageNotFound(viewId: string, round: bigint): StorageError {
  return new StorageError({
    code: 'StageNotFound',
    operation: 'promote',
    message: `round ${round} of view "${viewId}" was never staged; stage it before promoting.`,
    context: { viewId, round },
  })
}

/** `StageConflict`: the round is already staged with other writes or meta. @internal */
export function stageConflict(viewId: string, round: bigint): StorageError {
  return new StorageError({
    code: 'StageConflict',
    operation: 'stage',
    message: `round ${round} of view "${viewId}" is already staged with other writes or meta; discard it first to replace it.`,
    context: { viewId, round },
  })
}
