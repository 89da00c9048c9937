/**
 * The EIP-712 domain and struct types the transport signs.
 *
 * @since 0.1.0
 */
import type { Address, TypedDataDomain } from 'viem'

/**
 * EIP-712 struct types of the transport: `RoundPayload` (signed by the proposer) and `Fetch` (signed
 * by the requester).
 *
 * **Details**
 * - `RoundPayload(bytes32 viewId,uint64 round,uint64 baseVersion,uint64 version,bytes32 patchHash,bytes32 salt,bytes32 commitment,address proposer)`,
 *   where `patchHash` is {@link payloadPatchHash} of the patch.
 * - `Fetch(bytes32 viewId,uint64 round,address requester,uint64 issuedAt)`, `issuedAt` in seconds since
 *   the epoch. No server address is needed: a round has exactly one proposer, so `(viewId, round)`
 *   already names the only peer that can serve it.
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
    { name: 'issuedAt', type: 'uint64' },
  ],
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
 *   chain, `RoundPayload`/`Fetch` here), so no transport signature is ever a valid ack.
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
