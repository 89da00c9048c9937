/**
 * The JSON wire format of the transport, with bigints as decimal strings.
 *
 * Both transports go through it (the in-process one too), so a payload always crosses a process-like
 * boundary: no object is shared between peers, and what is signed is what travels.
 *
 * @internal
 */
import { getAddress, isAddress, type Address, type Hex } from 'viem'
import { TransportError, transportErrorCodes, type TransportErrorCode } from '../errors.js'
import type { SignedFetchRequest } from '../fetchRequest.js'
import type { Patch } from '../../../lens/patch/types.js'
import type { RoundPayload, SignedRoundPayload } from '../types.js'

const maxUint64 = 2n ** 64n - 1n
const uintPattern = /^(?:0|[1-9][0-9]{0,19})$/
const bytes32Pattern = /^0x[0-9a-fA-F]{64}$/
const signaturePattern = /^0x[0-9a-fA-F]{130}$/
const ops = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test'])

function invalid(pointer: string, message: string): TransportError {
  return new TransportError({ code: 'InvalidPayload', pointer, message })
}

/** Encodes a uint64 as a decimal string. */
export function encodeUint64(value: bigint, pointer: string): string {
  if (typeof value !== 'bigint' || value < 0n || value > maxUint64)
    throw invalid(pointer, `expected a uint64 bigint, got ${String(value)}.`)
  return value.toString(10)
}

/** Decodes a uint64 from a decimal string. */
export function decodeUint64(value: unknown, pointer: string): bigint {
  if (typeof value !== 'string' || !uintPattern.test(value)) throw invalid(pointer, 'expected a uint64 as a decimal string.')
  const n = BigInt(value)
  if (n > maxUint64) throw invalid(pointer, 'the number exceeds uint64.')
  return n
}

/** Checks and lowercases a bytes32 hex string. */
export function decodeBytes32(value: unknown, pointer: string): Hex {
  if (typeof value !== 'string' || !bytes32Pattern.test(value)) throw invalid(pointer, 'expected 32 bytes as 0x-prefixed hex.')
  return value.toLowerCase() as Hex
}

function decodeSignature(value: unknown, pointer: string): Hex {
  if (typeof value !== 'string' || !signaturePattern.test(value)) throw invalid(pointer, 'expected a 65-byte signature as 0x-prefixed hex.')
  return value.toLowerCase() as Hex
}

/** Checks an address and returns it checksummed. */
export function decodeAddress(value: unknown, pointer: string): Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw invalid(pointer, 'expected a 20-byte address.')
  return getAddress(value)
}

function isPointer(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || value.startsWith('/'))
}

/**
 * Checks the shape of a patch. The operations are returned as parsed — never rebuilt — so that the
 * patch hash, which depends on the JSON text, is the one the proposer signed.
 */
export function decodePatch(value: unknown, pointer: string): Patch {
  if (!Array.isArray(value)) throw invalid(pointer, 'expected an array of RFC 6902 operations.')
  value.forEach((op: unknown, i) => {
    const at = `${pointer}/${i}`
    if (op === null || typeof op !== 'object' || Array.isArray(op)) throw invalid(at, 'expected an operation object.')
    const o = op as Record<string, unknown>
    if (typeof o.op !== 'string' || !ops.has(o.op)) throw invalid(`${at}/op`, 'expected one of add, remove, replace, move, copy, test.')
    if (!isPointer(o.path)) throw invalid(`${at}/path`, 'expected a JSON Pointer string.')
    if ((o.op === 'move' || o.op === 'copy') && !isPointer(o.from)) throw invalid(`${at}/from`, 'expected a JSON Pointer string.')
    if ((o.op === 'add' || o.op === 'replace' || o.op === 'test') && !Object.hasOwn(o, 'value'))
      throw invalid(`${at}/value`, `a "${o.op}" operation needs a value.`)
  })
  return value as Patch
}

function asObject(value: unknown, pointer: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(pointer, 'expected a JSON object.')
  return value as Record<string, unknown>
}

/** Parses JSON text; malformed text is `InvalidPayload`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new TransportError({ code: 'InvalidPayload', pointer: '', message: 'the body is not valid JSON.', cause })
  }
}

/** The wire form of a signed payload (a JSON-ready object). */
export function encodeRoundPayload(payload: SignedRoundPayload): Record<string, unknown> {
  return {
    viewId: decodeBytes32(payload.viewId, '/viewId'),
    round: encodeUint64(payload.round, '/round'),
    baseVersion: encodeUint64(payload.baseVersion, '/baseVersion'),
    version: encodeUint64(payload.version, '/version'),
    patch: payload.patch,
    salt: decodeBytes32(payload.salt, '/salt'),
    commitment: decodeBytes32(payload.commitment, '/commitment'),
    proposer: decodeAddress(payload.proposer, '/proposer'),
    signature: payload.signature,
  }
}

/** Checks a wire payload and returns it with bigints. `pointer` prefixes every field's pointer. */
export function decodeRoundPayload(value: unknown, pointer = ''): SignedRoundPayload {
  const o = asObject(value, pointer)
  return {
    viewId: decodeBytes32(o.viewId, `${pointer}/viewId`),
    round: decodeUint64(o.round, `${pointer}/round`),
    baseVersion: decodeUint64(o.baseVersion, `${pointer}/baseVersion`),
    version: decodeUint64(o.version, `${pointer}/version`),
    patch: decodePatch(o.patch, `${pointer}/patch`),
    salt: decodeBytes32(o.salt, `${pointer}/salt`),
    commitment: decodeBytes32(o.commitment, `${pointer}/commitment`),
    proposer: decodeAddress(o.proposer, `${pointer}/proposer`),
    signature: decodeSignature(o.signature, `${pointer}/signature`),
  }
}

/** The wire form of a signed fetch request, as JSON text. */
export function encodeFetchRequest(request: SignedFetchRequest): string {
  return JSON.stringify({
    viewId: request.viewId,
    round: encodeUint64(request.round, '/round'),
    requester: request.requester,
    audience: request.audience,
    nonce: request.nonce,
    issuedAt: encodeUint64(request.issuedAt, '/issuedAt'),
    signature: request.signature,
  })
}

/** Checks a wire fetch request and returns it with bigints. */
export function decodeFetchRequest(value: unknown): SignedFetchRequest {
  const o = asObject(value, '')
  return {
    viewId: decodeBytes32(o.viewId, '/viewId'),
    round: decodeUint64(o.round, '/round'),
    requester: decodeAddress(o.requester, '/requester'),
    audience: decodeAddress(o.audience, '/audience'),
    nonce: decodeBytes32(o.nonce, '/nonce'),
    issuedAt: decodeUint64(o.issuedAt, '/issuedAt'),
    signature: decodeSignature(o.signature, '/signature'),
  }
}

/** A served answer: an HTTP status and a JSON body. */
export interface WireResponse {
  readonly status: number
  readonly body: string
}

const statusOf: Record<TransportErrorCode, number> = {
  InvalidPayload: 400,
  BadSignature: 401,
  StaleRequest: 401,
  Replay: 401,
  WrongAudience: 421,
  InvalidHost: 421,
  UnsupportedMediaType: 415,
  RateLimited: 429,
  InsecureUrl: 400,
  KeyUnavailable: 500,
  NotRecipient: 403,
  DecryptionFailed: 400,
  Unauthorized: 403,
  NotFound: 404,
  Conflict: 409,
  PayloadTooLarge: 413,
  ServerError: 500,
  Closed: 503,
  Timeout: 408,
  Unreachable: 502,
  InvalidConfig: 500,
}

/** An error answer: the code only, never a reason or any data. */
export function errorResponse(code: TransportErrorCode): WireResponse {
  return { status: statusOf[code], body: JSON.stringify({ error: { code } }) }
}

/** Reads the code of an error answer; an unknown or missing code becomes `ServerError`. */
export function errorCodeOf(body: unknown): TransportErrorCode {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code
  return typeof code === 'string' && (transportErrorCodes as readonly string[]).includes(code) ? (code as TransportErrorCode) : 'ServerError'
}

/**
 * Checks a payload before it is signed, on its JSON form (so that, e.g., an `add` whose value is
 * `undefined` — which JSON drops — is caught here and not by every receiver).
 */
export function checkRoundPayload(payload: RoundPayload): void {
  decodeBytes32(payload.viewId, '/viewId')
  encodeUint64(payload.round, '/round')
  encodeUint64(payload.baseVersion, '/baseVersion')
  encodeUint64(payload.version, '/version')
  decodeBytes32(payload.salt, '/salt')
  decodeBytes32(payload.commitment, '/commitment')
  decodeAddress(payload.proposer, '/proposer')
  let text: string | undefined
  try {
    text = JSON.stringify(payload.patch)
  } catch (cause) {
    throw new TransportError({ code: 'InvalidPayload', pointer: '/patch', message: 'the patch is not JSON (a bigint or a cycle?).', cause })
  }
  decodePatch(text === undefined ? undefined : JSON.parse(text), '/patch')
}
