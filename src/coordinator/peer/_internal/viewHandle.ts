/**
 * A view handle: the peer's view methods with the view's id and type applied. @internal
 */
import type { Hex } from 'viem'
import type { Lens } from '../../../lens/Lens.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { PeerError } from '../errors.js'
import type { Peer, ViewHandle } from '../types.js'
import { type PeerContext, bindingOf } from './context.js'

/**
 * The {@link ViewHandle} of `viewId` on `peer`, after checking that `lens` is the lens the view is
 * bound with (the same object, or both identities). @internal
 */
export function viewHandleOf<S, V>(context: PeerContext, peer: Peer, viewId: Hex, lens: Lens<S, V>): ViewHandle<V> {
  const bound = bindingOf(context, viewId).lens
  if (bound !== (lens as unknown) && !(bound._tag === 'Identity' && lens._tag === 'Identity'))
    throw new PeerError({ code: 'InvalidArgument', pointer: '/lens', viewId, message: 'this is not the lens the view is bound with; pass the lens given to bind(), shareView() or joinView().' })
  return {
    viewId,
    view: () => peer.view(viewId) as Promise<V>,
    update: async (edit) => {
      const result = await peer.update(viewId, edit as Parameters<Peer['update']>[1] | ((view: JsonValue) => JsonValue))
      return { ...result, settled: (options) => peer.waitForRound(viewId, result.round, options) }
    },
    waitForRound: (round, options) => peer.waitForRound(viewId, round, options),
  }
}
