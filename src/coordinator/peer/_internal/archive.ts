/**
 * The payloads a peer keeps in its storage, served by its transport once they left its in-memory
 * retention (or after a restart). @internal
 */
import type { Patch } from '../../../lens/patch/types.js'
import type { PayloadArchive } from '../../transport/types.js'
import { type PeerContext, normalizeViewId, readViewState } from './context.js'
import { genesisPayload } from './share.js'

/**
 * The {@link PayloadArchive} of a peer: round 0 from the view state's `genesis` (views it shared), every
 * later round from its `published` list (rounds it proposed that completed). Read from storage at each
 * call, so a restarted peer serves everything its predecessor kept. @internal
 */
export function payloadArchive(context: PeerContext): PayloadArchive {
  return async ({ viewId, round }) => {
    const key = normalizeViewId(viewId)
    const state = await readViewState(context.storage, key)
    if (state === undefined) return undefined
    if (round === 0n) return state.genesis !== undefined ? genesisPayload(context, key, state.genesis) : undefined
    const kept = state.published?.find((p) => p.round === round.toString())
    if (kept === undefined) return undefined
    return {
      viewId: key,
      round,
      baseVersion: BigInt(kept.baseVersion),
      version: BigInt(kept.version),
      patch: kept.patch as unknown as Patch,
      salt: kept.salt,
      commitment: kept.commitment,
      proposer: context.address,
    }
  }
}
