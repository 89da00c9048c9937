/**
 * `UpdateProposed`: fetch, apply staged through the peer's own lens, recompute, ack or refuse. @internal
 */
import type { Address, Hex } from 'viem'
import { applyPatch } from '../../../lens/patch/applyPatch.js'
import { translate } from '../../../lens/translate.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import type { SignedRoundPayload } from '../../transport/types.js'
import { type RoundMeta, encodeRoundMeta } from './codec.js'
import { type PeerContext, firstLine, normalizeViewId, note, reach, readViewState, rethrowFault, sameAddress, stagedOnRecord, viewThrough } from './context.js'
import { roundMeta } from './roundMeta.js'
import { fetchRefusal, isFinalRefusal } from './refusals.js'
import type { PeerLogReason } from '../types.js'
import type { OwnRefusal } from './roundWaiters.js'

/** The fields of an `UpdateProposed` log. @internal */
export interface ProposedRound {
  readonly viewId: Hex
  readonly round: bigint
  readonly proposer: Address
  readonly version: bigint
  readonly commitment: Hex
  readonly deadline: number | bigint
}

/**
 * Handles one proposal by another peer. Returns the number of actions taken (0 or 1); `markProcessed`
 * of `key` happens in the same transaction as the stage (or alone, for a skip or a refusal). @internal
 */
export async function handleProposed(context: PeerContext, event: ProposedRound, key?: { txHash: string; logIndex: number }): Promise<number> {
  const viewId = normalizeViewId(event.viewId)
  const binding = context.bindings.get(viewId)
  const skip = async () => {
    if (key !== undefined) await context.storage.markProcessed(key)
    return 0
  }
  if (binding === undefined || sameAddress(event.proposer, context.address)) return skip()
  const state = await readViewState(context.storage, viewId)
  if (state === undefined) return skip()
  if ((await context.storage.getStaged(viewId, event.round)) !== undefined) {
    await skip()
    return ackRound(context, event)
  }
  if (context.book.has(viewId, event.round, 'refused')) return skip()
  reach(context, 'receive:read', { viewId, round: event.round })
  const onChain = await context.chain.getView({ viewId })
  // The round is already over (aborted; it cannot have completed without this peer): nothing to do.
  if (!onChain.roundOpen || onChain.round !== event.round) return skip()
  // Final refusals (what the proposer served or proposed is wrong) are logged once and never retried,
  // and the controller cancels the round; transient ones (the proposer unreachable, the record locked,
  // this peer behind) are logged once and retried from the chain's open round with backoff.
  const refuse = async (reason: PeerLogReason, message: string, cause?: unknown) => {
    const final = isFinalRefusal(reason)
    const delay = final ? 0 : context.book.deferRetry(viewId, event.round, context.now(), context.backoff, reason === 'RecordLocked' || reason === 'StaleBase')
    if (context.book.noteRefusal(viewId, event.round, reason))
      note(context, { kind: 'refused', viewId, round: event.round, reason, final, message: final ? message : `${message} (retried with backoff, first in ${delay} ms)` })
    if (final) {
      context.book.mark(viewId, event.round, 'refused')
      context.waiters.noteRefusal(viewId, event.round, { code: reason as OwnRefusal['code'], message, cause })
      // The controller does not let a round it can never ack block the view until its deadline.
      if (sameAddress(state.controller, context.address)) await cancel(context, viewId, event.round)
    }
    return skip()
  }

  // Another round staged writes to the record: promoting both would conflict (checked before any
  // request: waiting on a local lock costs the proposer nothing).
  const locks = (await stagedOnRecord(context, context.storage, binding.recordId)).filter((s) => s.writes.length > 0)
  if (locks.length > 0) return refuse('RecordLocked', `round ${locks[0]!.round} of view ${locks[0]!.viewId} is staged over the same record.`)

  let payload: SignedRoundPayload
  reach(context, 'receive:fetch', { viewId, round: event.round })
  try {
    payload = await context.transport.fetch({ viewId, round: event.round, from: event.proposer })
  } catch (error) {
    const reason = fetchRefusal(error)
    return refuse(
      reason,
      reason === 'PayloadUnavailable' ? `cannot fetch the payload from the proposer: ${firstLine(error)}` : `the proposer served a payload this peer refuses: ${firstLine(error)}`,
      error,
    )
  }
  if (
    normalizeViewId(payload.viewId) !== viewId ||
    payload.round !== event.round ||
    payload.version !== event.version ||
    payload.commitment.toLowerCase() !== event.commitment.toLowerCase()
  )
    return refuse('PayloadMismatch', 'the payload does not describe the round proposed on chain.')
  if (payload.baseVersion !== state.version || event.version !== state.version + 1n)
    // This peer is behind (a completed round not promoted yet): retried once it caught up, never final.
    return refuse('StaleBase', `the round builds on version ${payload.baseVersion} but this peer holds version ${state.version}.`)

  const stored = await context.storage.getRecord(binding.recordId)
  if (stored === undefined) return refuse('PatchRejected', `record ${binding.recordId} is missing locally.`)
  let next: JsonValue
  let view: JsonValue
  try {
    const sourcePatch = translate(binding.lens, stored.data, payload.patch)
    next = applyPatch(stored.data, sourcePatch) as JsonValue
    view = viewThrough(binding.lens, next)
  } catch (error) {
    return refuse('PatchRejected', `the patch does not apply through this peer's lens: ${firstLine(error)}`, error)
  }
  // Rebuild the round from this peer's own staged data, with the payload's salt.
  const meta = roundMeta(context, {
    kind: 'incoming',
    viewId,
    round: event.round,
    base: state,
    recordId: binding.recordId,
    proposer: event.proposer,
    salt: payload.salt,
    patch: payload.patch,
    view,
  })
  if (meta.commitment.toLowerCase() !== event.commitment.toLowerCase())
    return refuse('CommitmentMismatch', 'the patch applied to this peer\'s data does not produce the proposed commitment; not acking.')

  reach(context, 'receive:stage', { viewId, round: event.round })
  await context.storage.transaction(async (tx) => {
    await tx.stage(viewId, event.round, {
      writes: [{ recordId: binding.recordId, baseVersion: stored.version, data: next }],
      meta: encodeRoundMeta(meta),
    })
    if (key !== undefined) await tx.markProcessed(key)
  })
  return ackRound(context, event)
}

/** Acks a staged round (direct or relay), once per process. @internal */
export async function ackRound(context: PeerContext, event: ProposedRound): Promise<number> {
  const viewId = normalizeViewId(event.viewId)
  if (context.book.has(viewId, event.round, 'acked')) return 0
  try {
    return await sendAck(context, event, viewId)
  } catch (error) {
    rethrowFault(error)
    note(context, { kind: 'refused', viewId, round: event.round, reason: 'AckFailed', message: firstLine(error) })
    return 0
  }
}

async function sendAck(context: PeerContext, event: ProposedRound, viewId: Hex): Promise<number> {
  reach(context, 'ack:send', { viewId, round: event.round })
  if (context.ackMode === 'relay') {
    await handOverSignature(context, event, viewId)
    context.book.mark(viewId, event.round, 'acked')
    note(context, { kind: 'signed', viewId, round: event.round })
    return 1
  }
  const { hash } = await context.wallet.ack({ account: context.account, viewId, round: event.round, commitment: event.commitment, wait: false })
  context.book.mark(viewId, event.round, 'acked')
  note(context, { kind: 'acked', viewId, round: event.round, hash })
  return 1
}

/** The `ProposedRound` of a staged round and the chain's deadline. @internal */
export function proposedOf(viewId: Hex, meta: RoundMeta, deadline: number | bigint): ProposedRound {
  return { viewId, round: meta.round, proposer: meta.proposer, version: meta.version, commitment: meta.commitment, deadline }
}

/** Cancels `round` of `viewId` if it is still the open round (this peer is the view's controller). */
async function cancel(context: PeerContext, viewId: Hex, round: bigint): Promise<void> {
  try {
    const onChain = await context.chain.getView({ viewId })
    if (!onChain.roundOpen || onChain.round !== round) return
    reach(context, 'cancel:send', { viewId, round })
    const { hash } = await context.wallet.cancelRound({ account: context.account, viewId })
    note(context, { kind: 'cancelled', viewId, round, hash })
  } catch (error) {
    rethrowFault(error)
    note(context, { kind: 'refused', viewId, round, reason: 'CancelFailed', message: firstLine(error) })
  }
}

/** Relay mode: signs and hands over the ack of `event` again (errors ignored: the next sync retries). @internal */
export async function resendSignature(context: PeerContext, event: ProposedRound): Promise<void> {
  try {
    await handOverSignature(context, event, normalizeViewId(event.viewId))
  } catch (error) {
    rethrowFault(error)
    // The relayer is unreachable right now.
  }
}

/** Relay mode: signs the ack of `event` and sends the signature to its proposer. */
async function handOverSignature(context: PeerContext, event: ProposedRound, viewId: Hex): Promise<void> {
  const { round, version, commitment, deadline } = event
  const signature = await context.wallet.signAck({ signer: context.account, chainId: context.chainId, viewId, round, version, commitment, deadline })
  reach(context, 'ack:handover', { viewId, round })
  await context.ackChannel!.send(event.proposer, { viewId, round: event.round, signer: context.address, signature })
}
