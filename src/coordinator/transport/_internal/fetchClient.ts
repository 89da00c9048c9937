/**
 * The fetching half shared by every transport: turns a served answer into a verified payload or a
 * typed error.
 *
 * @internal
 */
import { isAddressEqual, type Address } from 'viem'
import { TransportError, type TransportErrorCode } from '../errors.js'
import { recoverRoundPayloadSigner } from '../roundPayload.js'
import type { FetchPayloadParameters, SealedRoundPayload, SignedRoundPayload } from '../types.js'
import { decodeSealedPayload } from './seal.js'
import { errorCodeOf, parseJson, type WireResponse } from './wire.js'

const hints: Record<TransportErrorCode, string> = {
  Unauthorized: 'the peer refused: this account was not a member of the view at that round (check the view’s history on the coordinator).',
  BadSignature: 'the peer rejected the request signature; check that chainId and coordinator match the peer’s.',
  StaleRequest: 'the peer found the request outside its freshness window; check both clocks.',
  Replay: 'the peer already answered this request (its nonce); a request is single-use.',
  WrongAudience: 'the peer answers requests meant for another peer only: the directory maps this address to someone else’s server.',
  InvalidHost: 'the peer does not answer for this host name; check the directory URL against its allowed hosts.',
  UnsupportedMediaType: 'the peer expects application/json.',
  RateLimited: 'the peer is rate limiting this client; retry later.',
  InsecureUrl: 'the URL is not https (or loopback http).',
  KeyUnavailable: 'the peer could not resolve an encryption key.',
  NotRecipient: 'the round’s payload was not sealed for this account (not a member when it was published).',
  DecryptionFailed: 'the payload could not be opened.',
  NotFound: 'the peer holds no payload for this round (never published, or evicted); read the round state on chain.',
  InvalidPayload: 'the peer could not read the request; check that both peers run compatible lensync versions.',
  Conflict: 'the peer reported a conflict.',
  PayloadTooLarge: 'the request exceeded the peer’s size limit.',
  Timeout: 'the peer timed out.',
  Unreachable: 'the peer is unreachable.',
  ServerError: 'the peer failed while serving (its membership check may be down); retry later.',
  Closed: 'the peer has stopped serving; retry once it is back.',
  InvalidConfig: 'the peer is misconfigured.',
}

/** Settings the client half needs. */
export interface FetchClientContext {
  readonly chainId: number
  readonly coordinator: Address
}

/**
 * Reads a served answer and opens it with `open`. Resolves only with a payload signed by `from` whose
 * `viewId`, `round` and `proposer` are the ones asked for.
 */
export async function readFetchResponse(
  context: FetchClientContext,
  parameters: FetchPayloadParameters,
  response: WireResponse,
  peer: string,
  open: (sealed: SealedRoundPayload) => Promise<SignedRoundPayload>,
): Promise<SignedRoundPayload> {
  const where = { viewId: parameters.viewId, round: parameters.round, peer }
  if (response.status !== 200) {
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      body = undefined
    }
    const code = errorCodeOf(body)
    throw new TransportError({ code, status: response.status, message: hints[code], ...where })
  }
  let payload: SignedRoundPayload
  try {
    const body = parseJson(response.body)
    payload = await open(decodeSealedPayload((body as { payload?: unknown } | null)?.payload, '/payload'))
  } catch (error) {
    if (error instanceof TransportError)
      throw new TransportError({ code: error.code, pointer: error.pointer, message: `the peer served a payload this peer cannot use: ${error.shortMessage}`, ...where, cause: error })
    throw error
  }
  const mismatch = (pointer: string, got: string, wanted: string) =>
    new TransportError({
      code: 'InvalidPayload',
      pointer,
      message: 'the peer served a payload for something else than was asked; drop it and do not ack.',
      metaMessages: [`asked: ${wanted}`, `served: ${got}`],
      ...where,
    })
  if (payload.viewId !== parameters.viewId.toLowerCase()) throw mismatch('/payload/viewId', payload.viewId, parameters.viewId)
  if (payload.round !== parameters.round) throw mismatch('/payload/round', String(payload.round), String(parameters.round))
  if (!isAddressEqual(payload.proposer, parameters.from)) throw mismatch('/payload/proposer', payload.proposer, parameters.from)
  const signer = await recoverRoundPayloadSigner({ ...context, payload }).catch((cause: unknown) => {
    throw new TransportError({
      code: 'BadSignature',
      pointer: '/payload/signature',
      message: 'the payload signature is malformed; drop the payload and do not ack.',
      ...where,
      cause,
    })
  })
  if (!isAddressEqual(signer, parameters.from))
    throw new TransportError({
      code: 'BadSignature',
      pointer: '/payload/signature',
      message: 'the payload is not signed by its proposer (tampered, forged, or signed for another chain or coordinator); drop it and do not ack.',
      metaMessages: [`proposer: ${parameters.from}`, `recovered signer: ${signer}`],
      ...where,
    })
  return payload
}
