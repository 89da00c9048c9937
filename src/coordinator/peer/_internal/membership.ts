/**
 * Membership: the controller adds, changes and removes peers; every peer checks its own rights before
 * it publishes, and marks a view revoked when it sees its own removal. @internal
 */
import type { Address, Hex } from 'viem'
import { PeerError, type PeerErrorCode } from '../errors.js'
import type { MembershipResult, PeerViewState, ViewMember } from '../types.js'
import { discardRound } from './finishRound.js'
import { assertPeerAccount } from './account.js'
import { type PeerContext, WRITE, normalizeViewId, note, readViewState, refusedByChain, sameAddress, writeViewState } from './context.js'

/** Contract errors of `setPeer` / `removePeer` and the peer codes they become. */
const chainCodes: Partial<Record<string, PeerErrorCode>> = {
  NotController: 'NotController',
  NotPeer: 'NotMember',
  InvalidPermissions: 'InvalidArgument',
  InvalidAccount: 'InvalidArgument',
}

/**
 * Throws `NotMember` when this peer is not a peer of the view (or saw its removal), `MissingPermission`
 * when it lacks WRITE: one `permissionsOf` read, before anything is translated, staged or published. @internal
 */
export async function assertCanWrite(context: PeerContext, viewId: Hex, state?: PeerViewState): Promise<void> {
  if (state?.revoked === true)
    throw new PeerError({ code: 'NotMember', viewId, message: "this peer was removed from the view by its controller (revoked); it keeps its last copy but cannot edit it." })
  const permissions = await context.chain.permissionsOf({ viewId: normalizeViewId(viewId), account: context.address })
  if (permissions === 0)
    throw new PeerError({ code: 'NotMember', viewId, message: 'this peer is not a peer of the view on chain; ask its controller to add it.' })
  if ((permissions & WRITE) === 0)
    throw new PeerError({
      code: 'MissingPermission',
      viewId,
      message: 'this peer has no WRITE permission on the view (checked before publishing: nothing left this peer); ask its controller for WRITE.',
    })
}

/** `setPeer` / `removePeer` as the view's controller, with local checks and typed refusals. @internal */
export async function changeMember(
  context: PeerContext,
  viewId: Hex,
  change: { readonly kind: 'set'; readonly member: ViewMember } | { readonly kind: 'remove'; readonly address: Address },
): Promise<MembershipResult> {
  const key = normalizeViewId(viewId)
  const address = change.kind === 'set' ? change.member.address : change.address
  if (change.kind === 'set') {
    const { permissions } = change.member
    if (!Number.isInteger(permissions) || permissions < 1 || permissions > 3)
      throw new PeerError({ code: 'InvalidArgument', pointer: '/permissions', viewId, message: `permissions must be READ (1), WRITE (2) or both (3), got ${permissions}; use removeMember() to remove a peer.` })
  }
  const controller = (await readViewState(context.storage, key))?.controller ?? (await readChain(context, key)).controller
  if (!sameAddress(controller, context.address))
    throw new PeerError({ code: 'NotController', viewId, message: `only the view's controller (${controller}) may change its members.` })
  if (change.kind === 'set') await assertPeerAccount(context, address, { pointer: '/address', viewId: key })
  try {
    const { hash, receipt } =
      change.kind === 'set'
        ? await context.wallet.setPeer({ account: context.account, viewId: key, peer: address, permissions: change.member.permissions })
        : await context.wallet.removePeer({ account: context.account, viewId: key, peer: address })
    return { viewId: key, address, permissions: change.kind === 'set' ? change.member.permissions : 0, hash, gasUsed: receipt.gasUsed }
  } catch (error) {
    throw refusedByChain(error, chainCodes, { viewId }, (code, name) => ({
      pointer: code === 'InvalidArgument' ? (name === 'InvalidAccount' ? '/address' : '/permissions') : '',
      message:
        code === 'NotMember' ? `${address} is not a peer of the view.` : `the contract refused the membership change (${name ?? 'unknown error'}).`,
    }))
  }
}

/**
 * `PeerPermissionsChanged`: when it removes this peer from a view it holds (and the chain confirms this
 * peer is still out), discards the view's staged rounds, marks the view state `revoked` and logs
 * `revoked`, in one transaction with `markProcessed`. Returns the number of actions. @internal
 */
export async function handlePermissionsChanged(
  context: PeerContext,
  event: { readonly viewId: Hex; readonly peer: Address; readonly permissions: number },
  key: { txHash: string; logIndex: number },
): Promise<number> {
  const viewId = normalizeViewId(event.viewId)
  if (event.permissions !== 0 || !sameAddress(event.peer, context.address)) return 0
  const state = await readViewState(context.storage, viewId)
  if (state === undefined || state.revoked === true) return 0
  // An old removal read after this peer was added back and joined again is not a revocation.
  if ((await context.chain.permissionsOf({ viewId, account: context.address })) !== 0) {
    await context.storage.markProcessed(key)
    return 0
  }
  const onChain = await context.chain.getView({ viewId })
  await context.storage.transaction(async (tx) => {
    for (const staged of await tx.listStaged()) if (normalizeViewId(staged.viewId as Hex) === viewId) await discardRound(context, tx, viewId, staged.round)
    await writeViewState(tx, viewId, { ...state, revoked: true })
    await tx.markProcessed(key)
  })
  note(context, { kind: 'revoked', viewId, round: onChain.round, message: 'the controller removed this peer from the view; it keeps version ' + state.version + ' and stops processing the view.' })
  return 1
}

async function readChain(context: PeerContext, viewId: Hex) {
  try {
    return await context.chain.getView({ viewId })
  } catch (error) {
    throw new PeerError({ code: 'ChainError', source: 'chain', viewId, message: 'cannot read the view on chain (unknown view?).', cause: error })
  }
}
