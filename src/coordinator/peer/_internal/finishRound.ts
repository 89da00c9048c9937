/**
 * `RoundCompleted` / `RoundAborted`: promote or discard a staged round. @internal
 */
import type { Hex } from 'viem'
import type { StagedRound, StorageOperations } from '../../../storage/StorageAdapter.js'
import { isStorageError } from '../../../storage/errors.js'
import type { PeerViewState } from '../types.js'
import { type PeerContext, metaOf, normalizeViewId, note, reach, readViewState, writeViewState } from './context.js'
import { KEPT_PAYLOADS } from './keptPayloads.js'
import { publishedOf } from './roundMeta.js'
import { rebaseRound } from './rebase.js'
import { replayMissedRounds, stagedWith, storeCaughtUp } from './missedRounds.js'
import type { RoundMeta } from './codec.js'
import { type ClosedRound, reportOutcome } from './outcomes.js'

/**
 * Promotes `round` of `viewId` with its view state when its staged commitment is `commitment`;
 * discards it otherwise (a stage that never became this round). Runs inside `tx`. Returns whether
 * anything changed. @internal
 */
export async function promoteRound(context: PeerContext, tx: StorageOperations, viewId: Hex, round: bigint, commitment: Hex): Promise<boolean> {
  const staged = await tx.getStaged(viewId, round)
  if (staged === undefined) return false
  const meta = metaOf(staged)
  if (meta.commitment.toLowerCase() !== commitment.toLowerCase()) return discardRound(context, tx, viewId, round)
  const state = await readViewState(tx, viewId)
  const result = await promoteOrRebase(context, tx, viewId, staged, meta, commitment)
  // Rounds this peer proposed are kept (payload and salt) so that it can serve them to joiners whose
  // snapshot server lags, and to peers that missed them: only the newest `KEPT_PAYLOADS` per view.
  const kept = state?.published ?? []
  const completed = meta.kind === 'proposal' && !kept.some((p) => p.round === meta.round) ? publishedOf(meta) : undefined
  const published = completed === undefined ? kept : [...kept, completed]
  const next: PeerViewState = {
    ...state,
    recordId: meta.recordId,
    version: meta.version,
    head: meta.commitment,
    salt: meta.salt,
    digest: meta.digest,
    view: meta.view,
    controller: state?.controller ?? meta.proposer,
    ...(published.length > 0 ? { published: published.slice(-KEPT_PAYLOADS) } : {}),
  }
  await writeViewState(tx, viewId, next)
  if (result.changed) {
    note(context, { kind: 'promoted', viewId, round })
    context.book.wake()
  }
  return result.changed
}

/**
 * `promote`; when a staged write conflicts with the record in storage (written through another path
 * since the stage), the round is rebased onto the current record or the record rejoins the round's
 * verified view ({@link rebaseRound}) instead of failing: the record never stays locked by a completed
 * round.
 */
async function promoteOrRebase(context: PeerContext, tx: StorageOperations, viewId: Hex, staged: StagedRound, meta: RoundMeta, commitment: Hex): Promise<{ changed: boolean }> {
  try {
    return await tx.promote(viewId, staged.round)
  } catch (error) {
    if (!isStorageError(error, 'VersionConflict')) throw error
  }
  await rebaseRound(context, tx, viewId, staged, meta, commitment)
  return { changed: true }
}

/** Discards `round` of `viewId` inside `tx`. @internal */
export async function discardRound(context: PeerContext, tx: StorageOperations, viewId: Hex, round: bigint): Promise<boolean> {
  const staged = await tx.getStaged(viewId, round)
  if (staged === undefined) return false
  const result = await tx.discard(viewId, round)
  if (result.changed) {
    note(context, { kind: 'discarded', viewId, round })
    context.book.wake()
  }
  return result.changed
}

/**
 * Handles a `RoundCompleted` or `RoundAborted` log idempotently, then reports the round's outcome to
 * the callers waiting for it (once the promotion or discard is stored). @internal
 */
export async function handleFinished(context: PeerContext, event: ClosedRound, key: { txHash: string; logIndex: number }): Promise<number> {
  const viewId = normalizeViewId(event.viewId)
  reach(context, 'completed' in event ? 'finish:promote' : 'finish:discard', { viewId, round: event.round })
  // A round that completed without this peer (evicted as silent, then set back) is replayed first.
  const caughtUp =
    'completed' in event && !(await stagedWith(context, viewId, event.round, event.completed.commitment))
      ? await replayMissedRounds(context, viewId, { round: event.round, ...event.completed })
      : undefined
  const changed = await context.storage.transaction(async (tx) => {
    const changed =
      'completed' in event
        ? await promoteRound(context, tx, viewId, event.round, event.completed.commitment)
        : await discardRound(context, tx, viewId, event.round)
    if (caughtUp !== undefined) await storeCaughtUp(context, tx, caughtUp)
    await tx.markProcessed(key)
    return changed || caughtUp !== undefined
  })
  context.book.finish(viewId, event.round)
  await reportOutcome(context, event)
  return changed ? 1 : 0
}
