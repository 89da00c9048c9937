/**
 * The EIP-712 domain and struct types the transport signs.
 *
 * @since 0.1.0
 */
import type { Address, TypedDataDomain } from 'viem'

/**
 * EIP-712 struct types of the transport: `RoundPayload` (signed by the proposer), `Fetch` (signed by
 * the requester) and `EncryptionKey` (a peer's binding of its X25519 key to its account).
 *
 * **Details**
 * - `RoundPayload(bytes32 viewId,uint64 round,uint64 baseVersion,uint64 version,bytes32 patchHash,bytes32 salt,bytes32 commitment,address proposer)`,
 *   where `patchHash` is {@link payloadPatchHash} of the patch.
 * - `Fetch(bytes32 viewId,uint64 round,address requester,address audience,bytes32 nonce,uint64 issuedAt)`:
 *   `audience` is the serving peer the request is meant for (another peer refuses it), `nonce` makes
 *   each request single-use, `issuedAt` is in seconds since the epoch.
 * - `EncryptionKey(address account,bytes32 publicKey)`: the account vouches for its X25519 public key;
 *   payloads are sealed only to keys whose binding recovers to the member's account.
 * - `EncryptionKeySeed(address account)`: signed (never published) to derive a peer's default key.
 *
 * @category transports
 * @since 0.1.0
 */
export const transportTypes = {
  RoundPayload: [
    { name: 'viewId', type: 'bytes32' },
    { name: 'round', type: 'uint64' },
    { name: 'baseVersion', type: 'uint64' },
    { name: 'version', type: 'uint64' },
    { name: 'patchHash', type: 'bytes32' },
    { name: 'salt', type: 'bytes32' },
    { name: 'commitment', type: 'bytes32' },
    { name: 'proposer', type: 'address' },
  ],
  Fetch: [
    { name: 'viewId', type: 'bytes32' },
    { name: 'round', type: 'uint64' },
    { name: 'requester', type: 'address' },
    { name: 'audience', type: 'address' },
    { name: 'nonce', type: 'bytes32' },
    { name: 'issuedAt', type: 'uint64' },
  ],
  EncryptionKey: [
    { name: 'account', type: 'address' },
    { name: 'publicKey', type: 'bytes32' },
  ],
  EncryptionKeySeed: [{ name: 'account', type: 'address' }],
} as const

/**
 * Where a signature is valid: one chain and one coordinator contract.
 *
 * @category transports
 * @since 0.1.0
 */
export interface TransportDomainParameters {
  /** Chain id. */
  readonly chainId: number
  /** The ViewCoordinator contract address. */
  readonly coordinator: Address
}

/**
 * The EIP-712 domain of transport signatures: name `lensync`, version `1`, the chain and the
 * coordinator as `verifyingContract`.
 *
 * **Details**
 * - The same name and version as the contract's own domain, but the primary types differ (`Ack` on
 *   chain, `RoundPayload`/`Fetch`/`EncryptionKey` here), so no transport signature is ever a valid ack.
 *
 * **Example** (anvil)
 * ```ts
 * import { transportDomain } from 'lensync/coordinator'
 * transportDomain({ chainId: 31337, coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3' })
 * // Output: { name: 'lensync', version: '1', chainId: 31337, verifyingContract: '0x5FbDB…' }
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export function transportDomain(parameters: TransportDomainParameters): TypedDataDomain {
  return { name: 'lensync', version: '1', chainId: parameters.chainId, verifyingContract: parameters.coordinator }
}
