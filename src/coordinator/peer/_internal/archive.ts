/**
 * What a peer serves from its storage once a payload is not (or no longer) in its transport's in-memory
 * retention: the snapshot of its current version, and the last payloads it proposed. @internal
 */
import type { PayloadArchive } from '../../transport/types.js'
import { type PeerContext, normalizeViewId, readViewState } from './context.js'
import { snapshotPayload } from './snapshot.js'

/**
 * The {@link PayloadArchive} of a peer, read from storage at each call (so a restarted peer serves what
 * its predecessor kept, and a snapshot is never older than the view state):
 * - round 0: a snapshot of the version this peer holds (`snapshotPayload`), for any view it holds —
 *   joiners start there. The engine never publishes round 0 into the transport's retention, which would
 *   pin a stale version.
 * - round r > 0: the payload of r, sealed as it was published, when this peer proposed it, saw it
 *   complete and still keeps it (`published`: the newest `KEPT_PAYLOADS`).
 * A view this peer was removed from (`revoked`) serves nothing. @internal
 */
export function payloadArchive(context: PeerContext): PayloadArchive {
  return async ({ viewId, round }) => {
    const key = normalizeViewId(viewId)
    const state = await readViewState(context.storage, key)
    if (state === undefined || state.revoked === true) return undefined
    if (round === 0n) return snapshotPayload(context, key, state)
    const kept = state.published?.find((p) => p.round === round)
    return kept?.sealed
  }
}
