/**
 * `RoundCompleted` / `RoundAborted`: promote or discard a staged round. @internal
 */
import type { Hex } from 'viem'
import type { StorageOperations } from '../../../storage/StorageAdapter.js'
import type { PeerViewState } from '../types.js'
import { type PeerContext, metaOf, normalizeViewId, note, readViewState } from './context.js'
import { KEPT_PAYLOADS } from './keptPayloads.js'

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
  const result = await tx.promote(viewId, round)
  // Rounds this peer proposed are kept (payload and salt) so that it can serve them to joiners whose
  // snapshot server lags, and to peers that missed them: only the newest `KEPT_PAYLOADS` per view.
  const kept = state?.published ?? []
  const published =
    meta.kind === 'proposal' && !kept.some((p) => p.round === meta.round)
      ? [
          ...kept,
          {
            round: meta.round,
            baseVersion: String(meta.baseVersion),
            version: String(meta.version),
            patch: meta.patch,
            salt: meta.salt,
            commitment: meta.commitment,
          },
        ]
      : kept
  // A view state written before snapshots may still carry its version-0 copy (`genesis`): dropped.
  const { genesis: _legacy, ...rest } = (state ?? {}) as Partial<PeerViewState> & { readonly genesis?: unknown }
  const next: PeerViewState = {
    ...rest,
    recordId: meta.recordId,
    version: meta.version,
    head: meta.commitment,
    salt: meta.salt,
    digest: meta.digest,
    view: meta.view,
    controller: state?.controller ?? meta.proposer,
    ...(published.length > 0 ? { published: published.length > KEPT_PAYLOADS ? published.slice(-KEPT_PAYLOADS) : published } : {}),
  }
  await tx.setViewState(viewId, next)
  if (result.changed) note(context, { kind: 'promoted', viewId, round })
  return result.changed
}

/** Discards `round` of `viewId` inside `tx`. @internal */
export async function discardRound(context: PeerContext, tx: StorageOperations, viewId: Hex, round: bigint): Promise<boolean> {
  const staged = await tx.getStaged(viewId, round)
  if (staged === undefined) return false
  const result = await tx.discard(viewId, round)
  if (result.changed) note(context, { kind: 'discarded', viewId, round })
  return result.changed
}

/** Handles a `RoundCompleted` or `RoundAborted` log idempotently. @internal */
export async function handleFinished(
  context: PeerContext,
  event: { viewId: Hex; round: bigint; commitment?: Hex | undefined },
  key: { txHash: string; logIndex: number },
): Promise<number> {
  const viewId = normalizeViewId(event.viewId)
  return context.storage.transaction(async (tx) => {
    const changed =
      event.commitment !== undefined ? await promoteRound(context, tx, viewId, event.round, event.commitment) : await discardRound(context, tx, viewId, event.round)
    await tx.markProcessed(key)
    return changed ? 1 : 0
  })
}
