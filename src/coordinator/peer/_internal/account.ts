/**
 * Refusing members that are contract accounts. @internal
 */
import type { Address, Hex } from 'viem'
import { PeerError } from '../errors.js'
import type { PeerContext } from './context.js'

/**
 * An EIP-7702 delegation designator (`0xef0100 ‖ address`): the code of an EOA that delegates to a
 * contract. Its key still signs with ECDSA, so it is a peer like any other EOA. @internal
 */
const isDelegation = (code: Hex): boolean => code.length === 2 + 2 * 23 && code.toLowerCase().startsWith('0xef0100')

/**
 * Throws `PeerError` `UnsupportedAccount` (at `pointer`) when `address` holds contract code: a smart
 * account (ERC-1271) cannot run a peer — it sends no transaction itself, and the transport's payload
 * and request signatures, its encryption-key binding and the relay's ack checks all recover ECDSA
 * signers — so, as a member, it could never ack and would block every round until its deadline. EOAs,
 * with or without an EIP-7702 delegation, pass. @internal
 */
export async function assertPeerAccount(context: PeerContext, address: Address, where: { readonly pointer: string; readonly viewId?: Hex | undefined }): Promise<void> {
  const code = await context.chain.getCode({ address })
  if (code === undefined || code === '0x' || isDelegation(code)) return
  throw new PeerError({
    code: 'UnsupportedAccount',
    pointer: where.pointer,
    viewId: where.viewId,
    message: `${address} is a contract account (a smart account such as an ERC-1271 wallet); every member must be an EOA that runs a peer. Add the EOA that runs the member's peer (for a smart account, its owner key) instead.`,
  })
}
