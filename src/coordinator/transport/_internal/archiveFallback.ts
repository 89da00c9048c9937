/**
 * Turns a {@link PayloadArchive} into the payload server's fallback: a sealed payload this peer
 * published is served as it is; an unsigned payload made on the spot (a snapshot) is checked, signed
 * with the serving peer's account and sealed for the requester alone. @internal
 */
import { isAddressEqual, type Address } from 'viem'
import type { PayloadArchive, RoundPayload, SealedRoundPayload } from '../types.js'
import type { PayloadFallback } from './payloadServer.js'
import { decodeSealedPayload } from './seal.js'

/** Signs and seals an unsigned payload for one requester (see the transport core). */
export type SealFor = (payload: RoundPayload, requester: Address) => Promise<SealedRoundPayload>

/** The fallback of `archive`, or `undefined` to clear it. @internal */
export function archiveFallback(self: Address, sealFor: SealFor, archive: PayloadArchive | undefined): PayloadFallback | undefined {
  if (archive === undefined) return undefined
  return async ({ viewId, round, requester }) => {
    const found = await archive({ viewId, round })
    if (found === undefined || !isAddressEqual(found.proposer, self)) return undefined
    if ('scheme' in found) {
      const sealed = decodeSealedPayload(found)
      return sealed.viewId === viewId.toLowerCase() && sealed.round === round.toString() ? sealed : undefined
    }
    if (found.viewId.toLowerCase() !== viewId.toLowerCase() || found.round !== round) return undefined
    return sealFor(found, requester)
  }
}
