/**
 * Turns a {@link PayloadArchive} into the payload server's fallback: the archived payload is checked
 * and signed with the serving peer's account. @internal
 */
import type { Address, LocalAccount } from 'viem'
import { signRoundPayload } from '../roundPayload.js'
import type { PayloadArchive } from '../types.js'
import type { PayloadFallback } from './payloadServer.js'
import { checkRoundPayload } from './wire.js'

/** The fallback of `archive`, or `undefined` to clear it. @internal */
export function archiveFallback(
  domain: { readonly chainId: number; readonly coordinator: Address },
  account: LocalAccount,
  archive: PayloadArchive | undefined,
): PayloadFallback | undefined {
  if (archive === undefined) return undefined
  return async (request) => {
    const payload = await archive(request)
    if (payload === undefined || payload.proposer.toLowerCase() !== account.address.toLowerCase()) return undefined
    checkRoundPayload(payload)
    return signRoundPayload({ ...domain, account, payload })
  }
}
