/**
 * The cryptography of sealed payloads, in one place: HPKE (RFC 9180) base mode with
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM wraps a fresh 32-byte content key per
 * recipient; the payload itself is AES-256-GCM under that content key. Everything runs on WebCrypto
 * (X25519 included, as in Node 20): `@hpke/core`'s native KEM wraps a key several times faster than
 * a pure-JS X25519.
 *
 * @internal
 */
import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core'

const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() })
const info = new TextEncoder().encode('lensync/1 content key')
const subtle = globalThis.crypto.subtle

/** An X25519 key pair and its raw 32-byte public key. */
export interface HpkeKeyPair {
  readonly keyPair: Awaited<ReturnType<CipherSuite['kem']['deriveKeyPair']>>
  readonly publicKey: Uint8Array
}

/** RFC 9180 `DeriveKeyPair(ikm)`: the same `ikm` (at least 32 bytes) always gives the same key pair. */
export async function deriveHpkeKeyPair(ikm: Uint8Array): Promise<HpkeKeyPair> {
  const keyPair = await suite.kem.deriveKeyPair(toArrayBuffer(ikm))
  return { keyPair, publicKey: new Uint8Array(await suite.kem.serializePublicKey(keyPair.publicKey)) }
}

/** Encrypts `contentKey` to `publicKey` (raw X25519), bound to `aad`. */
export async function wrapKey(publicKey: Uint8Array, contentKey: Uint8Array, aad: Uint8Array): Promise<{ enc: Uint8Array; key: Uint8Array }> {
  const recipientPublicKey = await suite.kem.deserializePublicKey(toArrayBuffer(publicKey))
  const sealed = await suite.seal({ recipientPublicKey, info: toArrayBuffer(info) }, toArrayBuffer(contentKey), toArrayBuffer(aad))
  return { enc: new Uint8Array(sealed.enc), key: new Uint8Array(sealed.ct) }
}

/** Opens a wrapped content key; rejects when it was not wrapped for `recipient` or `aad` differs. */
export async function unwrapKey(recipient: HpkeKeyPair, enc: Uint8Array, key: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const opened = await suite.open({ recipientKey: recipient.keyPair, enc: toArrayBuffer(enc), info: toArrayBuffer(info) }, toArrayBuffer(key), toArrayBuffer(aad))
  return new Uint8Array(opened)
}

/** A fresh 32-byte content key. */
export function newContentKey(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32))
}

/** AES-256-GCM: a random 12-byte IV followed by the ciphertext and its tag. */
export async function encrypt(contentKey: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
  const key = await subtle.importKey('raw', toArrayBuffer(contentKey), 'AES-GCM', false, ['encrypt'])
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: toArrayBuffer(aad) }, key, toArrayBuffer(plaintext)))
  const out = new Uint8Array(iv.length + ciphertext.length)
  out.set(iv)
  out.set(ciphertext, iv.length)
  return out
}

/** Reverses {@link encrypt}; rejects on a wrong key, a changed byte or a different `aad`. */
export async function decrypt(contentKey: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', toArrayBuffer(contentKey), 'AES-GCM', false, ['decrypt'])
  const plaintext = await subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(0, 12), additionalData: toArrayBuffer(aad) }, key, toArrayBuffer(sealed.subarray(12)))
  return new Uint8Array(plaintext)
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
