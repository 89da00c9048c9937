/**
 * Sharing a view: version 0 on chain and in the view state. @internal
 */
import type { Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { commitment } from '../../commitment/commitment.js'
import { viewDigest } from '../../commitment/digest.js'
import { generateSalt, newViewId } from '../../commitment/salt.js'
import { PeerError } from '../errors.js'
import type { PeerViewState, ShareViewResult, ViewMember } from '../types.js'
import { type PeerContext, READ_WRITE, jsonCopy, normalizeViewId, sameAddress } from './context.js'

/**
 * Computes version 0 of the view (`lens.get(record)`, a fresh salt, its commitment), creates the view
 * on chain with this peer as controller (and as a READ|WRITE peer unless listed) and stores the view
 * state. Nothing is published: joiners fetch round 0, which the payload archive answers with a
 * snapshot of the version this peer holds at that moment (`snapshotPayload`). @internal
 */
export async function shareView(
  context: PeerContext,
  parameters: { readonly recordId: string; readonly lens: Lens<unknown, unknown>; readonly peers: readonly ViewMember[]; readonly viewId?: Hex | undefined },
): Promise<ShareViewResult> {
  const { chainId, coordinator, address } = context
  const viewId = normalizeViewId(parameters.viewId ?? newViewId())
  const stored = await context.storage.getRecord(parameters.recordId)
  if (stored === undefined)
    throw new PeerError({ code: 'RecordNotFound', pointer: '/recordId', recordId: parameters.recordId, message: 'putRecord() the record before sharing a view of it.' })
  const view = jsonCopy(parameters.lens.get(stored.data)) as JsonValue
  const salt = generateSalt()
  const digest = viewDigest(view)
  const initial = commitment({ chainId, coordinator, viewId, version: 0, salt, digest })
  const peers = parameters.peers.some((m) => sameAddress(m.address, address)) ? parameters.peers : [{ address, permissions: READ_WRITE }, ...parameters.peers]
  const { hash, receipt } = await context.chain.createView({ viewId, initialCommitment: initial, controller: address, peers })
  const state: PeerViewState = { recordId: parameters.recordId, version: 0, head: initial, salt, digest, view, controller: address }
  await context.storage.setViewState(viewId, state)
  return { viewId, commitment: initial, hash, gasUsed: receipt.gasUsed }
}
