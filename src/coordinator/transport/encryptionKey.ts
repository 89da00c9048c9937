/**
 * A peer's encryption key and its binding to the peer's account.
 *
 * @since 0.2.0
 */
import { isAddressEqual, recoverTypedDataAddress, type Address, type Hex } from 'viem'
import { transportDomain, transportTypes, type TransportDomainParameters } from './typedData.js'

/**
 * A peer's X25519 public key, vouched for by its account.
 *
 * **Details**
 * - `signature` is the account's EIP-712 `EncryptionKey(address account,bytes32 publicKey)` signature
 *   in the transport domain (chain and coordinator).
 * - Published in the peer's transport info (`GET /lensync/v1/info`, or the hub in one process), not on
 *   chain: rotating a key costs no transaction and the chain learns nothing; a server or directory
 *   that substitutes a key is caught, since the substitute's binding does not recover to the account.
 *
 * @category models
 * @since 0.2.0
 */
export interface EncryptionKeyBinding {
  /** The account the key belongs to. */
  readonly account: Address
  /** The raw X25519 public key (32 bytes). */
  readonly publicKey: Hex
  /** EIP-712 `EncryptionKey` signature by `account` (65 bytes). */
  readonly signature: Hex
}

/**
 * Parameters of {@link verifyEncryptionKeyBinding}.
 *
 * @category transports
 * @since 0.2.0
 */
export interface VerifyEncryptionKeyBindingParameters extends TransportDomainParameters {
  /** The binding to check. */
  readonly binding: EncryptionKeyBinding
  /**
   * The account the key must belong to, when known independently (a member from the chain).
   * @defaultValue binding.account
   */
  readonly account?: Address | undefined
}

/**
 * Tells whether an encryption key is bound to its account for this chain and coordinator.
 *
 * **When to use**
 * - Transports call it on every key they learn before sealing anything to it; call it for keys
 *   obtained another way.
 *
 * **Details**
 * - `false` for a key signed by another account, for another chain or coordinator, for a public key
 *   that is not 32 bytes, or for a malformed signature. Never throws for one.
 *
 * **Example**
 * ```ts
 * import type { Address } from 'viem'
 * import { verifyEncryptionKeyBinding, type EncryptionKeyBinding } from 'lensync/coordinator'
 *
 * declare const coordinator: Address, binding: EncryptionKeyBinding // from a peer's /lensync/v1/info
 * await verifyEncryptionKeyBinding({ chainId: 31337, coordinator, binding })
 * // Output: true
 * ```
 *
 * @category transports
 * @since 0.2.0
 */
export async function verifyEncryptionKeyBinding(parameters: VerifyEncryptionKeyBindingParameters): Promise<boolean> {
  const { binding } = parameters
  if (parameters.account !== undefined && !isAddressEqual(parameters.account, binding.account)) return false
  if (!/^0x[0-9a-fA-F]{64}$/.test(binding.publicKey)) return false
  try {
    const signer = await recoverTypedDataAddress({
      domain: transportDomain(parameters),
      types: transportTypes,
      primaryType: 'EncryptionKey',
      message: { account: binding.account, publicKey: binding.publicKey },
      signature: binding.signature,
    })
    return isAddressEqual(signer, binding.account)
  } catch {
    return false
  }
}
