/**
 * Parsed patch operations: pointers split into tokens once, checked once.
 *
 * @internal
 */
import { LensError } from '../../errors.js'
import { parsePointer, toPointer } from '../../../json/pointer.js'
import type { Patch, PatchOperation, PatchOperationName } from '../types.js'

/** A pointer split into unescaped reference tokens. @internal */
export type Tokens = readonly string[]

/** A checked operation with its pointers parsed. @internal */
export interface ParsedOp {
  readonly op: PatchOperationName
  readonly path: Tokens
  /** For `move` and `copy`. */
  readonly from?: Tokens | undefined
  /** For `add`, `replace` and `test`. */
  readonly value?: unknown
}

const names: ReadonlySet<string> = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test'])
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

function invalid(opIndex: number, pointer: string, message: string, field: 'op' | 'path' | 'from' | 'value'): LensError {
  return new LensError({
    code: 'InvalidPatch',
    pointer,
    step: 'validatePatch',
    message,
    metaMessages: [`Operation: #${opIndex}`],
    data: { opIndex, field },
  })
}

function checkPointer(opIndex: number, raw: unknown, field: 'path' | 'from', op: string): string[] {
  if (typeof raw !== 'string') throw invalid(opIndex, '', `operation #${opIndex} (${op}) needs a string "${field}".`, field)
  const tokens = parsePointer(raw)
  if (tokens === undefined)
    throw invalid(opIndex, raw, `"${raw}" is not an RFC 6901 JSON Pointer (it must be empty or start with "/", and "~" must be followed by 0 or 1).`, field)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t === '__proto__') throw invalid(opIndex, raw, `the token "__proto__" is not allowed in a patch.`, field)
    if (t === '-' && !(field === 'path' && i === tokens.length - 1 && (op === 'add' || op === 'move' || op === 'copy')))
      throw invalid(opIndex, raw, `"-" (append) may only be the last token of the "path" of an add, move or copy.`, field)
  }
  return tokens
}

/**
 * Checks a patch and parses its pointers; throws `InvalidPatch` for the first bad operation.
 *
 * @internal
 */
export function parsePatch(patch: unknown): ParsedOp[] {
  if (!Array.isArray(patch)) throw invalid(-1, '', 'a patch must be an array of operations.', 'op')
  const out: ParsedOp[] = []
  for (let i = 0; i < patch.length; i++) {
    const raw: unknown = patch[i]
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw invalid(i, '', `operation #${i} must be an object.`, 'op')
    const o = raw as Record<string, unknown>
    const op = o.op
    if (typeof op !== 'string' || !names.has(op))
      throw invalid(i, typeof o.path === 'string' ? o.path : '', `operation #${i} has op ${JSON.stringify(op)}; expected add, remove, replace, move, copy or test.`, 'op')
    const path = checkPointer(i, o.path, 'path', op)
    if (op === 'move' || op === 'copy') {
      const from = checkPointer(i, o.from, 'from', op)
      if (op === 'move' && from.length < path.length && from.every((t, k) => t === path[k]))
        throw invalid(i, o.path as string, `a move cannot put a value inside itself ("from" ${o.from as string} is a proper prefix of "path").`, 'from')
      out.push({ op, path, from })
    } else if (op === 'add' || op === 'replace' || op === 'test') {
      if (!hasOwn(o, 'value') || o.value === undefined)
        throw invalid(i, o.path as string, `operation #${i} (${op}) needs a "value".`, 'value')
      out.push({ op, path, value: o.value })
    } else {
      out.push({ op: 'remove', path })
    }
  }
  return out
}

/** Turns a parsed operation back into an RFC 6902 operation. @internal */
export function toOperation(op: ParsedOp): PatchOperation {
  const path = toPointer(op.path)
  switch (op.op) {
    case 'add':
    case 'replace':
    case 'test':
      return { op: op.op, path, value: op.value }
    case 'move':
    case 'copy':
      return { op: op.op, from: toPointer(op.from!), path }
    case 'remove':
      return { op: 'remove', path }
  }
}

/** Turns parsed operations back into a patch. @internal */
export function toPatch(ops: readonly ParsedOp[]): PatchOperation[] {
  return ops.map(toOperation)
}

/** Re-exported for the translators. @internal */
export type { Patch }
