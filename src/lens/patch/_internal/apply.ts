/**
 * Path-copying application of parsed operations.
 *
 * Nodes copied during one application are remembered (`fresh`) and mutated in place by later
 * operations of the same patch, so a 10-op patch under one parent copies that parent once. Nodes of
 * the input document and values taken from the patch are never mutated.
 *
 * @internal
 */
import { LensError } from '../../errors.js'
import { deepEqual } from '../../../json/equal.js'
import { noteCopy, noteEdit } from '../../../json/_internal/lineage.js'
import { toPointer } from '../../../json/pointer.js'
import { type JsonRecord, setOwn, withOwn, withoutOwn } from '../../_internal/record.js'
import type { ParsedOp, Tokens } from './parse.js'
import { copyArray } from '../../../json/_internal/copyArray.js'

type Container = Record<string, unknown> | unknown[]

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

/** Sets an item of an owned array, recording the change in the array's lineage. */
function setItem(array: unknown[], k: number, value: unknown): void {
  array[k] = value
  noteEdit(array, k, 1, 1)
}

/** Whether `v` is a JSON object or array. @internal */
export function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null
}

function notFound(opIndex: number, tokens: Tokens, message: string): LensError {
  return new LensError({
    code: 'PathNotFound',
    pointer: toPointer(tokens),
    step: 'applyPatch',
    message,
    metaMessages: [`Operation: #${opIndex}`],
    data: { opIndex },
  })
}

/** The array index a token names, or -1 when it is not a canonical index. @internal */
export function arrayIndex(token: string): number {
  // `0` or a digit string without a leading zero, checked by character code (a regular expression
  // test costs several times more on these short tokens, read at every step of a translation).
  const n = token.length
  if (n === 0) return -1
  const first = token.charCodeAt(0)
  if (first === ZERO) return n === 1 ? 0 : -1
  if (first < ZERO || first > NINE) return -1
  for (let i = 1; i < n; i++) {
    const c = token.charCodeAt(i)
    if (c < ZERO || c > NINE) return -1
  }
  return Number(token)
}

const ZERO = 0x30
const NINE = 0x39

/**
 * The value at `tokens`, or `undefined` when the location does not exist.
 *
 * @internal
 */
export function getAt(doc: unknown, tokens: Tokens, depth = tokens.length): unknown {
  let cur = doc
  for (let i = 0; i < depth; i++) {
    if (!isContainer(cur)) return undefined
    const t = tokens[i]!
    if (Array.isArray(cur)) {
      const k = arrayIndex(t)
      if (k < 0 || k >= cur.length) return undefined
      cur = cur[k]
    } else {
      if (!hasOwn(cur, t)) return undefined
      cur = cur[t]
    }
  }
  return cur
}

/** Whether the location `tokens` exists in `doc`. @internal */
export function existsAt(doc: unknown, tokens: Tokens): boolean {
  if (tokens.length === 0) return doc !== undefined
  const parent = getAt(doc, tokens, tokens.length - 1)
  if (!isContainer(parent)) return false
  const last = tokens[tokens.length - 1]!
  if (Array.isArray(parent)) {
    const k = arrayIndex(last)
    return k >= 0 && k < parent.length
  }
  return hasOwn(parent, last)
}

/**
 * Applies parsed operations to `doc` by path copying. Throws a {@link LensError} (`PathNotFound`,
 * `VersionConflict` for a failed `test`) and leaves `doc` untouched on failure.
 *
 * @internal
 */
export class Applier {
  doc: unknown
  /** The nodes this application copied (a short list first, a Set once it grows). */
  private fresh: object[] | Set<object> = []
  /** Owned objects built by `rebuild`, which take new members in place cheaply. */
  private readonly extensible = new Set<object>()

  constructor(doc: unknown) {
    this.doc = doc
  }

  private own<T extends Container>(node: T): T {
    const fresh = this.fresh
    if (Array.isArray(fresh) ? fresh.includes(node) : fresh.has(node)) return node
    if (!Array.isArray(node)) return this.adopt({ ...node } as T)
    const copy = copyArray(node)
    noteCopy(copy, node)
    return this.adopt(copy as T)
  }

  /** Records `copy` as owned by this application (so later operations may change it in place). */
  private adopt<T extends object>(copy: T): T {
    const fresh = this.fresh
    if (!Array.isArray(fresh)) fresh.add(copy)
    else if (fresh.length < 16) fresh.push(copy)
    else this.fresh = new Set([...fresh, copy])
    return copy
  }

  /**
   * Replaces the object at `tokens` (whose parent spine is owned) by `rebuilt`, a fresh copy: adding or
   * removing an object member rebuilds the object (`withOwn`/`withoutOwn`) rather than extending or
   * deleting from a spread copy, which V8 makes slow (see `withOwn`).
   */
  private rebuild(opIndex: number, tokens: Tokens, rebuilt: JsonRecord): void {
    this.adopt(rebuilt)
    this.extensible.add(rebuilt)
    if (tokens.length === 0) {
      this.doc = rebuilt
      return
    }
    const parent = this.parentOf(opIndex, tokens)
    const last = tokens[tokens.length - 1]!
    if (Array.isArray(parent)) setItem(parent, arrayIndex(last), rebuilt)
    else parent[last] = rebuilt
  }

  /** Copies the spine down to the parent of `tokens` and returns that (owned) parent. */
  private parentOf(opIndex: number, tokens: Tokens): Container {
    if (!isContainer(this.doc)) throw notFound(opIndex, tokens, `the document is not an object or array.`)
    let cur = this.own(this.doc)
    this.doc = cur
    for (let i = 0; i < tokens.length - 1; i++) {
      const t = tokens[i]!
      let child: unknown
      if (Array.isArray(cur)) {
        const k = arrayIndex(t)
        if (k < 0 || k >= cur.length) throw notFound(opIndex, tokens.slice(0, i + 1), `no array item "${t}" (length ${cur.length}).`)
        child = cur[k]
        if (!isContainer(child)) throw notFound(opIndex, tokens.slice(0, i + 2), `"${toPointer(tokens.slice(0, i + 1))}" is not an object or array.`)
        const owned = this.own(child)
        if (owned !== child) setItem(cur, k, owned)
        cur = owned
      } else {
        if (!hasOwn(cur, t)) throw notFound(opIndex, tokens.slice(0, i + 1), `no member "${t}".`)
        child = cur[t]
        if (!isContainer(child)) throw notFound(opIndex, tokens.slice(0, i + 2), `"${toPointer(tokens.slice(0, i + 1))}" is not an object or array.`)
        const owned = this.own(child)
        cur[t] = owned
        cur = owned
      }
    }
    return cur
  }

  private read(opIndex: number, tokens: Tokens): unknown {
    if (!existsAt(this.doc, tokens)) throw notFound(opIndex, tokens, `nothing at "${toPointer(tokens)}".`)
    return getAt(this.doc, tokens)
  }

  add(opIndex: number, tokens: Tokens, value: unknown): void {
    if (tokens.length === 0) {
      this.doc = value
      return
    }
    // Check before copying the spine, so a failing op copies nothing.
    const target = getAt(this.doc, tokens, tokens.length - 1)
    if (!isContainer(target)) throw notFound(opIndex, tokens.slice(0, -1), `cannot add to "${toPointer(tokens.slice(0, -1))}": it is not an object or array.`)
    const last = tokens[tokens.length - 1]!
    if (Array.isArray(target)) {
      const k = last === '-' ? target.length : arrayIndex(last)
      if (k < 0 || k > target.length) throw notFound(opIndex, tokens, `cannot add at array index "${last}" (length ${target.length}).`)
      const parent = this.parentOf(opIndex, tokens) as unknown[]
      if (k === parent.length) parent.push(value)
      else parent.splice(k, 0, value)
      noteEdit(parent, k, 0, 1)
    } else if (hasOwn(target, last)) {
      const parent = this.parentOf(opIndex, tokens) as Record<string, unknown>
      parent[last] = value
    } else if (this.extensible.has(target)) setOwn(target as JsonRecord, last, value)
    else this.rebuild(opIndex, tokens.slice(0, -1), withOwn(target as JsonRecord, last, value))
  }

  remove(opIndex: number, tokens: Tokens): unknown {
    const old = this.read(opIndex, tokens)
    if (tokens.length === 0) {
      this.doc = undefined
      return old
    }
    const last = tokens[tokens.length - 1]!
    const target = getAt(this.doc, tokens, tokens.length - 1)
    if (Array.isArray(target)) {
      const parent = this.parentOf(opIndex, tokens) as unknown[]
      const k = arrayIndex(last)
      parent.splice(k, 1)
      noteEdit(parent, k, 1, 0)
    } else this.rebuild(opIndex, tokens.slice(0, -1), withoutOwn(target as JsonRecord, last))
    return old
  }

  replace(opIndex: number, tokens: Tokens, value: unknown): void {
    this.read(opIndex, tokens)
    if (tokens.length === 0) {
      this.doc = value
      return
    }
    const last = tokens[tokens.length - 1]!
    const parent = this.parentOf(opIndex, tokens)
    if (Array.isArray(parent)) setItem(parent, arrayIndex(last), value)
    else parent[last] = value
  }

  apply(opIndex: number, op: ParsedOp): void {
    switch (op.op) {
      case 'add':
        return this.add(opIndex, op.path, op.value)
      case 'remove':
        this.remove(opIndex, op.path)
        return
      case 'replace':
        return this.replace(opIndex, op.path, op.value)
      case 'move': {
        const from = op.from!
        if (from.length === op.path.length && from.every((t, i) => t === op.path[i])) {
          this.read(opIndex, from)
          return
        }
        const value = this.remove(opIndex, from)
        return this.add(opIndex, op.path, value)
      }
      case 'copy': {
        const value = this.read(opIndex, op.from!)
        // The copied subtree may hold nodes this patch owns; once aliased they must not be mutated.
        if (isContainer(value)) {
          this.fresh = []
          this.extensible.clear()
        }
        return this.add(opIndex, op.path, value)
      }
      case 'test': {
        const actual = this.read(opIndex, op.path)
        if (!deepEqual(actual, op.value))
          throw new LensError({
            code: 'VersionConflict',
            pointer: toPointer(op.path),
            step: 'applyPatch',
            message: `test failed: the document does not hold the expected value here, so the patch was made against another version.`,
            metaMessages: [`Operation: #${opIndex}`, `Expected: ${JSON.stringify(op.value)}`, `Actual:   ${JSON.stringify(actual)}`],
            data: { opIndex },
          })
        return
      }
    }
  }
}

/** Applies parsed operations; returns the new document. @internal */
export function applyParsed<T>(doc: T, ops: readonly ParsedOp[], offset = 0): T {
  if (ops.length === 0) return doc
  const applier = new Applier(doc)
  for (let i = 0; i < ops.length; i++) applier.apply(offset + i, ops[i]!)
  return applier.doc as T
}

/**
 * Throws the error `applyParsed(doc, ops)` would throw, without building its result when that can be
 * decided by reading: one `replace`, `remove`, `test` or `add` whose target is plainly there. Any
 * other patch is applied (and the result dropped).
 *
 * @internal
 */
export function assertApplies(doc: unknown, ops: readonly ParsedOp[]): void {
  if (ops.length !== 1 || !plainlyApplies(doc, ops[0]!)) applyParsed(doc, ops)
}

function plainlyApplies(doc: unknown, op: ParsedOp): boolean {
  const tokens = op.path
  switch (op.op) {
    case 'replace':
      return existsAt(doc, tokens)
    case 'remove':
      return tokens.length > 0 && existsAt(doc, tokens)
    case 'test':
      return existsAt(doc, tokens) && deepEqual(getAt(doc, tokens), op.value)
    case 'add': {
      if (tokens.length === 0) return true
      const target = getAt(doc, tokens, tokens.length - 1)
      if (!isContainer(target)) return false
      if (!Array.isArray(target)) return true
      const last = tokens[tokens.length - 1]!
      const k = last === '-' ? target.length : arrayIndex(last)
      return k >= 0 && k <= target.length
    }
    default:
      return false
  }
}
