/**
 * Sealing a signed payload for the members of its round, and opening it as one of them.
 *
 * @internal
 */
import { getAddress, isAddressEqual, type Address } from 'viem'
import { TransportError } from '../errors.js'
import type { SealedRoundPayload, SignedRoundPayload } from '../types.js'
import { decrypt, encrypt, newContentKey, unwrapKey, wrapKey, type HpkeKeyPair } from './hpke.js'
import { decodeAddress, decodeBytes32, decodeRoundPayload, decodeUint64, encodeRoundPayload, encodeUint64, parseJson } from './wire.js'

const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder('utf-8', { fatal: true })
const base64url = /^[A-Za-z0-9_-]*$/

/** The chain and coordinator every seal is bound to. */
export interface SealDomain {
  readonly chainId: number
  readonly coordinator: Address
}

type Header = Pick<SealedRoundPayload, 'viewId' | 'round' | 'proposer'>

/** Additional data of the ciphertext: what the payload is, so that it cannot pass for another round. */
function payloadAad(domain: SealDomain, header: Header): Uint8Array {
  return utf8.encode(`lensync/1 payload|${domain.chainId}|${domain.coordinator.toLowerCase()}|${header.viewId.toLowerCase()}|${header.round}|${header.proposer.toLowerCase()}`)
}

/** Additional data of one wrapped key: the payload's, and whom it is wrapped for. */
function keyAad(domain: SealDomain, header: Header, recipient: Address): Uint8Array {
  return utf8.encode(`lensync/1 key|${domain.chainId}|${domain.coordinator.toLowerCase()}|${header.viewId.toLowerCase()}|${header.round}|${header.proposer.toLowerCase()}|${recipient.toLowerCase()}`)
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'))

/**
 * Seals `payload` under a fresh content key wrapped for each of `recipients` (their checked X25519
 * public keys). With `scheme: 'none'` the payload travels as its JSON text, sealed for nobody.
 */
export async function sealPayload(
  domain: SealDomain,
  payload: SignedRoundPayload,
  recipients: readonly { readonly account: Address; readonly publicKey: Uint8Array }[],
  scheme: SealedRoundPayload['scheme'],
): Promise<SealedRoundPayload> {
  const header: Header = { viewId: payload.viewId.toLowerCase() as SealedRoundPayload['viewId'], round: encodeUint64(payload.round, '/round'), proposer: getAddress(payload.proposer) }
  const text = JSON.stringify(encodeRoundPayload(payload))
  if (scheme === 'none') return { scheme, ...header, ciphertext: text, recipients: [] }
  const contentKey = newContentKey()
  const ciphertext = await encrypt(contentKey, utf8.encode(text), payloadAad(domain, header))
  const wrapped = await Promise.all(
    recipients.map(async ({ account, publicKey }) => {
      const { enc, key } = await wrapKey(publicKey, contentKey, keyAad(domain, header, account))
      return { account: getAddress(account), enc: b64(enc), key: b64(key) }
    }),
  )
  contentKey.fill(0)
  return { scheme, ...header, ciphertext: b64(ciphertext), recipients: wrapped }
}

/** The sealed payload as `recipient` receives it: only its own wrapped key (`undefined` when it has none). */
export function sealedFor(sealed: SealedRoundPayload, recipient: Address): SealedRoundPayload | undefined {
  if (sealed.scheme === 'none') return sealed
  const own = sealed.recipients.filter((r) => isAddressEqual(r.account, recipient))
  return own.length === 0 ? undefined : { ...sealed, recipients: own }
}

/**
 * Opens a sealed payload with this peer's key and decodes it; `DecryptionFailed` when it was not
 * sealed for this key or any byte changed, `InvalidPayload` when the sealed form is malformed.
 */
export async function openPayload(domain: SealDomain, sealed: SealedRoundPayload, self: Address, key: HpkeKeyPair): Promise<SignedRoundPayload> {
  const failed = (message: string, cause?: unknown) => new TransportError({ code: 'DecryptionFailed', pointer: '/payload', message, cause })
  let text: string
  if (sealed.scheme === 'none') text = sealed.ciphertext
  else {
    const own = sealed.recipients.find((r) => isAddressEqual(r.account, self))
    if (own === undefined) throw new TransportError({ code: 'NotRecipient', pointer: '/payload/recipients', message: 'the payload is not sealed for this peer.' })
    let plaintext: Uint8Array
    try {
      const contentKey = await unwrapKey(key, unb64(own.enc), unb64(own.key), keyAad(domain, sealed, self))
      plaintext = await decrypt(contentKey, unb64(sealed.ciphertext), payloadAad(domain, sealed))
    } catch (cause) {
      throw failed('the sealed payload does not open with this peer’s key (tampered, or sealed for another key); drop it and do not ack.', cause)
    }
    try {
      text = fromUtf8.decode(plaintext)
    } catch (cause) {
      throw failed('the sealed payload is not UTF-8 text.', cause)
    }
  }
  const payload = decodeRoundPayload(parseJson(text), '/payload')
  if (payload.viewId !== sealed.viewId.toLowerCase() || payload.round.toString() !== sealed.round || !isAddressEqual(payload.proposer, sealed.proposer))
    throw new TransportError({ code: 'InvalidPayload', pointer: '/payload', message: 'the sealed payload’s header does not match its content; drop it and do not ack.' })
  return payload
}

/** Checks the shape of a sealed payload (from the wire or an archive). `pointer` prefixes every field's pointer. */
export function decodeSealedPayload(value: unknown, pointer = ''): SealedRoundPayload {
  const invalid = (at: string, message: string) => new TransportError({ code: 'InvalidPayload', pointer: `${pointer}${at}`, message })
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('', 'expected a sealed payload object.')
  const o = value as Record<string, unknown>
  if (o.scheme !== 'hpke' && o.scheme !== 'none') throw invalid('/scheme', 'expected "hpke" (or "none").')
  if (typeof o.ciphertext !== 'string' || (o.scheme === 'hpke' && !base64url.test(o.ciphertext))) throw invalid('/ciphertext', 'expected base64url text.')
  if (!Array.isArray(o.recipients)) throw invalid('/recipients', 'expected an array.')
  const recipients = o.recipients.map((r: unknown, i) => {
    const e = (r ?? {}) as Record<string, unknown>
    if (typeof e.enc !== 'string' || !base64url.test(e.enc)) throw invalid(`/recipients/${i}/enc`, 'expected base64url text.')
    if (typeof e.key !== 'string' || !base64url.test(e.key)) throw invalid(`/recipients/${i}/key`, 'expected base64url text.')
    return { account: decodeAddress(e.account, `${pointer}/recipients/${i}/account`), enc: e.enc, key: e.key }
  })
  return {
    scheme: o.scheme,
    viewId: decodeBytes32(o.viewId, `${pointer}/viewId`),
    round: decodeUint64(o.round, `${pointer}/round`).toString(),
    proposer: decodeAddress(o.proposer, `${pointer}/proposer`),
    ciphertext: o.ciphertext,
    recipients,
  }
}
