/**
 * Rounds that completed without this peer: a silent member evicted by `evictAndCommit` and set back
 * before it read its removal still holds the version before the round. It replays what it missed so
 * that it does not stay behind (refusing every later round as `StaleBase`). @internal
 */
import type { Hex } from 'viem'
import { applyPatch } from '../../../lens/patch/applyPatch.js'
import { translate } from '../../../lens/translate.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import type { StorageOperations } from '../../../storage/StorageAdapter.js'
import { viewCommitment } from '../../commitment/viewCommitment.js'
import { PeerError } from '../errors.js'
import type { PeerViewState } from '../types.js'
import { type PeerContext, metaOf, note, readViewState, viewThrough, writeViewState } from './context.js'

/** What replaying the missed rounds of one view produced, stored by {@link storeCaughtUp}. @internal */
export interface CaughtUp {
  readonly viewId: Hex
  /** The last round replayed. */
  readonly round: bigint
  readonly recordId: string
  /** The record's version the replay started from (compare-and-swap). */
  readonly recordVersion: string
  readonly data: JsonValue
  readonly state: PeerViewState
}

/**
 * Whether `round` of `viewId` is staged here with `commitment` (then its promotion brings this peer up
 * to date). @internal
 */
export async function stagedWith(context: PeerContext, viewId: Hex, round: bigint, commitment: Hex): Promise<boolean> {
  const staged = await context.storage.getStaged(viewId, round)
  return staged !== undefined && metaOf(staged).commitment.toLowerCase() === commitment.toLowerCase()
}

/**
 * For the completed `round` of `viewId` (creating `version` with `commitment`), not staged here
 * ({@link stagedWith}): when this peer holds an older version, fetches every completed round it
 * missed up to it from its proposer, replays each through the view's lens onto the record and checks
 * it against the round's commitment on chain. Returns `undefined` when this peer is not behind.
 * Throws `PeerError` `JoinUnavailable` (a payload cannot be fetched), `CommitmentMismatch` (a replay
 * does not produce the commitment) or `RecordNotFound`: the view is then held and the event retried
 * by the next sync. Nothing is written here. @internal
 */
export async function replayMissedRounds(context: PeerContext, viewId: Hex, completed: { readonly round: bigint; readonly version: bigint; readonly commitment: Hex }): Promise<CaughtUp | undefined> {
  const binding = context.bindings.get(viewId)
  const state = await readViewState(context.storage, viewId)
  if (binding === undefined || state === undefined || state.version >= completed.version) return undefined
  const stored = await context.storage.getRecord(binding.recordId)
  if (stored === undefined)
    throw new PeerError({ code: 'RecordNotFound', viewId, recordId: binding.recordId, message: `rounds completed without this peer, and the record behind the view is missing locally: restore it, or join the view again.` })

  const history = await context.chain.getHistory({ viewId, fromBlock: context.fromBlock })
  const missed = history.rounds.filter((r) => r.outcome === 'completed' && r.version > state.version && r.version <= completed.version)
  let data = stored.data as JsonValue
  let { version, salt, head, digest, view } = state
  for (const round of missed) {
    let payload
    try {
      payload = await context.transport.fetch({ viewId, round: round.round, from: round.proposer })
    } catch (error) {
      throw new PeerError({ code: 'JoinUnavailable', viewId, round: round.round, message: `round ${round.round} completed without this peer and its proposer ${round.proposer} does not serve it; retried by the next sync.`, cause: error })
    }
    if (payload.version !== round.version || payload.baseVersion !== version)
      throw new PeerError({ code: 'CommitmentMismatch', viewId, round: round.round, message: `the payload of round ${round.round} does not continue version ${version}.` })
    data = applyPatch(data, translate(binding.lens, data, payload.patch)) as JsonValue
    view = viewThrough(binding.lens, data)
    const rebuilt = viewCommitment({ view, chainId: context.chainId, coordinator: context.coordinator, viewId, version: round.version, salt: payload.salt })
    if (rebuilt.commitment.toLowerCase() !== round.commitment.toLowerCase())
      throw new PeerError({ code: 'CommitmentMismatch', viewId, round: round.round, message: `replaying round ${round.round}, which completed without this peer, does not produce its commitment on chain.` })
    version = round.version
    salt = payload.salt
    head = rebuilt.commitment
    digest = rebuilt.digest
  }
  if (version !== completed.version)
    throw new PeerError({ code: 'JoinUnavailable', viewId, round: completed.round, message: `the history read from block ${context.fromBlock} does not show every round this peer missed up to version ${completed.version}.` })
  return { viewId, round: completed.round, recordId: binding.recordId, recordVersion: stored.version, data, state: { ...state, version, head, salt, digest, view } }
}

/** Stores a replay of {@link replayMissedRounds} inside `tx` (the record by compare-and-swap) and logs `caughtUp`. @internal */
export async function storeCaughtUp(context: PeerContext, tx: StorageOperations, caughtUp: CaughtUp): Promise<void> {
  await tx.putRecord(caughtUp.recordId, caughtUp.data, { expectedVersion: caughtUp.recordVersion })
  await writeViewState(tx, caughtUp.viewId, caughtUp.state)
  note(context, { kind: 'caughtUp', viewId: caughtUp.viewId, round: caughtUp.round, message: `replayed the rounds that completed without this peer, up to version ${caughtUp.state.version}.` })
}
