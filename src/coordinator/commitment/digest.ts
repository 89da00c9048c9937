/**
 * View digests: the SHA-256 of a view's canonical JSON, without server-managed fields.
 *
 * @since 0.1.0
 */
import { sha256 } from 'viem'
import type { Hex } from 'viem'
import { canonicalizeStripped } from './canonicalize.js'

/**
 * Returns the digest a peer commits to for a view:
 * `sha256(utf8(canonicalize(stripServerManaged(view))))`, as `0x`-prefixed lowercase hex.
 *
 * **When to use**
 * - To compute the `digest` of a {@link commitment}: the proposer for the view it wants, every other
 *   peer for the view it rebuilt from its own storage. Equal digests mean equal views.
 *
 * **Details**
 * - Server-managed fields are ignored: `meta.versionId` and `meta.lastUpdated` of the view itself
 *   and of every resource nested in it (Bundle `entry[].resource`, `contained[]`, and any other
 *   object carrying a string `resourceType`); a `meta` left empty is dropped too. So two peers
 *   whose servers numbered the same data differently agree.
 * - Key order is irrelevant (RFC 8785 sorting); array order is significant.
 * - Decimal precision: lensync hashes numbers as parsed. `JSON.parse('1.50')` is `1.5`, so a view
 *   holding `1.50` and one holding `1.5` have the same digest; every peer must hash parsed values
 *   through this same pipeline (never the raw text it received). lensync offers no
 *   precision-preserving parse, so trailing zeros are neither stored in a view nor covered by its
 *   commitment; where precision matters clinically, state it as data (e.g. FHIR's
 *   `quantity-precision` extension), which is then hashed like any other member.
 * - Throws {@link CanonicalizeError} (with a JSON Pointer) when the view holds something that is not
 *   JSON data (`NaN`, a `Date`, a function, a lone surrogate, a cycle).
 * - Hashing runs on `node:crypto` when the runtime offers it synchronously
 *   (`process.getBuiltinModule`, Node ≥ 20.16), else on viem's portable `sha256` (@noble/hashes),
 *   so the function works unchanged in browsers; both give the same bytes.
 *
 * **Example** (key order and server fields do not change the digest)
 * ```ts
 * import { viewDigest } from 'lensync/coordinator'
 * const a = viewDigest({ resourceType: 'Patient', meta: { versionId: '1' }, gender: 'female' })
 * const b = viewDigest({ gender: 'female', resourceType: 'Patient', meta: { versionId: '9' } })
 * console.log(a === b)
 * // Output: true
 * console.log(a)
 * // Output: 0x3f1665d802b0d0afbd33fe61a85750932f5212d3d2b5a8a8e0a04366e9053f0c
 * ```
 *
 * @param view - The view, as JSON data (the value a lens's `get` returned).
 * @returns The 32-byte digest as hex.
 * @throws {@link CanonicalizeError} when `view` is not JSON data.
 * @see {@link canonicalize} for the text that is hashed.
 * @see {@link stripServerManaged} for the fields left out.
 * @category commitments
 * @since 0.1.0
 */
export function viewDigest(view: unknown): Hex {
  return sha256Utf8(canonicalizeStripped(view))
}

/**
 * Returns `view` without its server-managed fields: `meta.versionId` and `meta.lastUpdated` of the
 * value itself and of every nested resource (any object with a string `resourceType`, which covers
 * Bundle `entry[].resource` and `contained[]`), dropping a `meta` left empty.
 *
 * **When to use**
 * - To see exactly what {@link viewDigest} hashes, or to compare two stored views as the protocol
 *   does. `viewDigest` itself does the stripping in the same pass as canonicalization, without a copy.
 *
 * **Details**
 * - Path copying: only the objects on the way to a removed field are copied; when nothing is
 *   removed, `view` itself is returned (`===`).
 * - Other `meta` members (`profile`, `security`, `tag`, `source`) are data and are kept.
 * - `id` is kept: it names the resource and references point at it.
 *
 * **Example** (a Bundle entry)
 * ```ts
 * import { stripServerManaged } from 'lensync/coordinator'
 * const bundle = {
 *   resourceType: 'Bundle',
 *   meta: { lastUpdated: '2024-05-01T10:20:30Z' },
 *   entry: [{ resource: { resourceType: 'Patient', meta: { versionId: '3', profile: ['http://x/P'] } } }],
 * }
 * console.log(JSON.stringify(stripServerManaged(bundle)))
 * // Output: {"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","meta":{"profile":["http://x/P"]}}}]}
 * ```
 *
 * @param view - Any JSON value.
 * @returns `view`, or a path-copied version of it without the server-managed fields.
 * @category commitments
 * @since 0.1.0
 */
export function stripServerManaged<T>(view: T): T {
  return strip(view, true) as T
}

function strip(value: unknown, root: boolean): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const item = strip(value[i], false)
      if (item !== value[i]) (copy ??= value.slice())[i] = item
    }
    return copy ?? value
  }
  const record = value as Record<string, unknown>
  let copy: Record<string, unknown> | undefined
  for (const key of Object.keys(record)) {
    const member = record[key]
    let next = strip(member, false)
    if (key === 'meta' && (root || typeof record.resourceType === 'string')) next = stripMeta(next)
    if (next === member) continue
    copy ??= { ...record }
    if (next === undefined) delete copy[key]
    else copy[key] = next
  }
  return copy ?? value
}

function stripMeta(meta: unknown): unknown {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return meta
  const record = meta as Record<string, unknown>
  // An undefined-valued member is absent (as in canonical JSON): `{ versionId: undefined }` is `{}`.
  if (record.versionId === undefined && record.lastUpdated === undefined) return meta
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...rest } = record
  for (const key in rest) if (rest[key] !== undefined) return rest
  return undefined
}

// ---------------------------------------------------------------------------------------------------
// hashing
// ---------------------------------------------------------------------------------------------------

interface NodeHash {
  update(data: string, encoding: 'utf8'): NodeHash
  digest(encoding: 'hex'): string
}
interface NodeCrypto {
  createHash(algorithm: 'sha256'): NodeHash
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

const encoder = new TextEncoder()

/**
 * SHA-256 of the UTF-8 encoding of `text`, as hex. `text` must be well-formed UTF-16 (canonical JSON
 * always is), so both paths encode it identically.
 *
 * @internal
 */
export function sha256Utf8(text: string, path: 'auto' | 'portable' = 'auto'): Hex {
  if (nodeCrypto !== undefined && path === 'auto')
    return `0x${nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex')}`
  return sha256(encoder.encode(text))
}

/** Whether {@link sha256Utf8} runs on `node:crypto` in this runtime. @internal */
export const nativeSha256 = nodeCrypto !== undefined
