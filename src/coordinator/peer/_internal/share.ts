/**
 * Sharing a view: version 0 on chain and in the view state. @internal
 */
import type { Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import { generateSalt } from '../../commitment/salt.js'
import { defaultRoundLimits } from '../../chain/actions/createView.js'
import { computeViewId } from '../../chain/viewId.js'
import { viewCommitment } from '../../commitment/viewCommitment.js'
import { PeerError } from '../errors.js'
import { assertPeerAccount } from './account.js'
import type { PeerViewState, ShareViewResult, ViewMember } from '../types.js'
import { type PeerContext, READ_WRITE, normalizeViewId, sameAddress, viewThrough, writeViewState } from './context.js'

/**
 * Computes version 0 of the view (`lens.get(record)`, a fresh salt, its commitment), creates the view
 * on chain with this peer as controller (and as a READ|WRITE peer unless listed) and stores the view
 * state. Nothing is published: joiners fetch round 0, which the payload archive answers with a
 * snapshot of the version this peer holds at that moment (`snapshotPayload`). @internal
 */
export async function shareView(
  context: PeerContext,
  parameters: {
    readonly recordId: string
    readonly lens: Lens<unknown, unknown>
    readonly peers: readonly ViewMember[]
    readonly viewSalt?: Hex | undefined
    readonly definitionHash?: Hex | undefined
    readonly maxTtl?: number | undefined
    readonly grace?: number | undefined
  },
): Promise<ShareViewResult> {
  const { chainId, coordinator, address } = context
  const viewSalt = parameters.viewSalt ?? generateSalt()
  const viewId = normalizeViewId(computeViewId({ creator: address, salt: viewSalt }))
  const stored = await context.storage.getRecord(parameters.recordId)
  if (stored === undefined)
    throw new PeerError({ code: 'RecordNotFound', pointer: '/recordId', recordId: parameters.recordId, message: 'putRecord() the record before sharing a view of it.' })
  // Contract accounts cannot run a peer: refused before anything is sent.
  for (const [i, member] of parameters.peers.entries()) await assertPeerAccount(context, member.address, { pointer: `/peers/${i}/address` })
  const view = viewThrough(parameters.lens, stored.data)
  const salt = generateSalt()
  const { digest, commitment: initial } = viewCommitment({ view, chainId, coordinator, viewId, version: 0n, salt })
  const peers = parameters.peers.some((m) => sameAddress(m.address, address)) ? parameters.peers : [{ address, permissions: READ_WRITE }, ...parameters.peers]
  const { hash, receipt } = await context.wallet.createView({
    account: context.account,
    salt: viewSalt,
    initialCommitment: initial,
    definitionHash: parameters.definitionHash,
    controller: address,
    peers,
    maxTtl: parameters.maxTtl ?? Math.max(context.ttl, defaultRoundLimits.maxTtl),
    grace: parameters.grace,
  })
  const state: PeerViewState = { recordId: parameters.recordId, version: 0n, head: initial, salt, digest, view, controller: address }
  await writeViewState(context.storage, viewId, state)
  return { viewId, commitment: initial, hash, gasUsed: receipt.gasUsed }
}
