/**
 * Reconciling staged rounds with the chain: after a restart, and on every sync. @internal
 */
import { type Address, type Hex, recoverTypedDataAddress } from 'viem'
import type { StagedRound } from '../../../storage/StorageAdapter.js'
import { ackDomain, ackTypes } from '../../chain/actions/signAck.js'
import { type ProposedRound, ackRound, handleProposed, proposedOf, resendSignature } from './handleProposed.js'
import { discardRound, promoteRound } from './finishRound.js'
import { type PeerContext, metaOf, normalizeViewId, note, reach, readViewState, rethrowFault, sameAddress } from './context.js'
import { publish } from './propose.js'
import { isolated } from './isolate.js'

/**
 * Brings every staged round of a bound view in line with the chain:
 * - the round closed: promote when the chain's head is its commitment at its version, else discard;
 * - still open past its deadline: `expireRound` by the controller at once, by any other peer that staged
 *   the round once the controller's grace window has passed too (so nobody blocks the view for longer);
 * - still open: republish its payload (own proposals), ack it if this peer's bit is missing
 *   (others'; in relay mode the signature is handed over again on every sync until it is recorded),
 *   relay the collected signatures (own proposals, relay mode).
 * Rounds the chain has moved past are left to their `RoundCompleted` / `RoundAborted` events.
 * Returns the number of actions taken. @internal
 */
export async function reconcile(context: PeerContext): Promise<number> {
  let actions = 0
  for (const staged of await context.storage.listStaged()) {
    const viewId = normalizeViewId(staged.viewId as Hex)
    if (!context.bindings.has(viewId)) continue
    actions += await isolated(context, viewId, staged.round, () => reconcileRound(context, viewId, staged))
  }
  return actions
}

async function reconcileRound(context: PeerContext, viewId: Hex, staged: StagedRound): Promise<number> {
  const meta = metaOf(staged)
  const round = staged.round
  reach(context, 'reconcile:read', { viewId, round })
  const onChain = await context.chain.getView({ viewId })
  // A stage ahead of the chain cannot happen (proposals are staged after the contract accepted them);
  // rounds the chain moved past are finished by their events.
  if (onChain.round !== round) return 0
  if (!onChain.roundOpen) {
    const completed = onChain.version === meta.version && onChain.head.toLowerCase() === meta.commitment.toLowerCase()
    reach(context, completed ? 'reconcile:promote' : 'reconcile:discard', { viewId, round })
    const changed = await context.storage.transaction((tx) =>
      completed ? promoteRound(context, tx, viewId, round, meta.commitment) : discardRound(context, tx, viewId, round),
    )
    return changed ? 1 : 0
  }
  const expiry = await expireIfDue(context, viewId, onChain)
  if (expiry !== undefined) return expiry
  if (meta.kind === 'proposal') {
    if (!context.book.has(viewId, round, 'published')) {
      reach(context, 'reconcile:republish', { viewId, round })
      await publish(context, viewId, meta)
    }
    return context.ackMode === 'relay' ? relay(context, viewId, proposedOf(viewId, meta, onChain.deadline), onChain.ackMask) : 0
  }
  const acked = context.book.has(viewId, round, 'acked')
  if (acked && context.ackMode === 'direct') return 0
  const peers = await context.chain.peersOf({ viewId })
  const me = peers.find((p) => sameAddress(p.address, context.address))
  if (me === undefined || (onChain.ackMask >> BigInt(me.index)) & 1n) {
    context.book.mark(viewId, round, 'acked')
    return 0
  }
  const event = proposedOf(viewId, meta, onChain.deadline)
  if (!acked) return ackRound(context, event)
  // Relay mode, signed but not yet recorded: the relayer may have restarted and lost its inbox. Signing
  // again is free (off chain), so hand the signature over again; not counted as work.
  await resendSignature(context, event)
  return 0
}

/**
 * Closes the open round of `viewId` with `expireRound` when it is past its deadline (and the
 * controller's grace window, for other peers); its RoundAborted event then discards it everywhere.
 * Returns the actions taken (1, or 0 when another peer closed it first), or `undefined` when the
 * round is not due.
 */
async function expireIfDue(
  context: PeerContext,
  viewId: Hex,
  onChain: { readonly round: bigint; readonly controller: Address; readonly deadline: bigint; readonly grace: number },
): Promise<number | undefined> {
  const now = (await context.chain.getBlock({ blockTag: 'latest' })).timestamp
  const closableBy = sameAddress(onChain.controller, context.address) ? onChain.deadline : onChain.deadline + BigInt(onChain.grace)
  if (closableBy >= now) return undefined
  try {
    reach(context, 'reconcile:expire', { viewId, round: onChain.round })
    const { hash } = await context.wallet.expireRound({ account: context.account, viewId })
    note(context, { kind: 'expired', viewId, round: onChain.round, hash })
    return 1
  } catch (error) {
    // Another peer may close it first: a refusal here is not an error.
    rethrowFault(error)
    return 0
  }
}

/** Relays the signed acks of a round this peer proposed, once all missing peers have signed. */
async function relay(context: PeerContext, viewId: Hex, event: ProposedRound, ackMask: bigint): Promise<number> {
  const { round, commitment } = event
  if (context.book.has(viewId, round, 'relayed') || context.ackChannel === undefined) return 0
  const peers = await context.chain.peersOf({ viewId })
  const received = context.ackChannel.received(viewId, round)
  const signatures: { peerIndex: number; signature: Hex }[] = []
  for (const peer of peers) {
    if ((ackMask >> BigInt(peer.index)) & 1n) continue
    // Only signatures that recover to the peer: one bad entry would make the whole relay revert.
    let valid: Hex | undefined
    for (const ack of received) {
      if (!sameAddress(ack.signer, peer.address)) continue
      const signer = await ackSigner(context, event, ack.signature)
      if (signer !== undefined && sameAddress(signer, peer.address)) valid = ack.signature
    }
    if (valid === undefined) return 0
    signatures.push({ peerIndex: peer.index, signature: valid })
  }
  if (signatures.length === 0) return 0
  reach(context, 'relay:send', { viewId, round })
  const { hash } = await context.wallet.ackWithSignatures({ account: context.account, viewId, round, commitment, signatures })
  context.book.mark(viewId, round, 'relayed')
  note(context, { kind: 'relayed', viewId, round, hash })
  return 1
}

/** The signer of an EIP-712 `Ack` of `event` (`undefined` when the signature is malformed). */
async function ackSigner(context: PeerContext, event: ProposedRound, signature: Hex): Promise<Address | undefined> {
  const { viewId, round, version, commitment, deadline } = event
  try {
    return await recoverTypedDataAddress({
      domain: ackDomain({ address: context.coordinator, chainId: context.chainId }),
      types: ackTypes,
      primaryType: 'Ack',
      message: { viewId, round, version, commitment, deadline: Number(deadline) },
      signature,
    })
  } catch {
    return undefined
  }
}

/**
 * Handles the open round of every bound view that this peer neither proposed, staged nor refused for
 * good: a proposal whose payload could not be fetched (proposer offline, restarting) or whose record
 * was locked is retried from the chain's state, without its event, once its backoff (`RetryPolicy`)
 * has passed. An open round that this peer did not stage is closed with `expireRound` once it is past
 * its deadline (and the controller's grace window, for others), so that a round nobody staged cannot
 * block the view beyond the liveness bound. Returns the number of actions. @internal
 */
export async function catchUpOpenRounds(context: PeerContext): Promise<number> {
  let actions = 0
  for (const binding of context.bindings.values()) actions += await isolated(context, binding.viewId, undefined, () => catchUpOpenRound(context, binding.viewId))
  return actions
}

async function catchUpOpenRound(context: PeerContext, viewId: Hex): Promise<number> {
  const state = await readViewState(context.storage, viewId)
  if (state === undefined || state.revoked === true || state.heldFrom !== undefined) return 0
  const onChain = await context.chain.getView({ viewId })
  if (!onChain.roundOpen) return 0
  // A round that no peer staged (its proposer crashed between the proposal and its stage, or every
  // receiver refused it) would block the view for good: past its deadline any member closes it.
  if ((await context.storage.getStaged(viewId, onChain.round)) === undefined) {
    const expiry = await expireIfDue(context, viewId, onChain)
    if (expiry !== undefined) return expiry
  }
  if (sameAddress(onChain.proposer, context.address)) return 0
  if (context.book.has(viewId, onChain.round, 'refused') || context.book.has(viewId, onChain.round, 'acked')) return 0
  if ((await context.storage.getStaged(viewId, onChain.round)) !== undefined) return 0
  // Transient refusals wait out their backoff.
  if (!context.book.retryDue(viewId, onChain.round, context.now())) return 0
  return handleProposed(context, {
    viewId,
    round: onChain.round,
    proposer: onChain.proposer,
    version: onChain.version + 1n,
    commitment: onChain.pending,
    deadline: onChain.deadline,
  })
}
