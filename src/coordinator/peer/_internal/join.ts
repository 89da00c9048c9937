/**
 * Joining a view: the controller's version-0 snapshot, then every completed round replayed. @internal
 */
import type { Address, Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import { applyPatch } from '../../../lens/patch/applyPatch.js'
import type { JsonValue } from '../../../storage/StorageAdapter.js'
import { commitment } from '../../commitment.js'
import { viewDigest } from '../../digest.js'
import { PeerError } from '../errors.js'
import type { PeerViewState } from '../types.js'
import { type PeerContext, READ_WRITE, jsonCopy, normalizeViewId } from './context.js'

/**
 * Builds the current view of `viewId` from payloads and checks it against the chain:
 * 1. the round-0 payload of the controller (`from`): `add ""` with the whole view at version 0;
 * 2. the payload of every completed round, in order, from its proposer (`getHistory`), each
 *    recomputed against the commitment of its round;
 * 3. the result against the head and version on chain.
 * Then stores the record (created with `lens.create`, or checked when it exists) and the view state.
 *
 * NOTE: replay needs the payload of every completed round from its proposer. Transports keep the last
 * `retainRounds` rounds per view in memory; older rounds (and everything after a restart) come from the
 * proposer's storage (`PeerViewState.published`, served through `Transport.setArchive`). @internal
 */
export async function joinView(
  context: PeerContext,
  parameters: { readonly viewId: Hex; readonly recordId: string; readonly lens: Lens<unknown, unknown>; readonly from?: Address | undefined },
): Promise<void> {
  const viewId = normalizeViewId(parameters.viewId)
  const { recordId, lens } = parameters
  const { chainId, coordinator } = context
  const unavailable = (message: string, cause?: unknown) => new PeerError({ code: 'JoinUnavailable', viewId, message, cause })
  const mismatch = (round: bigint, message: string) => new PeerError({ code: 'CommitmentMismatch', viewId, round, message })

  const onChain = await context.chain.getView(viewId)
  if (((await context.chain.permissionsOf(viewId, context.address)) & READ_WRITE) === 0)
    throw new PeerError({ code: 'NotMember', viewId, message: 'this peer is not a peer of the view; ask its controller to add it.' })
  const fetch = async (round: bigint, from: Address) => {
    try {
      return await context.transport.fetch({ viewId, round, from })
    } catch (error) {
      throw unavailable(`cannot fetch round ${round} of the view from ${from} (evicted, or the peer is offline).`, error)
    }
  }

  const snapshot = await fetch(0n, parameters.from ?? onChain.controller)
  const op = snapshot.patch[0]
  if (snapshot.version !== 0n || snapshot.patch.length !== 1 || op?.op !== 'add' || op.path !== '')
    throw unavailable('the round-0 payload is not a snapshot of version 0.')
  let view = jsonCopy(op.value) as JsonValue
  let salt = snapshot.salt
  let version = 0n
  if (onChain.version > 0n) {
    const history = await context.chain.history(viewId, context.fromBlock)
    for (const round of history.rounds.filter((r) => r.outcome === 'completed')) {
      const payload = await fetch(round.round, round.proposer)
      if (payload.version !== round.version || payload.baseVersion !== version)
        throw unavailable(`the payload of round ${round.round} does not continue version ${version}.`)
      view = applyPatch(view, payload.patch) as JsonValue
      const recomputed = commitment({ chainId, coordinator, viewId, version: round.version, salt: payload.salt, digest: viewDigest(view) })
      if (recomputed.toLowerCase() !== round.commitment.toLowerCase())
        throw mismatch(round.round, `replaying round ${round.round} does not produce its commitment; refusing the view.`)
      salt = payload.salt
      version = round.version
    }
  }
  const digest = viewDigest(view)
  const head = commitment({ chainId, coordinator, viewId, version, salt, digest })
  if (version !== onChain.version || head.toLowerCase() !== onChain.head.toLowerCase())
    throw mismatch(0n, 'the view rebuilt from its payloads does not match the head commitment on chain; refusing it.')

  const existing = await context.storage.getRecord(recordId)
  if (existing === undefined) await context.storage.putRecord(recordId, lens.create(view), { expectedVersion: 0 })
  else if (viewDigest(lens.get(existing.data)) !== digest)
    throw new PeerError({ code: 'CommitmentMismatch', viewId, recordId, message: 'the existing record does not show the shared view through this lens.' })
  const state: PeerViewState = { recordId, version: Number(version), head: onChain.head, salt, digest, view, controller: onChain.controller }
  await context.storage.setViewState(viewId, state)
}
