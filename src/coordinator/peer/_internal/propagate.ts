/**
 * Propagation: a record changed, so every other view over it that this peer may write gets a round. @internal
 */
import { diff } from '../../../lens/patch/diff.js'
import { viewDigest } from '../../commitment/digest.js'
import { isPeerError } from '../errors.js'
import { type Binding, type PeerContext, WRITE, note, reach, readViewState, stagedOnRecord, viewThrough } from './context.js'
import { isolated } from './isolate.js'
import { proposeRound } from './propose.js'

/**
 * For every bound view whose view of the current record differs from the version this peer holds
 * (the record changed through another view), proposes a round with the difference — when this peer
 * has WRITE on the view and nothing is staged over the record. A refused proposal (another round got
 * there first, or this peer is benched after a failed round) is retried on the next sync. Returns the number of rounds proposed. @internal
 */
export async function propagate(context: PeerContext): Promise<number> {
  let actions = 0
  for (const binding of context.bindings.values()) actions += await isolated(context, binding.viewId, undefined, () => propagateTo(context, binding))
  return actions
}

async function propagateTo(context: PeerContext, binding: Binding): Promise<number> {
  const state = await readViewState(context.storage, binding.viewId)
  if (state === undefined || state.revoked === true || state.heldFrom !== undefined) return 0
  if ((await stagedOnRecord(context, context.storage, binding.recordId)).length > 0) return 0
  const stored = await context.storage.getRecord(binding.recordId)
  if (stored === undefined) return 0
  const view = viewThrough(binding.lens, stored.data)
  if (viewDigest(view) === state.digest) return 0
  if (((await context.chain.permissionsOf({ viewId: binding.viewId, account: context.address })) & WRITE) === 0) return 0
  reach(context, 'propagate', { viewId: binding.viewId })
  try {
    const result = await proposeRound(context, { viewId: binding.viewId, state, writes: [], patch: diff(state.view, view), view })
    note(context, { kind: 'propagated', viewId: binding.viewId, round: result.round, hash: result.hash })
    return 1
  } catch (error) {
    if (isPeerError(error, 'RoundOpen') || isPeerError(error, 'StaleBase') || isPeerError(error, 'ProposerBenched')) return 0
    throw error
  }
}
