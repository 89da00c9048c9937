/**
 * Opening a round: stage, publish, propose. @internal
 */
import type { Hex } from 'viem'
import type { SealedRoundPayload } from '../../transport/types.js'
import type { Patch } from '../../../lens/patch/types.js'
import type { StagedWrite } from '../../../storage/StorageAdapter.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { generateSalt } from '../../commitment/salt.js'
import { PeerError, type PeerErrorCode } from '../errors.js'
import type { PeerViewState, ProposeResult } from '../types.js'
import { type RoundMeta, encodeRoundMeta } from './codec.js'
import { type PeerContext, normalizeViewId, note, reach, refusedByChain } from './context.js'
import { payloadOf, roundMeta } from './roundMeta.js'

/** What a round changes. @internal */
export interface RoundChange {
  readonly viewId: Hex
  readonly state: PeerViewState
  /** The record writes (none when the record already holds the change: propagation). */
  readonly writes: readonly StagedWrite[]
  /** The view patch other peers apply. */
  readonly patch: Patch
  /** The record patch behind `writes`, kept in the stage so that it can be replayed on a record that changed meanwhile. */
  readonly recordPatch?: Patch | undefined
  /** The view after the round. */
  readonly view: JsonValue
}

const chainCodes: Partial<Record<string, PeerErrorCode>> = {
  RoundOpen: 'RoundOpen',
  StaleBase: 'StaleBase',
  CommitmentMismatch: 'StaleBase',
  MissingPermission: 'MissingPermission',
  NotPeer: 'NotMember',
  ProposerBenched: 'ProposerBenched',
}

/**
 * Publishes the payload under the round the proposal will open, proposes, then stages the change.
 * On a refusal by the contract nothing is staged and a `PeerError` is thrown (`cause`: the
 * coordinator error). @internal
 */
export async function proposeRound(context: PeerContext, change: RoundChange): Promise<ProposeResult> {
  const viewId = normalizeViewId(change.viewId)
  const { state } = change
  reach(context, 'propose:read', { viewId })
  const onChain = await context.chain.getView({ viewId })
  if (onChain.roundOpen)
    throw new PeerError({
      code: 'RoundOpen',
      source: 'chain',
      viewId,
      round: onChain.round,
      message: `round ${onChain.round} is open on this view; sync until it closes, then retry.`,
    })
  if (onChain.version !== state.version || onChain.head.toLowerCase() !== state.head.toLowerCase())
    throw new PeerError({
      code: 'StaleBase',
      source: 'chain',
      viewId,
      message: `this peer holds version ${state.version} but the view is at version ${onChain.version}; sync, then redo the edit on the new view.`,
    })
  const predicted = onChain.round + 1n
  const proposal = roundMeta(context, {
    kind: 'proposal',
    viewId,
    round: predicted,
    base: state,
    recordId: state.recordId,
    proposer: context.address,
    salt: generateSalt(),
    patch: change.patch,
    view: change.view,
  })
  // Publish first, so that peers can fetch the payload as soon as the proposal is mined; stage only
  // once the contract accepted it: a refused proposal leaves no stage (and no tombstone on a round
  // number that another proposer's round will use). A crash between the two loses only this edit:
  // the round expires and every peer discards it. A payload already stored under `predicted` is from
  // a proposal of this peer the chain never accepted (the chain is at an earlier round, and this peer
  // runs one operation at a time): withdrawn, so that the round number carries this one.
  context.transport.withdraw(viewId, predicted)
  reach(context, 'propose:publish', { viewId, round: predicted })
  let sealed = await publish(context, viewId, proposal)
  let result
  reach(context, 'propose:send', { viewId, round: predicted })
  try {
    result = await context.wallet.proposeUpdate({
      account: context.account,
      viewId,
      baseVersion: state.version,
      baseCommitment: state.head,
      newCommitment: proposal.commitment,
      ttl: context.ttl,
    })
  } catch (error) {
    context.transport.withdraw(viewId, predicted)
    throw refusedByChain(error, chainCodes, { viewId, round: predicted }, (code, name) => ({
      message:
        code === 'StaleBase' || code === 'RoundOpen'
          ? 'the contract refused the proposal: another round got there first; sync, then redo the edit on the new view.'
          : code === 'ProposerBenched'
            ? "the contract refused the proposal: this peer's last round on the view was cancelled or expired, so the other writers go first for the view's grace window; retry after it."
            : `the contract refused the proposal (${name ?? 'unknown error'}).`,
    }))
  }
  // A round opened and aborted between the read and the proposal: the payload goes under the real round.
  const meta = result.round === predicted ? proposal : { ...proposal, round: result.round }
  if (meta !== proposal) {
    context.transport.withdraw(viewId, predicted)
    sealed = await publish(context, viewId, meta)
  }
  // The sealed payload is what this peer keeps once the round completes: its archive holds ciphertext only.
  const recordPatch = change.recordPatch !== undefined && change.writes.length > 0 ? { recordPatch: change.recordPatch } : {}
  reach(context, 'propose:stage', { viewId, round: meta.round })
  await context.storage.stage(viewId, meta.round, { writes: change.writes, meta: encodeRoundMeta({ ...meta, ...recordPatch, sealed }) })
  note(context, { kind: 'proposed', viewId, round: result.round, hash: result.hash })
  return {
    viewId,
    round: result.round,
    version: meta.version,
    commitment: meta.commitment,
    patch: change.patch,
    hash: result.hash,
    gasUsed: result.receipt.gasUsed,
  }
}

/** Publishes the payload of a round this peer proposed (idempotent); resolves with it sealed. @internal */
export async function publish(context: PeerContext, viewId: Hex, meta: RoundMeta): Promise<SealedRoundPayload> {
  const sealed = await context.transport.publish(payloadOf(viewId, meta, context.address))
  context.book.mark(viewId, meta.round, 'published')
  return sealed
}
