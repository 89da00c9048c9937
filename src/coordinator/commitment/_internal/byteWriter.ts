/**
 * A growable byte buffer that structural hashing writes canonical forms into: one buffer for the
 * whole walk, used as a stack (a node's form is written after its parent's, hashed, then cut off).
 *
 * @internal
 */
import { hashBytes } from './sha256.js'

const encoder = new TextEncoder()
const stringify = JSON.stringify
/** Matches a surrogate that is not part of a pair (`u` mode treats a valid pair as one code point). */
const loneSurrogate = /\p{Cs}/u
/** `String.prototype.isWellFormed` (ES2024, Node ≥ 20), else the lone-surrogate pattern. @internal */
export const isWellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !loneSurrogate.test(text)

/** @internal */
export class ByteWriter {
  bytes = new Uint8Array(1 << 16)
  length = 0

  /** Makes room for `n` more bytes (the buffer may be replaced: re-read `bytes` afterwards). */
  reserve(n: number): void {
    const need = this.length + n
    if (need <= this.bytes.length) return
    let size = this.bytes.length * 2
    while (size < need) size *= 2
    const next = new Uint8Array(size)
    next.set(this.bytes.subarray(0, this.length))
    this.bytes = next
  }

  byte(b: number): void {
    if (this.length === this.bytes.length) this.reserve(1)
    this.bytes[this.length++] = b
  }

  /** Writes a string known to be ASCII (a number's text, `true`, `null`). */
  ascii(text: string): void {
    const n = text.length
    this.reserve(n)
    const bytes = this.bytes
    let p = this.length
    for (let i = 0; i < n; i++) bytes[p++] = text.charCodeAt(i)
    this.length = p
  }

  /**
   * Writes `text` as a JSON string in UTF-8, escaped as `JSON.stringify` escapes it (RFC 8785
   * §3.2.2.2). Returns `false`, writing nothing, when `text` holds a lone surrogate.
   */
  jsonString(text: string): boolean {
    const n = text.length
    this.reserve(n + 2)
    const bytes = this.bytes
    let p = this.length
    bytes[p++] = 0x22
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      // Printable ASCII other than `"` and `\` is written as is; anything else takes the slow path.
      if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) bytes[p++] = c
      else return this.escaped(text)
    }
    bytes[p++] = 0x22
    this.length = p
    return true
  }

  private escaped(text: string): boolean {
    if (!isWellFormed(text)) return false
    const quoted = stringify(text)
    this.reserve(quoted.length * 3)
    this.length += encoder.encodeInto(quoted, this.bytes.subarray(this.length)).written
    return true
  }

  /** Writes a 32-byte hash held as a latin1 string. */
  hash(hash: string): void {
    this.reserve(32)
    const bytes = this.bytes
    let p = this.length
    for (let i = 0; i < 32; i++) bytes[p++] = hash.charCodeAt(i)
    this.length = p
  }

  /** SHA-256 of the bytes written since `start`, which are then cut off. */
  cut(start: number): string {
    const hash = hashBytes(this.bytes.subarray(start, this.length))
    this.length = start
    return hash
  }
}
