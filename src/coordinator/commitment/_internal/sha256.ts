/**
 * SHA-256 on `node:crypto` where the runtime hands it out synchronously, else on viem's portable
 * implementation (@noble/hashes). Both give the same bytes.
 *
 * @internal
 */
import { sha256 as portableSha256 } from 'viem'
import type { Hex } from 'viem'

interface NodeHash {
  update(data: string | Uint8Array, encoding?: 'utf8'): NodeHash
  digest(encoding: 'hex' | 'latin1'): string
}
interface NodeCrypto {
  createHash(algorithm: 'sha256'): NodeHash
  /** One-shot hash (Node ≥ 20.12): no Hash object per call. */
  hash?(algorithm: 'sha256', data: Uint8Array, encoding: 'latin1'): string
}

/**
 * `node:crypto` when the runtime hands it out synchronously without an import (Node ≥ 20.16, Deno,
 * Bun), so bundlers targeting browsers never see a `node:` import. `undefined` in browsers.
 */
const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    const crypto = process?.getBuiltinModule?.('node:crypto') as Partial<NodeCrypto> | undefined
    return typeof crypto?.createHash === 'function' ? (crypto as NodeCrypto) : undefined
  } catch {
    return undefined
  }
})()

/** Whether hashing runs on `node:crypto` in this runtime. @internal */
export const nativeSha256 = nodeCrypto !== undefined

const encoder = new TextEncoder()

/**
 * SHA-256 of the UTF-8 encoding of `text`, as hex. `text` must be well-formed UTF-16 (canonical JSON
 * always is), so both paths encode it identically.
 *
 * @internal
 */
export function sha256Utf8(text: string, path: 'auto' | 'portable' = 'auto'): Hex {
  if (nodeCrypto !== undefined && path === 'auto') return `0x${nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex')}`
  return portableSha256(encoder.encode(text))
}

/** One hash function over a byte range, returning the 32 bytes as a latin1 string (one char per byte). */
export type HashBytes = (bytes: Uint8Array) => string

const fromBytes = (bytes: Uint8Array): string => {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!)
  return out
}

/** The portable path: @noble/hashes through viem. @internal */
export const portableHashBytes: HashBytes = (bytes) => fromBytes(portableSha256(bytes, 'bytes'))

/**
 * SHA-256 of `bytes` as a 32-character latin1 string: a compact, immutable cache value (a string is
 * a small heap object; a `Uint8Array` carries a backing store).
 *
 * @internal
 */
export const hashBytes: HashBytes = (() => {
  const crypto = nodeCrypto
  if (crypto === undefined) return portableHashBytes
  const oneShot = crypto.hash
  if (typeof oneShot === 'function') return (bytes) => oneShot('sha256', bytes, 'latin1')
  return (bytes) => crypto.createHash('sha256').update(bytes).digest('latin1')
})()

/** A latin1 hash string as `0x`-prefixed hex. @internal */
export function latin1ToHex(hash: string): Hex {
  let out = '0x'
  for (let i = 0; i < hash.length; i++) out += hexByte[hash.charCodeAt(i)]!
  return out as Hex
}

const hexByte = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))
