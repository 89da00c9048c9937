/**
 * Opening a round: stage, publish, propose. @internal
 */
import type { Hex } from 'viem'
import type { Patch } from '../../../lens/patch/types.js'
import type { StagedWrite } from '../../../storage/StorageAdapter.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { commitment } from '../../commitment/commitment.js'
import { viewDigest } from '../../commitment/digest.js'
import { generateSalt } from '../../commitment/salt.js'
import { PeerError, type PeerErrorCode } from '../errors.js'
import type { PeerViewState, ProposeResult } from '../types.js'
import { type PeerContext, type RoundMeta, jsonCopy, normalizeViewId, note, refusedByChain, roundKey } from './context.js'

/** What a round changes. @internal */
export interface RoundChange {
  readonly viewId: Hex
  readonly state: PeerViewState
  /** The record writes (none when the record already holds the change: propagation). */
  readonly writes: readonly StagedWrite[]
  /** The view patch other peers apply. */
  readonly patch: Patch
  /** The view after the round. */
  readonly view: JsonValue
}

const chainCodes: Partial<Record<string, PeerErrorCode>> = {
  RoundOpen: 'RoundOpen',
  StaleBase: 'StaleBase',
  CommitmentMismatch: 'StaleBase',
  MissingPermission: 'MissingPermission',
  NotPeer: 'NotMember',
}

/**
 * Publishes the payload under the round the proposal will open, proposes, then stages the change.
 * On a refusal by the contract nothing is staged and a `PeerError` is thrown (`cause`: the
 * coordinator error). @internal
 */
export async function proposeRound(context: PeerContext, change: RoundChange): Promise<ProposeResult> {
  const viewId = normalizeViewId(change.viewId)
  const { state } = change
  const onChain = await context.chain.getView(viewId)
  if (onChain.roundOpen)
    throw new PeerError({
      code: 'RoundOpen',
      source: 'chain',
      viewId,
      round: onChain.round,
      message: `round ${onChain.round} is open on this view; sync until it closes, then retry.`,
    })
  if (onChain.version !== BigInt(state.version) || onChain.head.toLowerCase() !== state.head.toLowerCase())
    throw new PeerError({
      code: 'StaleBase',
      source: 'chain',
      viewId,
      message: `this peer holds version ${state.version} but the view is at version ${onChain.version}; sync, then redo the edit on the new view.`,
    })
  const version = state.version + 1
  const salt = generateSalt()
  const digest = viewDigest(change.view)
  const newCommitment = commitment({ chainId: context.chainId, coordinator: context.coordinator, viewId, version, salt, digest })
  const meta = (round: bigint): RoundMeta => ({
    kind: 'proposal',
    round: round.toString(),
    recordId: state.recordId,
    baseVersion: state.version,
    baseCommitment: state.head,
    version,
    salt,
    commitment: newCommitment,
    digest,
    proposer: context.address,
    patch: jsonCopy(change.patch) as unknown as JsonValue,
    view: change.view,
  })
  // Publish first, so that peers can fetch the payload as soon as the proposal is mined; stage only
  // once the contract accepted it: a refused proposal leaves no stage (and no tombstone on a round
  // number that another proposer's round will use). A crash between the two loses only this edit:
  // the round expires and every peer discards it.
  const predicted = onChain.round + 1n
  await publish(context, meta(predicted), viewId)
  let result
  try {
    result = await context.chain.proposeUpdate({
      viewId,
      baseVersion: BigInt(state.version),
      baseCommitment: state.head,
      newCommitment,
      ttl: context.ttl,
    })
  } catch (error) {
    throw refusedByChain(error, chainCodes, { viewId, round: predicted }, (code, name) => ({
      message:
        code === 'StaleBase' || code === 'RoundOpen'
          ? 'the contract refused the proposal: another round got there first; sync, then redo the edit on the new view.'
          : `the contract refused the proposal (${name ?? 'unknown error'}).`,
    }))
  }
  // A round opened and aborted between the read and the proposal: the payload goes under the real round.
  if (result.round !== predicted) await publish(context, meta(result.round), viewId)
  await context.storage.stage(viewId, result.round, { writes: change.writes, meta: meta(result.round) as unknown as JsonValue })
  note(context, { kind: 'proposed', viewId, round: result.round, hash: result.hash })
  return {
    viewId,
    round: result.round,
    version: BigInt(version),
    commitment: newCommitment,
    patch: change.patch,
    hash: result.hash,
    gasUsed: result.receipt.gasUsed,
  }
}

/** Publishes the payload of a round this peer proposed (idempotent). @internal */
export async function publish(context: PeerContext, meta: RoundMeta, viewId: Hex): Promise<void> {
  await context.transport.publish({
    viewId,
    round: BigInt(meta.round),
    baseVersion: BigInt(meta.baseVersion),
    version: BigInt(meta.version),
    patch: meta.patch as never,
    salt: meta.salt,
    commitment: meta.commitment,
    proposer: context.address,
  })
  context.published.add(roundKey(viewId, BigInt(meta.round)))
}
