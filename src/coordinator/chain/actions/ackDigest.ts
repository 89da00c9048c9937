import type { Hex } from 'viem'
import type { CoordinatorReadErrorType } from '../errors.js'
import { type ReadParameters, readCoordinator } from './_internal/read.js'
import type { CoordinatorReadClient } from './_internal/write.js'

/** @category actions @since 0.1.0 */
export interface AckDigestParameters extends ReadParameters {
  readonly viewId: Hex
  readonly round: bigint
  /** The version the round creates. */
  readonly version: bigint
  readonly commitment: Hex
  readonly deadline: bigint | number
}

/** @category actions @since 0.1.0 */
export type AckDigestReturnType = Hex

/** @category actions @since 0.1.0 */
export type AckDigestErrorType = CoordinatorReadErrorType

/**
 * Reads the EIP-712 digest a peer signs to acknowledge a round (what {@link signAck} signs).
 *
 * - Contract function: `ackDigest(bytes32 viewId, uint64 round, uint64 version, bytes32 commitment, uint40 deadline) returns (bytes32)`
 *
 * @param client - Client to use (a PublicClient)
 * @param parameters - {@link AckDigestParameters}
 * @returns The 32-byte digest. {@link AckDigestReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, PublicClient } from 'viem'
 * import { ackDigest } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex, commitment: Hex
 * await ackDigest(publicClient, { address, viewId, round: 1n, version: 1n, commitment, deadline: 1_700_000_600n })
 * // '0x…'
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function ackDigest(client: CoordinatorReadClient, parameters: AckDigestParameters): Promise<AckDigestReturnType> {
  const { viewId, round, version, commitment, deadline } = parameters
  return readCoordinator(client, parameters, { functionName: 'ackDigest', args: [viewId, round, version, commitment, Number(deadline)], viewId })
}
