/**
 * Finishing a completed round whose record changed in storage after it was staged. @internal
 */
import type { Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import { applyPatch } from '../../../lens/patch/applyPatch.js'
import type { Patch } from '../../../lens/patch/types.js'
import { translate } from '../../../lens/translate.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import type { StagedRound, StorageOperations } from '../../../storage/StorageAdapter.js'
import { viewDigest } from '../../commitment/digest.js'
import { viewCommitment } from '../../commitment/viewCommitment.js'
import { PeerError } from '../errors.js'
import type { RoundMeta } from './codec.js'
import { type PeerContext, note, viewThrough } from './context.js'

/**
 * Applies a completed round whose staged writes no longer match the record in storage (another path
 * wrote the record between `stage` and `promote`), inside `tx`, so that neither the round nor the
 * other write is lost and the record is unlocked:
 * - **rebase** — the round's change is replayed on the current record: its record patch as is (rounds
 *   this peer proposed with `updateRecord`), else its view patch translated through the lens against
 *   the current record. Kept when the view of the result is the round's view (the other write touched
 *   only what the view hides, or agrees with it).
 * - **rejoin** — otherwise (the other write changed what the view shows, or the patch no longer
 *   applies) the record takes the round's view, a snapshot whose commitment is checked against the
 *   chain's, through `lens.put` on the current record: parts the view hides keep the other write.
 * The stage is then dropped (storage remembers it as discarded) and the record written by
 * compare-and-swap on its current version; the caller writes the view state in the same transaction.
 * Throws `PeerError` `CommitmentMismatch` when the staged view does not produce the chain's commitment
 * (nothing changes; the view is held and reported). @internal
 */
export async function rebaseRound(
  context: PeerContext,
  tx: StorageOperations,
  viewId: Hex,
  staged: StagedRound,
  meta: RoundMeta,
  commitment: Hex,
): Promise<void> {
  const { round } = staged
  const snapshot = viewCommitment({ view: meta.view, chainId: context.chainId, coordinator: context.coordinator, viewId, version: meta.version, salt: meta.salt })
  if (snapshot.commitment.toLowerCase() !== commitment.toLowerCase())
    throw new PeerError({
      code: 'CommitmentMismatch',
      viewId,
      round,
      message: 'the staged view of this completed round does not produce the commitment on chain; join the view again (joinView) from an up-to-date member.',
    })
  const binding = context.bindings.get(viewId)
  const writes: { recordId: string; expectedVersion: string | null; data: JsonValue }[] = []
  for (const write of staged.writes) {
    const current = await tx.getRecord(write.recordId)
    const currentVersion = current?.version ?? null
    if (currentVersion === write.baseVersion) {
      writes.push({ recordId: write.recordId, expectedVersion: currentVersion, data: write.data })
      continue
    }
    if (binding === undefined || binding.recordId !== write.recordId)
      throw new PeerError({
        code: 'RecordNotFound',
        viewId,
        round,
        recordId: write.recordId,
        message: 'the round writes a record no lens of this view reads, and it changed since the round was staged; bind the view to it.',
      })
    const agrees = (data: JsonValue) => viewDigest(viewThrough(binding.lens, data)) === meta.digest
    const rebased = current === undefined ? undefined : replay(binding.lens, current.data, meta, agrees)
    if (rebased !== undefined && agrees(rebased)) {
      writes.push({ recordId: write.recordId, expectedVersion: currentVersion, data: rebased })
      note(context, { kind: 'rebased', viewId, round, message: `record ${write.recordId} changed in storage after round ${round} was staged; the round was replayed on it.` })
      continue
    }
    const data = (current === undefined ? binding.lens.create(meta.view) : binding.lens.put(rebased ?? current.data, meta.view)) as JsonValue
    if (!agrees(data))
      throw new PeerError({ code: 'CommitmentMismatch', viewId, round, recordId: write.recordId, message: "the round's view does not survive this peer's lens; join the view again (joinView)." })
    writes.push({ recordId: write.recordId, expectedVersion: currentVersion, data })
    note(context, {
      kind: 'rejoined',
      viewId,
      round,
      message: `record ${write.recordId} changed in storage after round ${round} was staged, in what the view shows; the record now shows the round's verified view (the parts the view hides keep the other write).`,
    })
  }
  await tx.discard(viewId, round)
  for (const w of writes) await tx.putRecord(w.recordId, w.data, { expectedVersion: w.expectedVersion })
}

/**
 * The round's change replayed on `data`: its record patch when it applies and shows the round's view,
 * else its view patch translated through the lens; `undefined` when that does not apply either.
 */
function replay(lens: Lens<unknown, unknown>, data: JsonValue, meta: RoundMeta, agrees: (data: JsonValue) => boolean): JsonValue | undefined {
  const attempt = (patch: () => Patch): JsonValue | undefined => {
    try {
      return applyPatch(data, patch()) as JsonValue
    } catch {
      return undefined
    }
  }
  const { recordPatch } = meta
  const byRecord = recordPatch === undefined ? undefined : attempt(() => recordPatch)
  if (byRecord !== undefined && agrees(byRecord)) return byRecord
  return attempt(() => translate(lens, data, meta.patch))
}
