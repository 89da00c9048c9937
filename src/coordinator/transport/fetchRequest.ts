/**
 * Signing and checking fetch requests.
 *
 * @since 0.1.0
 */
import { bytesToHex, isAddressEqual, recoverTypedDataAddress, type Address, type Hex, type LocalAccount } from 'viem'
import { transportDomain, transportTypes, type TransportDomainParameters } from './typedData.js'

/**
 * A request for one round's payload, as signed by the requester.
 *
 * @category models
 * @since 0.1.0
 */
export interface FetchRequest {
  /** The view (bytes32). */
  readonly viewId: Hex
  /** The round asked for (uint64). */
  readonly round: bigint
  /** The account asking; must be the signer. */
  readonly requester: Address
  /** The serving peer the request is meant for (its account); any other peer refuses it. */
  readonly audience: Address
  /** 32 random bytes: a server answers each `(requester, nonce)` once. */
  readonly nonce: Hex
  /** When the request was signed, in seconds since the epoch (uint64). */
  readonly issuedAt: bigint
}

/**
 * A {@link FetchRequest} with the requester's EIP-712 `Fetch` signature.
 *
 * @category models
 * @since 0.1.0
 */
export interface SignedFetchRequest extends FetchRequest {
  /** EIP-712 signature of `Fetch(…)` by `requester` (65 bytes). */
  readonly signature: Hex
}

/**
 * Parameters of {@link signFetchRequest}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface SignFetchRequestParameters extends TransportDomainParameters {
  /** The requester's local account. */
  readonly account: LocalAccount
  /** The view (bytes32). */
  readonly viewId: Hex
  /** The round asked for. */
  readonly round: bigint
  /** The serving peer's account (the `from` of a fetch). */
  readonly audience: Address
  /**
   * 32 bytes, fresh for every request.
   * @defaultValue 32 random bytes
   */
  readonly nonce?: Hex | undefined
  /**
   * Seconds since the epoch.
   * @defaultValue the current time
   */
  readonly issuedAt?: bigint | undefined
}

/**
 * Signs a fetch request (EIP-712 `Fetch(bytes32 viewId,uint64 round,address requester,address audience,bytes32 nonce,uint64 issuedAt)`).
 *
 * **When to use**
 * - {@link Transport.fetch} does it for you; call it directly to speak the HTTP protocol from
 *   another client.
 *
 * **Example** (a request for round 7)
 * ```ts
 * import type { Address, Hex, LocalAccount } from 'viem'
 * import { signFetchRequest } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount, coordinator: Address, viewId: Hex, proposer: Address
 * const request = await signFetchRequest({ account, chainId: 31337, coordinator, viewId, round: 7n, audience: proposer })
 * request.requester === account.address
 * // Output: true
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export async function signFetchRequest(parameters: SignFetchRequestParameters): Promise<SignedFetchRequest> {
  const request: FetchRequest = {
    viewId: parameters.viewId,
    round: parameters.round,
    requester: parameters.account.address,
    audience: parameters.audience,
    nonce: parameters.nonce ?? bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
    issuedAt: parameters.issuedAt ?? BigInt(Math.floor(Date.now() / 1000)),
  }
  const signature = await parameters.account.signTypedData({
    domain: transportDomain(parameters),
    types: transportTypes,
    primaryType: 'Fetch',
    message: request,
  })
  return { ...request, signature }
}

/**
 * Parameters of {@link verifyFetchRequest}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface VerifyFetchRequestParameters extends TransportDomainParameters {
  /** The signed request. */
  readonly request: SignedFetchRequest
}

/**
 * Tells whether a fetch request is signed by its `requester` for this chain and coordinator.
 *
 * **Details**
 * - Checks the signature only; the serving side checks the audience, freshness, nonce and membership
 *   separately.
 * - `false` for a malformed signature; never throws for one.
 *
 * @category transports
 * @since 0.1.0
 */
export async function verifyFetchRequest(parameters: VerifyFetchRequestParameters): Promise<boolean> {
  const { request } = parameters
  try {
    const signer = await recoverTypedDataAddress({
      domain: transportDomain(parameters),
      types: transportTypes,
      primaryType: 'Fetch',
      message: {
        viewId: request.viewId,
        round: request.round,
        requester: request.requester,
        audience: request.audience,
        nonce: request.nonce,
        issuedAt: request.issuedAt,
      },
      signature: request.signature,
    })
    return isAddressEqual(signer, request.requester)
  } catch {
    return false
  }
}
