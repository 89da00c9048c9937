/**
 * The serving half shared by every transport: a store of signed payloads and the fetch handler that
 * checks a request's freshness, signature and membership before it answers.
 *
 * @internal
 */
import { isAddress, type Address, type Hex } from 'viem'
import { TransportError } from '../errors.js'
import { verifyFetchRequest } from '../fetchRequest.js'
import type { AuthorizeFetch, SignedRoundPayload, TransportBaseConfig } from '../types.js'
import { decodeFetchRequest, decodeRoundPayload, encodeRoundPayload, errorResponse, parseJson, type WireResponse } from './wire.js'

/** Settings of {@link createPayloadServer}, defaults resolved. */
export interface PayloadServerConfig {
  readonly address: Address
  readonly chainId: number
  readonly coordinator: Address
  readonly authorize: AuthorizeFetch
  readonly freshnessWindow: number
  readonly retainRounds: number
  readonly now: () => number
}

/** A peer's store of published payloads and its fetch handler. */
export interface PayloadServer {
  /** Stores a signed payload (idempotent; `Conflict` for a different payload of the same round). */
  put(payload: SignedRoundPayload): SignedRoundPayload
  /** Answers one fetch request body. Never throws. */
  handle(body: string): Promise<WireResponse>
  /** Sets the fallback for rounds the store does not hold (already signed by the caller). */
  setFallback(fallback: PayloadFallback | undefined): void
}

/** A signed payload for a round the store does not hold, or `undefined`. */
export type PayloadFallback = (parameters: { readonly viewId: Hex; readonly round: bigint }) => Promise<SignedRoundPayload | undefined>

/** Resolves the shared defaults and checks them; errors name the factory. */
export function resolveServerConfig(
  factory: string,
  config: Omit<TransportBaseConfig, 'account'> & { readonly account: { readonly address: Address } },
): PayloadServerConfig {
  const freshnessWindow = config.freshnessWindow ?? 60
  const retainRounds = config.retainRounds ?? 4
  if (!Number.isFinite(freshnessWindow) || freshnessWindow <= 0)
    throw invalidConfig(factory, '/freshnessWindow', `freshnessWindow must be a positive number of seconds, got ${freshnessWindow}.`)
  if (!Number.isSafeInteger(retainRounds) || retainRounds < 1)
    throw invalidConfig(factory, '/retainRounds', `retainRounds must be a positive integer, got ${retainRounds}.`)
  if (!Number.isSafeInteger(config.chainId) || config.chainId < 1)
    throw invalidConfig(factory, '/chainId', `chainId must be a positive integer, got ${config.chainId}.`)
  if (!isAddress(config.coordinator, { strict: false }))
    throw invalidConfig(factory, '/coordinator', `coordinator must be the contract address, got ${String(config.coordinator)}.`)
  if (typeof config.authorize !== 'function') throw invalidConfig(factory, '/authorize', 'authorize must be a function.')
  return {
    address: config.account.address,
    chainId: config.chainId,
    coordinator: config.coordinator,
    authorize: config.authorize,
    freshnessWindow,
    retainRounds,
    now: config.now ?? Date.now,
  }
}

/** A configuration error; the message names the factory. */
export function invalidConfig(factory: string, pointer: string, message: string): TransportError {
  return new TransportError({ code: 'InvalidConfig', pointer, message: `${factory}: ${message}` })
}

/** Creates the serving half of a transport. */
export function createPayloadServer(config: PayloadServerConfig): PayloadServer {
  // viewId (lowercase) → round → the payload's wire JSON text: an immutable snapshot.
  const store = new Map<Hex, Map<bigint, string>>()
  let fallback: PayloadFallback | undefined

  function put(payload: SignedRoundPayload): SignedRoundPayload {
    const text = JSON.stringify(encodeRoundPayload(payload))
    const viewId = payload.viewId.toLowerCase() as Hex
    let rounds = store.get(viewId)
    if (rounds === undefined) store.set(viewId, (rounds = new Map()))
    const existing = rounds.get(payload.round)
    if (existing !== undefined && existing !== text)
      throw new TransportError({
        code: 'Conflict',
        viewId: payload.viewId,
        round: payload.round,
        message: 'a different payload is already published for this round; a round carries exactly one patch and salt.',
      })
    rounds.set(payload.round, text)
    if (rounds.size > config.retainRounds) {
      const oldest = [...rounds.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, rounds.size - config.retainRounds)
      for (const round of oldest) rounds.delete(round)
    }
    return decodeRoundPayload(JSON.parse(text))
  }

  async function handle(body: string): Promise<WireResponse> {
    let request
    try {
      request = decodeFetchRequest(parseJson(body))
    } catch {
      return errorResponse('InvalidPayload')
    }
    // Cheap checks first: a stale request costs no signature recovery.
    const nowSeconds = BigInt(Math.floor(config.now() / 1000))
    const skew = request.issuedAt > nowSeconds ? request.issuedAt - nowSeconds : nowSeconds - request.issuedAt
    if (skew > BigInt(Math.floor(config.freshnessWindow))) return errorResponse('StaleRequest')
    if (!(await verifyFetchRequest({ chainId: config.chainId, coordinator: config.coordinator, request })))
      return errorResponse('BadSignature')
    let allowed: boolean
    try {
      allowed = (await config.authorize({ viewId: request.viewId, requester: request.requester })) === true
    } catch {
      return errorResponse('ServerError')
    }
    // Membership is checked before existence: a non-member cannot even learn whether a round exists.
    if (!allowed) return errorResponse('Unauthorized')
    const text = store.get(request.viewId.toLowerCase() as Hex)?.get(request.round)
    if (text !== undefined) return { status: 200, body: `{"payload":${text}}` }
    if (fallback === undefined) return errorResponse('NotFound')
    let archived: SignedRoundPayload | undefined
    try {
      archived = await fallback({ viewId: request.viewId, round: request.round })
    } catch {
      return errorResponse('ServerError')
    }
    if (
      archived === undefined ||
      archived.viewId.toLowerCase() !== request.viewId.toLowerCase() ||
      archived.round !== request.round ||
      archived.proposer.toLowerCase() !== config.address.toLowerCase()
    )
      return errorResponse('NotFound')
    return { status: 200, body: `{"payload":${JSON.stringify(encodeRoundPayload(archived))}}` }
  }

  return {
    put,
    handle,
    setFallback(next) {
      fallback = next
    },
  }
}
