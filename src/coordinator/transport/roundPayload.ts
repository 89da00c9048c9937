/**
 * Signing and checking round payloads.
 *
 * @since 0.1.0
 */
import { isAddressEqual, recoverTypedDataAddress, type Address, type LocalAccount } from 'viem'
import { TransportError } from './errors.js'
import { payloadPatchHash } from './payloadPatchHash.js'
import { transportDomain, transportTypes, type TransportDomainParameters } from './typedData.js'
import type { RoundPayload, SignedRoundPayload } from './types.js'

/** The `RoundPayload` struct of a payload. @internal */
function roundPayloadMessage(payload: RoundPayload) {
  return {
    viewId: payload.viewId,
    round: payload.round,
    baseVersion: payload.baseVersion,
    version: payload.version,
    patchHash: payloadPatchHash(payload.patch),
    salt: payload.salt,
    commitment: payload.commitment,
    proposer: payload.proposer,
  }
}

/**
 * Parameters of {@link signRoundPayload}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface SignRoundPayloadParameters extends TransportDomainParameters {
  /** The proposer's local account; must be `payload.proposer`. */
  readonly account: LocalAccount
  /** The payload to sign. */
  readonly payload: RoundPayload
}

/**
 * Signs a round payload as its proposer (EIP-712 `RoundPayload`).
 *
 * **When to use**
 * - {@link Transport.publish} does it for you; call it directly to hand a payload over another channel.
 *
 * **Details**
 * - Throws `InvalidPayload` at `/proposer` when the account is not `payload.proposer`.
 * - Returns a copy of the payload with `signature`; the input is not changed.
 *
 * **Example** (sign, then verify)
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { signRoundPayload, verifyRoundPayload, type RoundPayload } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount, coordinator: Address, payload: RoundPayload // payload.proposer === account.address
 * const signed = await signRoundPayload({ account, chainId: 31337, coordinator, payload })
 * await verifyRoundPayload({ chainId: 31337, coordinator, payload: signed })
 * // Output: true
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export async function signRoundPayload(parameters: SignRoundPayloadParameters): Promise<SignedRoundPayload> {
  const { account, payload } = parameters
  if (!isAddressEqual(account.address, payload.proposer))
    throw new TransportError({
      code: 'InvalidPayload',
      pointer: '/proposer',
      viewId: payload.viewId,
      round: payload.round,
      message: `the payload names ${payload.proposer} as proposer but account ${account.address} would sign it; publish from the proposer's own account.`,
    })
  const signature = await account.signTypedData({
    domain: transportDomain(parameters),
    types: transportTypes,
    primaryType: 'RoundPayload',
    message: roundPayloadMessage(payload),
  })
  return { ...payload, signature }
}

/**
 * Parameters of {@link verifyRoundPayload}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface VerifyRoundPayloadParameters extends TransportDomainParameters {
  /** The signed payload. */
  readonly payload: SignedRoundPayload
  /**
   * The signer required, when known independently (the proposer named by `UpdateProposed`).
   * @defaultValue payload.proposer
   */
  readonly signer?: Address | undefined
}

/**
 * Recovers the signer of a payload. Throws `BadSignature` when the signature is malformed.
 *
 * @internal
 */
export async function recoverRoundPayloadSigner(parameters: TransportDomainParameters & { readonly payload: SignedRoundPayload }): Promise<Address> {
  const { payload } = parameters
  try {
    return await recoverTypedDataAddress({
      domain: transportDomain(parameters),
      types: transportTypes,
      primaryType: 'RoundPayload',
      message: roundPayloadMessage(payload),
      signature: payload.signature,
    })
  } catch (cause) {
    if (cause instanceof TransportError) throw cause
    throw new TransportError({
      code: 'BadSignature',
      pointer: '/signature',
      viewId: payload.viewId,
      round: payload.round,
      message: 'the payload signature is malformed; drop the payload and do not ack.',
      cause,
    })
  }
}

/**
 * Tells whether a payload is signed by its proposer (and by `signer`, when given) for this chain and
 * coordinator.
 *
 * **When to use**
 * - {@link Transport.fetch} already does it; call it for payloads obtained another way (a relay, a
 *   file, storage after a restart).
 *
 * **Details**
 * - `false` for a payload whose patch, salt or any other field changed after signing, signed by
 *   another account, or signed for another chain or coordinator; also `false` for a malformed
 *   signature. Never throws for a bad signature.
 * - Authentic is not correct: the engine must still recompute the commitment from its own storage.
 *
 * **Example** (a tampered salt)
 * ```ts
 * import type { Address } from 'viem'
 * import { generateSalt, verifyRoundPayload, type SignedRoundPayload } from 'lensync/coordinator'
 *
 * declare const coordinator: Address, signed: SignedRoundPayload // signed for chain 31337
 * await verifyRoundPayload({ chainId: 31337, coordinator, payload: { ...signed, salt: generateSalt() } })
 * // Output: false
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export async function verifyRoundPayload(parameters: VerifyRoundPayloadParameters): Promise<boolean> {
  const { payload } = parameters
  if (parameters.signer !== undefined && !isAddressEqual(parameters.signer, payload.proposer)) return false
  try {
    return isAddressEqual(await recoverRoundPayloadSigner(parameters), payload.proposer)
  } catch (error) {
    if (error instanceof TransportError && error.code === 'BadSignature') return false
    throw error
  }
}

