import type { Account, Address, Hex, LocalAccount, SignTypedDataErrorType, TypedDataDomain } from 'viem'
import { signTypedData } from 'viem/actions'
import { getAction } from 'viem/utils'
import { CoordinatorParameterError, type CoordinatorParameterErrorType } from '../errors.js'
import type { CoordinatorWalletClient } from './_internal/write.js'

/**
 * The EIP-712 types of an acknowledgement, as `ViewCoordinator` hashes them.
 *
 * @category models
 * @since 0.1.0
 */
export const ackTypes = {
  Ack: [
    { name: 'viewId', type: 'bytes32' },
    { name: 'round', type: 'uint64' },
    { name: 'version', type: 'uint64' },
    { name: 'commitment', type: 'bytes32' },
    { name: 'deadline', type: 'uint40' },
  ],
} as const

/**
 * The EIP-712 domain of a ViewCoordinator (its ERC-5267 `eip712Domain`: name `lensync ViewCoordinator`,
 * version `1`).
 *
 * @category constructors
 * @since 0.1.0
 */
export function ackDomain(parameters: { readonly address: Address; readonly chainId: number }): TypedDataDomain {
  return { name: 'lensync ViewCoordinator', version: '1', chainId: parameters.chainId, verifyingContract: parameters.address }
}

/**
 * Parameters of {@link signAck}: the round exactly as `getView` / `UpdateProposed` report it.
 *
 * @category actions
 * @since 0.1.0
 */
export interface SignAckParameters {
  /** The ViewCoordinator address. */
  readonly address: Address
  /** The chain id. @defaultValue the client's chain id */
  readonly chainId?: number | undefined
  readonly viewId: Hex
  readonly round: bigint
  /** The version the round creates (current version + 1). */
  readonly version: bigint
  /** The pending commitment. */
  readonly commitment: Hex
  /** The round's deadline (unix seconds). */
  readonly deadline: bigint | number
  /** The signer when a client is given; defaults to the client's `account`. */
  readonly account?: Account | Address | undefined
}

/** @category actions @since 0.1.0 */
export type SignAckReturnType = Hex

/** @category actions @since 0.1.0 */
export type SignAckErrorType = CoordinatorParameterErrorType | SignTypedDataErrorType

/**
 * Signs an EIP-712 `Ack(bytes32 viewId,uint64 round,uint64 version,bytes32 commitment,uint40 deadline)` for
 * relaying with {@link ackWithSignatures}. No transaction, no gas.
 *
 * - Contract function: none (the contract checks it in `ackWithSignatures`; `ackDigest` returns the digest)
 *
 * **When to use**: a peer that should not pay gas signs; one relayer lands all signatures in one
 * transaction.
 *
 * @param signer - A LocalAccount, or a client whose account signs (`eth_signTypedData_v4`)
 * @param parameters - {@link SignAckParameters}
 * @returns The 65-byte signature. {@link SignAckReturnType}
 *
 * @example
 * ```ts
 * import type { Address, Hex, LocalAccount, PublicClient } from 'viem'
 * import { getView, signAck } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, address: Address, viewId: Hex, researcher: LocalAccount
 * const s = await getView(publicClient, { address, viewId })
 * const signature = await signAck(researcher, {
 *   address, chainId: 31337, viewId, round: s.round, version: s.version + 1n, commitment: s.pending, deadline: s.deadline,
 * })
 * ```
 *
 * @category actions
 * @since 0.1.0
 */
export async function signAck(signer: CoordinatorWalletClient | LocalAccount, parameters: SignAckParameters): Promise<SignAckReturnType> {
  const isAccount = 'type' in signer && signer.type === 'local'
  const chainId = parameters.chainId ?? (isAccount ? undefined : (signer as CoordinatorWalletClient).chain?.id)
  if (chainId === undefined)
    throw new CoordinatorParameterError({ message: 'signAck: chainId is required when the signer has no chain.', pointer: '/chainId' })
  const typedData = {
    domain: ackDomain({ address: parameters.address, chainId }),
    types: ackTypes,
    primaryType: 'Ack',
    message: {
      viewId: parameters.viewId,
      round: parameters.round,
      version: parameters.version,
      commitment: parameters.commitment,
      deadline: Number(parameters.deadline),
    },
  } as const
  if (isAccount) return (signer as LocalAccount).signTypedData(typedData)
  const client = signer as CoordinatorWalletClient
  const account = parameters.account ?? client.account
  if (!account) throw new CoordinatorParameterError({ message: 'No account: give the client an account or pass `account`.', pointer: '/account' })
  return getAction(client, signTypedData, 'signTypedData')({ ...typedData, account })
}
