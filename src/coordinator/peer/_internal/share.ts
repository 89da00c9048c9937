/**
 * Sharing a view: version 0 on chain, its snapshot on the transport. @internal
 */
import type { Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import type { JsonValue } from '../../../storage/StorageAdapter.js'
import { commitment } from '../../commitment.js'
import { viewDigest } from '../../digest.js'
import { generateSalt, newViewId } from '../../salt.js'
import { PeerError } from '../errors.js'
import type { RoundPayload } from '../../transport/types.js'
import type { PeerViewState, ShareViewResult, ViewMember } from '../types.js'
import { type PeerContext, READ_WRITE, jsonCopy, normalizeViewId, roundKey, sameAddress } from './context.js'

/**
 * Computes version 0 of the view (`lens.get(record)`, a fresh salt, its commitment), creates the view
 * on chain with this peer as controller (and as a READ|WRITE peer unless listed), stores the view
 * state, and publishes the round-0 payload `[{ op: 'add', path: '', value: view }]` that joiners
 * fetch. @internal
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
  const state: PeerViewState = { recordId: parameters.recordId, version: 0, head: initial, salt, digest, view, controller: address, genesis: { view, salt } }
  await context.storage.setViewState(viewId, state)
  await publishGenesis(context, viewId, state)
  return { viewId, commitment: initial, hash, gasUsed: receipt.gasUsed }
}

/** Publishes the round-0 snapshot of a view this peer shared (idempotent). @internal */
export async function publishGenesis(context: PeerContext, viewId: Hex, state: PeerViewState): Promise<void> {
  if (state.genesis === undefined) return
  await context.transport.publish(genesisPayload(context, viewId, state.genesis))
  context.published.add(roundKey(viewId, 0n))
}

/** The round-0 payload of a view: `add ""` with the whole view at version 0. @internal */
export function genesisPayload(context: PeerContext, viewId: Hex, genesis: NonNullable<PeerViewState['genesis']>): RoundPayload {
  const { view, salt } = genesis
  const digest = viewDigest(view)
  return {
    viewId,
    round: 0n,
    baseVersion: 0n,
    version: 0n,
    patch: [{ op: 'add', path: '', value: view }],
    salt,
    commitment: commitment({ chainId: context.chainId, coordinator: context.coordinator, viewId, version: 0, salt, digest }),
    proposer: context.address,
  }
}
