/**
 * The serving half shared by every transport: a store of sealed payloads and the fetch handler that
 * checks a request's audience, freshness, signature, nonce and membership at its round before it
 * answers.
 *
 * @internal
 */
import { isAddress, isAddressEqual, keccak256, stringToBytes, type Address, type Hex } from 'viem'
import { TransportError } from '../errors.js'
import { verifyFetchRequest } from '../fetchRequest.js'
import type { SealedRoundPayload, TransportBaseConfig, ViewRoster } from '../types.js'
import { invalidConfig } from './invalidConfig.js'
import { createReplayGuard } from './replayGuard.js'
import { sealedFor } from './seal.js'
import { decodeFetchRequest, errorResponse, parseJson, type WireResponse } from './wire.js'

/** Settings of {@link createPayloadServer}, defaults resolved. */
export interface PayloadServerConfig {
  readonly address: Address
  readonly chainId: number
  readonly coordinator: Address
  readonly roster: ViewRoster
  readonly encryption: 'hpke' | 'none'
  readonly freshnessWindow: number
  readonly clockSkew: number
  readonly retainRounds: number
  readonly now: () => number
}

/** A peer's store of sealed payloads and its fetch handler. */
export interface PayloadServer {
  /** The sealed payload stored for a round and the digest of the signed payload it seals. */
  get(viewId: Hex, round: bigint): { readonly sealed: SealedRoundPayload; readonly digest: Hex } | undefined
  /** Stores a sealed payload; `Conflict` when another signed payload (another `digest`) is stored for the round. */
  put(sealed: SealedRoundPayload, digest: Hex): SealedRoundPayload
  /** Forgets the payload stored for a round, if any. */
  remove(viewId: Hex, round: bigint): void
  /** Answers one fetch request body. Never throws. */
  handle(body: string): Promise<WireResponse>
  /** Sets the fallback for rounds the store does not hold. */
  setFallback(fallback: PayloadFallback | undefined): void
}

/** A sealed payload for a round the store does not hold, sealed (at least) for `requester`, or `undefined`. */
export type PayloadFallback = (parameters: { readonly viewId: Hex; readonly round: bigint; readonly requester: Address }) => Promise<SealedRoundPayload | undefined>

/** The digest {@link PayloadServer.put} compares: of the signed payload's wire text. */
export const payloadDigest = (text: string): Hex => keccak256(stringToBytes(text))

/** Resolves the shared defaults and checks them; errors name the factory. */
export function resolveServerConfig(
  factory: string,
  config: Omit<TransportBaseConfig, 'account'> & { readonly account: { readonly address: Address } },
): PayloadServerConfig {
  const freshnessWindow = config.freshnessWindow ?? 30
  const clockSkew = config.clockSkew ?? 5
  const retainRounds = config.retainRounds ?? 4
  const encryption = config.encryption ?? 'hpke'
  if (!Number.isFinite(freshnessWindow) || freshnessWindow <= 0)
    throw invalidConfig(factory, '/freshnessWindow', `freshnessWindow must be a positive number of seconds, got ${freshnessWindow}.`)
  if (!Number.isFinite(clockSkew) || clockSkew < 0) throw invalidConfig(factory, '/clockSkew', `clockSkew must be a non-negative number of seconds, got ${clockSkew}.`)
  if (!Number.isSafeInteger(retainRounds) || retainRounds < 1)
    throw invalidConfig(factory, '/retainRounds', `retainRounds must be a positive integer, got ${retainRounds}.`)
  if (!Number.isSafeInteger(config.chainId) || config.chainId < 1)
    throw invalidConfig(factory, '/chainId', `chainId must be a positive integer, got ${config.chainId}.`)
  if (!isAddress(config.coordinator, { strict: false }))
    throw invalidConfig(factory, '/coordinator', `coordinator must be the contract address, got ${String(config.coordinator)}.`)
  const roster = config.roster as Partial<ViewRoster> | undefined
  if (typeof roster?.isMember !== 'function' || typeof roster.membersAt !== 'function')
    throw invalidConfig(factory, '/roster', 'roster must be a ViewRoster (e.g. chainRoster(publicClient, { coordinator })).')
  if (encryption !== 'hpke' && encryption !== 'none') throw invalidConfig(factory, '/encryption', `encryption must be 'hpke' or 'none', got ${String(encryption)}.`)
  return {
    address: config.account.address,
    chainId: config.chainId,
    coordinator: config.coordinator,
    roster: config.roster,
    encryption,
    freshnessWindow,
    clockSkew,
    retainRounds,
    now: config.now ?? Date.now,
  }
}

/** Creates the serving half of a transport. */
export function createPayloadServer(config: PayloadServerConfig): PayloadServer {
  // viewId (lowercase) → round → the sealed payload and the digest of what it seals.
  const store = new Map<Hex, Map<bigint, { readonly sealed: SealedRoundPayload; readonly digest: Hex }>>()
  const nonces = createReplayGuard(config.now)
  let fallback: PayloadFallback | undefined

  function put(sealed: SealedRoundPayload, digest: Hex): SealedRoundPayload {
    const viewId = sealed.viewId.toLowerCase() as Hex
    const round = BigInt(sealed.round)
    let rounds = store.get(viewId)
    if (rounds === undefined) store.set(viewId, (rounds = new Map()))
    const existing = rounds.get(round)
    if (existing !== undefined && existing.digest !== digest)
      throw new TransportError({
        code: 'Conflict',
        viewId,
        round,
        message: 'a different payload is already published for this round; a round carries exactly one patch and salt.',
      })
    rounds.set(round, { sealed, digest })
    if (rounds.size > config.retainRounds) {
      const oldest = [...rounds.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, rounds.size - config.retainRounds)
      for (const r of oldest) rounds.delete(r)
    }
    return sealed
  }

  function remove(viewId: Hex, round: bigint): void {
    store.get(viewId.toLowerCase() as Hex)?.delete(round)
  }

  async function handle(body: string): Promise<WireResponse> {
    let request
    try {
      request = decodeFetchRequest(parseJson(body))
    } catch {
      return errorResponse('InvalidPayload')
    }
    // Cheap checks first: a request for another server, or a stale one, costs no signature recovery.
    if (!isAddressEqual(request.audience, config.address)) return errorResponse('WrongAudience')
    const nowMs = config.now()
    const issuedMs = Number(request.issuedAt) * 1000
    if (issuedMs < nowMs - config.freshnessWindow * 1000 || issuedMs > nowMs + config.clockSkew * 1000) return errorResponse('StaleRequest')
    if (!(await verifyFetchRequest({ chainId: config.chainId, coordinator: config.coordinator, request }))) return errorResponse('BadSignature')
    // Signed and fresh: the nonce is remembered until the request goes stale, so it is answered once.
    const admission = nonces.admit(`${request.requester}:${request.nonce}`, issuedMs + config.freshnessWindow * 1000 + 1000)
    if (admission === 'replay') return errorResponse('Replay')
    if (admission === 'full') return errorResponse('RateLimited')
    let allowed: boolean
    try {
      allowed = await config.roster.isMember({ viewId: request.viewId, round: request.round, account: request.requester })
    } catch {
      return errorResponse('ServerError')
    }
    // Membership at that round is checked before existence: an outsider cannot even learn whether a round exists.
    if (!allowed) return errorResponse('Unauthorized')
    let sealed = store.get(request.viewId.toLowerCase() as Hex)?.get(request.round)?.sealed
    if (sealed === undefined && fallback !== undefined) {
      try {
        sealed = await fallback({ viewId: request.viewId, round: request.round, requester: request.requester })
      } catch {
        return errorResponse('ServerError')
      }
    }
    if (sealed === undefined) return errorResponse('NotFound')
    const own = sealedFor(sealed, request.requester)
    if (own === undefined) return errorResponse('NotRecipient')
    return { status: 200, body: JSON.stringify({ payload: own }) }
  }

  return {
    get: (viewId, round) => store.get(viewId.toLowerCase() as Hex)?.get(round),
    put,
    remove,
    handle,
    setFallback(next) {
      fallback = next
    },
  }
}
