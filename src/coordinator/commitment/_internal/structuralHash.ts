/**
 * The structural hash behind `viewDigest`: a Merkle hash of a JSON value whose nodes are cached by
 * object identity, so that hashing a new version of a view (path-copied: unchanged subtrees keep
 * their identity) costs the changed spine, not the view.
 *
 * The scheme (what `viewDigest`'s doc states for users):
 * - form(v) of a primitive, an object or an array of at most {@link longArray} items is its RFC 8785
 *   canonical JSON in UTF-8 (server-managed fields stripped as by `stripServerManaged`), except that
 *   a member value or item that is an object or array is written as its *reference* — the byte `#`
 *   followed by the 32 bytes of `sha256(form(child))` — when it is a long array or its form is
 *   longer than {@link inlineLimit} bytes (primitives are always inline).
 * - A long array (more than {@link longArray} items) is cut into chunks: each item's hash is
 *   `sha256(form(item))`; a chunk ends after an item whose hash's first byte is below 16 (content-
 *   defined, so an insertion moves no other boundary), or at the end. A chunk's form is `<`, one
 *   byte holding its level (0), and its items' 32-byte hashes; the chunks' hashes are chunked the
 *   same way at level 1, and so on until one chunk is left: the array's form is that chunk's form.
 * - digest(view) = sha256(form(view)). A view of at most {@link longArray}-item arrays whose form
 *   has no reference (every object and array under 1 KiB) is hashed as its canonical JSON.
 *
 * Caches (all `WeakMap`s, so bounded by the garbage collector): the hash of every referenced node
 * and of every long-array item by identity, and each chunk by the identity of its first element.
 * Nodes are assumed immutable, as lenses and patches treat them: an object changed in place after it
 * was hashed keeps its old hash.
 *
 * @internal
 */
import type { Hex } from 'viem'
import { canonicalizeStripped, maxCanonicalDepth, sortKeys, strippedMeta } from '../canonicalize.js'
import { ByteWriter } from './byteWriter.js'
import { latin1ToHex } from './sha256.js'
import { type Window, derivationOf } from '../../../json/_internal/lineage.js'

/** Forms longer than this many bytes are written by reference. @internal */
export const inlineLimit = 1024
/** Arrays with more items than this are chunked. @internal */
export const longArray = 32

/** One chunk of a long array's hash tree. */
interface Chunk {
  readonly level: number
  /** Items (level 0) or chunks of the level below. */
  readonly elements: readonly unknown[]
  readonly hash: string
  /** Ended by a boundary (not by the end of the array): reusable wherever its elements recur. */
  readonly closed: boolean
}

/** Hashes of referenced nodes (long arrays, forms over the limit). */
const referenced = new WeakMap<object, string>()
/** Hashes of small containers hashed as long-array items or as a root. */
const small = new WeakMap<object, string>()
/** Chunks by their first element. */
const chunkAt = new WeakMap<object, Chunk>()

const writer = new ByteWriter()
const isArray = Array.isArray
const objectKeys = Object.keys
const getPrototypeOf = Object.getPrototypeOf
const objectPrototype = Object.prototype

/** Thrown inside the walk for anything that is not JSON data; the caller reports it precisely. */
const notJson: unique symbol = Symbol('notJson')

/**
 * The view digest: `sha256(form(view))` as hex. Throws `CanonicalizeError` (from
 * `canonicalizeStripped`, which locates the problem) when `view` is not JSON data.
 *
 * @internal
 */
export function structuralDigest(view: unknown): Hex {
  const start = writer.length
  try {
    return latin1ToHex(rootHash(view))
  } catch (error) {
    writer.length = start
    if (error !== notJson) throw error
    canonicalizeStripped(view)
    throw new Error('lensync: structural hashing rejected a value that canonicalization accepts')
  }
}

function rootHash(view: unknown): string {
  // The root's meta is stripped even when it is not a resource: that form is not cached.
  if (typeof view === 'object' && view !== null && !isArray(view)) {
    const record = view as Record<string, unknown>
    if (typeof record.resourceType !== 'string' && record.meta !== undefined) {
      const start = writer.length
      object(record, 0, true)
      return writer.cut(start)
    }
  }
  return itemHash(view, 0)
}

/** Writes `value` as it appears inside its parent: inline, or as a reference. */
function slot(value: unknown, depth: number): void {
  switch (typeof value) {
    case 'string':
      if (!writer.jsonString(value)) throw notJson
      return
    case 'number':
      // ECMAScript Number::toString, as RFC 8785 asks; only non-finite numbers have no JSON text.
      if (value - value !== 0) throw notJson
      writer.ascii('' + value)
      return
    case 'boolean':
      writer.ascii(value ? 'true' : 'false')
      return
    case 'object': {
      if (value === null) return writer.ascii('null')
      let hash = referenced.get(value)
      if (hash === undefined) {
        if (isArray(value) && value.length > longArray) hash = longArrayHash(value, depth)
        else {
          const start = writer.length
          form(value, depth)
          if (writer.length - start <= inlineLimit) return
          hash = writer.cut(start)
          referenced.set(value, hash)
        }
      }
      writer.byte(0x23)
      writer.hash(hash)
      return
    }
    default:
      throw notJson
  }
}

/** `sha256(form(value))`, cached for containers. */
function itemHash(value: unknown, depth: number): string {
  if (typeof value !== 'object' || value === null) {
    const start = writer.length
    slot(value, depth)
    return writer.cut(start)
  }
  const known = referenced.get(value) ?? small.get(value)
  if (known !== undefined) return known
  if (isArray(value) && value.length > longArray) return longArrayHash(value, depth)
  const start = writer.length
  form(value, depth)
  const size = writer.length - start
  const hash = writer.cut(start)
  ;(size > inlineLimit ? referenced : small).set(value, hash)
  return hash
}

/** Writes the form of an object or a short array. */
function form(value: object, depth: number): void {
  if (depth >= maxCanonicalDepth) throw notJson
  if (isArray(value)) {
    writer.byte(0x5b)
    for (let i = 0; i < value.length; i++) {
      if (i > 0) writer.byte(0x2c)
      slot(value[i], depth + 1)
    }
    writer.byte(0x5d)
    return
  }
  object(value as Record<string, unknown>, depth, false)
}

function object(record: Record<string, unknown>, depth: number, root: boolean): void {
  const proto = getPrototypeOf(record)
  if (proto !== objectPrototype && proto !== null) throw notJson
  const keys = objectKeys(record)
  if (keys.length > 1) sortKeys(keys)
  const strip = root || typeof record.resourceType === 'string'
  writer.byte(0x7b)
  let first = true
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    let member = record[key]
    if (member === undefined) continue
    if (strip && key === 'meta') {
      member = strippedMeta(member)
      if (member === undefined) continue
    }
    if (!first) writer.byte(0x2c)
    first = false
    if (!writer.jsonString(key)) throw notJson
    writer.byte(0x3a)
    slot(member, depth + 1)
  }
  writer.byte(0x7d)
}

/** One level of a long array's hash tree: its chunks and the index of each chunk's first element. */
interface Level {
  readonly chunks: readonly Chunk[]
  readonly starts: readonly number[]
}

/** The levels of every hashed long array (level 0 over its items; the last level has one chunk). */
const trees = new WeakMap<readonly unknown[], readonly Level[]>()
const hasTree = (array: readonly unknown[]): boolean => trees.has(array)

function longArrayHash(array: readonly unknown[], depth: number): string {
  if (depth >= maxCanonicalDepth) throw notJson
  const derivation = derivationOf(array, hasTree)
  const levels = derivation === undefined ? buildTree(array, depth) : updateTree(trees.get(derivation.base)!, array, derivation, depth)
  trees.set(array, levels)
  const hash = levels[levels.length - 1]!.chunks[0]!.hash
  referenced.set(array, hash)
  return hash
}

function buildTree(elements: readonly unknown[], depth: number, levels: Level[] = []): Level[] {
  for (let level = chunkLevel(elements, levels.length, depth); ; level = chunkLevel(level.chunks, levels.length, depth)) {
    levels.push(level)
    if (level.chunks.length === 1) return levels
  }
}

/**
 * The tree of an array made from `old`'s array by changing one window (array lineage): each level
 * rebuilds only the chunks from the one holding the window's start up to the first old chunk
 * boundary past the window, and hands the next level the window of chunks it replaced.
 */
function updateTree(old: readonly Level[], elements: readonly unknown[], window: Window, depth: number): Level[] {
  const levels: Level[] = []
  for (let k = 0; ; k++) {
    const before = old[k]
    if (before === undefined) return buildTree(elements, depth, levels)
    const { level, replaced } = patchLevel(before, elements, window, k, depth)
    levels.push(level)
    if (level.chunks.length === 1) return levels
    elements = level.chunks
    window = replaced
  }
}

function patchLevel(before: Level, elements: readonly unknown[], window: Window, level: number, depth: number): { level: Level; replaced: Window } {
  const { chunks, starts } = before
  const shift = window.nextEnd - window.baseEnd
  const n = elements.length
  // The chunk holding the window's start (the last one when the window starts at the end): every
  // chunk before it ends at a boundary item that did not change.
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= window.start) lo = mid
    else hi = mid - 1
  }
  const first = lo
  const built: Chunk[] = []
  const builtStarts: number[] = []
  let p = starts[first]!
  let resume = first
  while (p < n) {
    if (p >= window.nextEnd) {
      // Past the window the items are the old ones: an old chunk starting here is still a chunk.
      const q = p - shift
      while (resume < chunks.length && starts[resume]! < q) resume++
      if (resume < chunks.length && starts[resume] === q) break
    }
    const chunk = chunkFrom(elements, p, level, depth)
    built.push(chunk)
    builtStarts.push(p)
    p += chunk.elements.length
  }
  if (p >= n) resume = chunks.length
  const nextChunks = chunks.slice(0, first).concat(built, chunks.slice(resume))
  const nextStarts = starts.slice(0, first).concat(builtStarts)
  for (let k = resume; k < starts.length; k++) nextStarts.push(starts[k]! + shift)
  return { level: { chunks: nextChunks, starts: nextStarts }, replaced: { start: first, baseEnd: resume, nextEnd: first + built.length } }
}

/** A chunk ends after an element whose hash's first byte is below 16 (1 in 16 on average). */
const isBoundary = (hash: string): boolean => hash.charCodeAt(0) < 16

/** Cuts one level into chunks. */
function chunkLevel(elements: readonly unknown[], level: number, depth: number): Level {
  const chunks: Chunk[] = []
  const starts: number[] = []
  for (let i = 0; i < elements.length; ) {
    const chunk = chunkFrom(elements, i, level, depth)
    chunks.push(chunk)
    starts.push(i)
    i += chunk.elements.length
  }
  return { chunks, starts }
}

/**
 * The chunk that starts at `elements[i]`: a cached one when its elements recur there (checked by
 * identity), else built and cached under its first element.
 */
function chunkFrom(elements: readonly unknown[], i: number, level: number, depth: number): Chunk {
  const first = elements[i]
  const keyed = typeof first === 'object' && first !== null
  if (keyed) {
    const cached = chunkAt.get(first)
    if (cached !== undefined && cached.level === level && recurs(cached, elements, i)) return cached
  }
  const n = elements.length
  const start = writer.length
  writer.byte(0x3c)
  writer.byte(level)
  let j = i
  let hash: string
  do {
    hash = level === 0 ? itemHash(elements[j], depth + 1) : (elements[j] as Chunk).hash
    writer.hash(hash)
    j++
  } while (j < n && !isBoundary(hash))
  const chunk: Chunk = { level, elements: elements.slice(i, j), hash: writer.cut(start), closed: isBoundary(hash) }
  if (keyed) chunkAt.set(first, chunk)
  return chunk
}

/** Whether `chunk` is the chunk that starts at `elements[i]`. */
function recurs(chunk: Chunk, elements: readonly unknown[], i: number): boolean {
  const own = chunk.elements
  const end = i + own.length
  if (end > elements.length || (!chunk.closed && end !== elements.length)) return false
  for (let k = 0; k < own.length; k++) if (own[k] !== elements[i + k]) return false
  return true
}
