/**
 * The round-0 payload of a view: a snapshot of the version a peer holds. @internal
 */
import type { Hex } from 'viem'
import type { RoundPayload } from '../../transport/types.js'
import type { PeerViewState } from '../types.js'
import type { PeerContext } from './context.js'

/**
 * The snapshot a peer serves for round 0 of a view it holds: `add ""` with the whole view at the
 * version of its view state, with that version's salt and commitment (the head it accepted), signed by
 * this peer as `proposer` (the transport signs what the archive returns). `baseVersion` is always 0:
 * the patch replaces the whole document.
 *
 * A joiner trusts none of it: it recomputes the commitment from the view, the salt and the version,
 * and compares it with the chain's (the head, or the commitment of the round that produced the
 * version when this peer lags). @internal
 */
export function snapshotPayload(context: PeerContext, viewId: Hex, state: PeerViewState): RoundPayload {
  return {
    viewId,
    round: 0n,
    baseVersion: 0n,
    version: state.version,
    patch: [{ op: 'add', path: '', value: state.view }],
    salt: state.salt,
    commitment: state.head,
    proposer: context.address,
  }
}
