/**
 * View digests: a structural SHA-256 hash of a view, without server-managed fields.
 *
 * @since 0.1.0
 */
import type { Hex } from 'viem'
import { structuralDigest } from './_internal/structuralHash.js'

export { nativeSha256, sha256Utf8 } from './_internal/sha256.js'

/**
 * Returns the digest a peer commits to for a view: a Merkle hash over the view's canonical JSON
 * (RFC 8785), as `0x`-prefixed lowercase hex. Rehashing a new version of a view costs only what
 * changed.
 *
 * **When to use**
 * - To compute the `digest` of a {@link commitment}: the proposer for the view it wants, every other
 *   peer for the view it rebuilt from its own storage. Equal digests mean equal views.
 *
 * **What is hashed** (any implementation can reproduce it; `form(v)` is a byte string):
 * 1. Server-managed fields are left out first, exactly as {@link stripServerManaged} does.
 * 2. A string, number, boolean or `null`: its RFC 8785 canonical JSON in UTF-8.
 * 3. An object, or an array of at most 32 items: its RFC 8785 canonical JSON in UTF-8 (members
 *    sorted by the UTF-16 code units of their names), except that a member value or an item that is
 *    an object or array and is either an array of more than 32 items or has a form longer than 1024
 *    bytes is written as a reference: the byte `#` (0x23) followed by the 32 bytes of
 *    `sha256(form(child))`. Primitives are always written inline, however long.
 * 4. An array of more than 32 items is cut into chunks. Each item's hash is `sha256(form(item))`.
 *    A chunk ends after an item whose hash's first byte is below 0x10, or at the end of the array.
 *    A chunk's form is the byte `<` (0x3c), one byte holding its level (0 here), then its items'
 *    32-byte hashes; a chunk's hash is `sha256` of its form. The chunk hashes are cut into chunks of
 *    level 1 by the same rule, and so on until a level has one chunk: the array's form is that
 *    chunk's form.
 * 5. The digest is `sha256(form(view))`. A view with no array over 32 items and no object or array
 *    whose form exceeds 1024 bytes is therefore hashed as its canonical JSON,
 *    `sha256(utf8(canonicalize(stripServerManaged(view))))`.
 *
 * **Details**
 * - Incremental: the hashes of referenced objects and arrays, of the items of long arrays and of
 *   chunks are cached by object identity (`WeakMap`s: the garbage collector bounds them). A new
 *   version made by path copying (a lens `put`, `applyPatch`) shares every unchanged subtree with
 *   the old one, so its digest rehashes the changed spine: the objects on the path to each change
 *   and, in a long array, the chunks around it (an insertion moves no other chunk boundary). Treat
 *   views as immutable: an object changed in place after it was hashed keeps its old hash.
 * - Equal content gives an equal digest whatever the objects' identity, key order or origin (a
 *   storage round trip, another peer): the scheme depends only on the data.
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
 * @see {@link canonicalize} for the canonical JSON of the leaves.
 * @see {@link stripServerManaged} for the fields left out.
 * @category commitments
 * @since 0.1.0
 */
export function viewDigest(view: unknown): Hex {
  return structuralDigest(view)
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
