/**
 * Shared machinery of the per-kind translators: operations tagged with the index of the view (or
 * source) operation they come from, the stepwise driver and the state-based fallback.
 *
 * @internal
 */
import { LensError, isLensError } from '../../errors.js'
import type { Lens } from '../../Lens.js'
import { deepEqual } from '../../../json/equal.js'
import { toPointer } from '../../../json/pointer.js'
import { applyParsed } from '../../patch/_internal/apply.js'
import type { ParsedOp, Tokens } from '../../patch/_internal/parse.js'
import { type KeyOf, diffInto } from '../../patch/diff.js'
import { toPatch } from '../../patch/_internal/parse.js'
import type { PatchOperation } from '../../patch/types.js'

/** Any lens, as the translators see it. @internal */
export type AnyLens = Lens<unknown, unknown>

/** A parsed operation and the index of the caller's operation it comes from. @internal */
export interface Op extends ParsedOp {
  readonly origin: number
}

/** Recursion entry points handed to the per-kind translators (avoids import cycles). @internal */
export interface Context {
  /** View operations of `lens` (valid in order against `lens.get(source)`) → source operations. */
  translate(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[]
  /** Source operations (valid in order against `source`) → view operations of `lens`. */
  project(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[]
}

/** A translator (or projector) of one lens kind. @internal */
export type KindTranslator = (lens: AnyLens, source: unknown, ops: readonly Op[], ctx: Context) => Op[]

/** Translation of one operation, or `undefined` to use the state-based fallback. @internal */
export type OneOp = (op: Op, source: () => unknown) => readonly Op[] | undefined

/** Tokens with `prefix` in front. @internal */
export function prefixed(prefix: Tokens, tokens: Tokens): string[] {
  return prefix.length === 0 ? (tokens as string[]) : [...prefix, ...tokens]
}

/** The same operation with other pointers. @internal */
export function withPaths(op: Op, path: Tokens, from?: Tokens): Op {
  // Built field by field (one object shape for every op), not spread: this runs once per op per level.
  return { op: op.op, path, from: from === undefined ? op.from : from, value: op.value, origin: op.origin }
}

/** Whether `prefix` is a prefix of `tokens` (equal counts). @internal */
export function startsWith(tokens: Tokens, prefix: Tokens): boolean {
  if (prefix.length > tokens.length) return false
  for (let i = 0; i < prefix.length; i++) if (tokens[i] !== prefix[i]) return false
  return true
}

/** Applies tagged operations (already translated, so any failure is a translator defect). @internal */
export function applyOps(doc: unknown, ops: readonly Op[]): unknown {
  return applyParsed(doc, ops)
}

/** Rethrows a lens error with the caller's operation index attached. @internal */
export function withOpIndex(error: unknown, op: Op): never {
  if (isLensError(error)) {
    const data = error.data
    if (typeof data === 'object' && data !== null && 'opIndex' in data) throw error
    throw new LensError({
      code: error.code,
      pointer: error.pointer,
      step: error.step,
      message: error.shortMessage.replace(/^[A-Za-z]+ at "[^"]*" in .*?: /, ''),
      metaMessages: [...(error.metaMessages ?? []), `Operation: #${op.origin}`],
      data: {
        opIndex: op.origin,
        ...(Array.isArray(data) ? { errors: data } : typeof data === 'object' && data !== null ? data : data === undefined ? {} : { data }),
      },
      cause: error,
    })
  }
  throw error
}

/**
 * Runs `one` over the operations in order, keeping the source up to date lazily (only when a
 * translator or the fallback asks for it), and using the fallback where `one` declines.
 *
 * A patch is checked as a whole, not op by op: when an operation leaves a view this node cannot take
 * (`ViewOutOfRange`, or `PathNotFound` for a source it cannot read) — `line[2]` removed before
 * `_line[2]`, so the parallel arrays differ in length in between — it is translated together with the
 * operations after it, as one state-based step, up to the first that brings the view back into range.
 * When none does, the first error stands.
 *
 * @internal
 */
export function stepwise(
  lens: AnyLens,
  source: unknown,
  ops: readonly Op[],
  direction: 'translate' | 'project',
  one: OneOp,
  key?: KeyOf,
): Op[] {
  let state = source
  let pending: Op[] = []
  const current = (): unknown => {
    if (pending.length > 0) {
      state = applyOps(state, pending)
      pending = []
    }
    return state
  }
  const out: Op[] = []
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!
    let result: readonly Op[]
    let last = i
    try {
      result =
        one(op, current) ??
        (direction === 'translate' ? fallbackTranslate(lens, current(), op) : fallbackProject(lens, current(), op, key))
    } catch (error) {
      const batch = isOutOfRange(error) ? inBatch(lens, current(), ops, i, direction, key) : undefined
      if (batch === undefined) withOpIndex(error, op)
      result = batch.result
      last = batch.last
    }
    for (const r of result) out.push(r)
    // The state is brought up to date only for a later operation.
    if (last < ops.length - 1) {
      if (direction === 'translate') for (const r of result) pending.push(r)
      else for (let j = i; j <= last; j++) pending.push(ops[j]!)
    }
    i = last
  }
  return out
}

/** An error an intermediate state of a patch may raise that a later operation can repair. */
function isOutOfRange(error: unknown): boolean {
  return isLensError(error, 'ViewOutOfRange') || isLensError(error, 'PathNotFound')
}

/**
 * The state-based translation of `ops[i..k]` as one step, for the first `k > i` where the view (or
 * source) after them is in range again, or `undefined` when there is none.
 */
function inBatch(
  lens: AnyLens,
  source: unknown,
  ops: readonly Op[],
  i: number,
  direction: 'translate' | 'project',
  key: KeyOf,
): { readonly result: Op[]; readonly last: number } | undefined {
  for (let k = i + 1; k < ops.length; k++) {
    const batch = ops.slice(i, k + 1)
    try {
      const result = direction === 'translate' ? fallbackTranslateAll(lens, source, batch) : fallbackProjectAll(lens, source, batch, key)
      return { result, last: k }
    } catch (error) {
      if (!isOutOfRange(error)) return undefined
    }
  }
  return undefined
}

function tag(ops: readonly ParsedOp[], origin: number): Op[] {
  return ops.map((o) => ({ op: o.op, path: o.path, from: o.from, value: o.value, origin }))
}

/**
 * State-based translation of one view operation: apply it to the view, put the new view, diff the
 * old and new source (cost follows the changed spine: untouched subtrees are skipped by reference).
 * A `test` becomes a `test` of the whole source of this node, which implies the view test.
 *
 * @internal
 */
export function fallbackTranslate(lens: AnyLens, source: unknown, op: Op): Op[] {
  return fallbackTranslateAll(lens, source, [op])
}

/**
 * {@link fallbackTranslate} of several operations as one step: only the view after the last one
 * must be in the lens's range. A `test` among them becomes one `test` of the whole source first
 * (which fixes every intermediate view). The result carries the origin of the last operation.
 */
function fallbackTranslateAll(lens: AnyLens, source: unknown, ops: readonly Op[]): Op[] {
  const last = ops[ops.length - 1]!
  const tests = ops.filter((o) => o.op === 'test')
  if (tests.length > 0 && source === undefined)
    throw unsupported(lens, tests[0]!, 'the tested view value is derived from an absent source (a default, say), and RFC 6902 has no test for absence.')
  const guard: Op[] = tests.length > 0 ? [{ op: 'test', path: [], value: source, origin: tests[0]!.origin }] : []
  if (tests.length === ops.length) return guard
  const edited = applyParsed(lens.get(source), ops)
  const next = lens.put(source, edited)
  if (!deepEqual(lens.get(next), edited))
    throw new LensError({
      code: 'ViewOutOfRange',
      pointer: toPointer(last.path),
      step: lens.step,
      message: `the edited view is not one this lens can produce (put would not keep the edit), so the ${last.op} cannot be translated.`,
      data: { opIndex: last.origin },
    })
  const out: ParsedOp[] = []
  diffInto(out, source, next, [], undefined)
  return [...guard, ...tag(out, last.origin)]
}

/**
 * State-based projection of one source operation: the view before and after, diffed (by the
 * lens's keys where given). `test` operations guard the source and project to nothing.
 *
 * @internal
 */
export function fallbackProject(lens: AnyLens, source: unknown, op: Op, key?: KeyOf): Op[] {
  return fallbackProjectAll(lens, source, [op], key)
}

/** {@link fallbackProject} of several operations as one step (the origin of the last one). */
function fallbackProjectAll(lens: AnyLens, source: unknown, ops: readonly Op[], key: KeyOf): Op[] {
  const changes = ops.filter((o) => o.op !== 'test')
  if (changes.length === 0) return []
  const before = lens.get(source)
  const after = lens.get(applyParsed(source, changes))
  const out: ParsedOp[] = []
  diffInto(out, before, after, [], key)
  return tag(out, ops[ops.length - 1]!.origin)
}

/** An `UnsupportedPatchOp` error for one operation. @internal */
export function unsupported(lens: AnyLens, op: Op, why: string): LensError {
  return new LensError({
    code: 'UnsupportedPatchOp',
    pointer: toPointer(op.path),
    step: lens.step,
    message: `${op.op} cannot be translated through this lens: ${why}`,
    data: { opIndex: op.origin },
  })
}


/**
 * The translated (or projected) operations as an RFC 6902 patch. An `add`/`replace`/`test` whose
 * value is `undefined` cannot be written as JSON — it comes from a lens whose `get` leaves an array
 * item absent (e.g. `map` over an item lens that reads nothing from a `null` item) — so it is
 * `UnsupportedPatchOp`, never sent as an op without a value. @internal
 */
export function toJsonPatch(lens: AnyLens, ops: readonly Op[]): PatchOperation[] {
  for (const op of ops)
    if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && op.value === undefined)
      throw unsupported(lens, op, 'the resulting value is absent (undefined, e.g. an array item whose view is empty), which a JSON Patch cannot carry.')
  return toPatch(ops)
}
