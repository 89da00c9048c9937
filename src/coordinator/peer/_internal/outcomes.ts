/**
 * The outcome of a round, from its closing event or, for a round that closed before anyone waited,
 * from the chain. @internal
 */
import { type Address, getAddress, type Hex } from 'viem'
import { RoundRefusedError } from '../errors.js'
import type { RoundOutcome } from '../roundOutcome.js'
import { type PeerContext, normalizeViewId } from './context.js'

/** `RoundAborted.reason`: the contract's `AbortReason` enum, in order. @internal */
const abortReasons = ['cancelled', 'expired', 'membershipChanged'] as const

/** How a round closed, as its closing event says. @internal */
export type ClosedRound =
  | { readonly viewId: Hex; readonly round: bigint; readonly completed: { readonly version: bigint; readonly commitment: Hex } }
  | { readonly viewId: Hex; readonly round: bigint; readonly aborted: { readonly reason: number | bigint; readonly txHash: Hex } }

/**
 * Reports the outcome of a round that just closed to the callers waiting for it (no chain read when
 * nobody waits); forgets this peer's own refusal of it either way. Never throws. @internal
 */
export async function reportOutcome(context: PeerContext, closed: ClosedRound): Promise<void> {
  const viewId = normalizeViewId(closed.viewId)
  if (!context.waiters.has(viewId, closed.round)) {
    context.waiters.forget(viewId, closed.round)
    return
  }
  if ('completed' in closed) {
    context.waiters.settle(viewId, closed.round, { status: 'completed', viewId, round: closed.round, ...closed.completed })
    return
  }
  const reason = abortReasons[Number(closed.aborted.reason)] ?? 'expired'
  context.waiters.settle(viewId, closed.round, await abortedOutcome(context, viewId, closed.round, reason, closed.aborted.txHash))
}

/**
 * The outcome of a round that already closed on chain, read from the view's history; `undefined` while
 * it is open or not proposed yet (or closed before the peer's `fromBlock`). @internal
 */
export async function outcomeOnChain(context: PeerContext, viewId: Hex, round: bigint): Promise<RoundOutcome | undefined> {
  const key = normalizeViewId(viewId)
  const onChain = await context.chain.getView({ viewId: key })
  if (round > onChain.round || (round === onChain.round && onChain.roundOpen)) return undefined
  const history = await context.chain.getHistory({ viewId: key, fromBlock: context.fromBlock })
  const entry = history.rounds.find((r) => r.round === round)
  if (entry === undefined || entry.outcome === 'open' || entry.closedAt === undefined) return undefined
  if (entry.outcome === 'completed') return { status: 'completed', viewId: key, round, version: entry.version, commitment: entry.commitment }
  return abortedOutcome(context, key, round, entry.abortReason ?? 'expired', entry.closedAt.tx)
}

async function abortedOutcome(context: PeerContext, viewId: Hex, round: bigint, reason: (typeof abortReasons)[number], txHash: Hex): Promise<RoundOutcome> {
  if (reason === 'expired') return { status: 'expired', viewId, round }
  if (reason === 'membershipChanged') return { status: 'aborted', viewId, round, reason }
  const by = await senderOf(context, txHash)
  const own = context.waiters.refusalOf(viewId, round)
  const error =
    own !== undefined
      ? new RoundRefusedError({ code: own.code, viewId, round, by, message: own.message, cause: own.cause })
      : new RoundRefusedError({
          code: 'Cancelled',
          viewId,
          round,
          by,
          message: 'the round was cancelled on chain; the reason is in the log of the peer that refused it.',
        })
  return { status: 'refused', viewId, round, error, by }
}

/** The sender of a transaction, or `undefined` when it cannot be read. */
async function senderOf(context: PeerContext, hash: Hex): Promise<Address | undefined> {
  try {
    return getAddress((await context.chain.getTransaction({ hash })).from)
  } catch {
    return undefined
  }
}
