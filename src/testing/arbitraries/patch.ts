/**
 * Valid RFC 6902 patches against a given document.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import { toPointer } from '../../json/pointer.js'
import { applyPatch } from '../../lens/patch/applyPatch.js'
import type { Patch, PatchOperation, PatchOperationName } from '../../lens/patch/types.js'
import { InvalidConstraintsError } from '../errors.js'

/**
 * Constraints of {@link patchFor}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface PatchConstraints {
  /** Fewest operations (fewer only when the document leaves no operation possible). @defaultValue 1 */
  readonly minLength?: number | undefined
  /** Most operations. @defaultValue 4 */
  readonly maxLength?: number | undefined
  /** Operation kinds to generate. @defaultValue all six */
  readonly ops?: readonly PatchOperationName[] | undefined
  /**
   * Values for `add` and `replace`: an arbitrary, or a function of the location (tokens) and the
   * current document. @defaultValue small JSON values, or a value already in the document
   */
  readonly value?: fc.Arbitrary<unknown> | ((path: readonly string[], doc: unknown) => fc.Arbitrary<unknown>) | undefined
  /**
   * Which locations an operation may touch (`path`, and `from` of `move`/`copy`); e.g. leave out
   * redacted fields. Children of a refused location are refused too; an operation whose chosen
   * destination is refused becomes a passing `test` of its container. @defaultValue every location
   */
  readonly filter?: ((path: readonly string[]) => boolean) | undefined
  /** Allow operations on the whole document (`''`). @defaultValue false */
  readonly root?: boolean | undefined
  /** Names of new object members. @defaultValue a few short names plus the object's own members */
  readonly key?: fc.Arbitrary<string> | undefined
}

const allOps: readonly PatchOperationName[] = ['add', 'remove', 'replace', 'move', 'copy', 'test']
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

interface Node {
  readonly path: readonly string[]
  readonly value: unknown
}

type Destination = { readonly path: readonly string[]; readonly test?: undefined } | { readonly test: Node }

/** Every location (pre-order) the filter admits. */
function locations(doc: unknown, filter: (path: readonly string[]) => boolean): Node[] {
  const out: Node[] = []
  const walk = (value: unknown, path: string[]): void => {
    if (value === undefined || (path.length > 0 && !filter(path))) return
    out.push({ path: path.slice(), value })
    if (typeof value !== 'object' || value === null) return
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i))
        walk(value[i], path)
        path.pop()
      }
    } else {
      for (const k in value) {
        // `__proto__` and `-` cannot be addressed by a lensync patch (validatePatch rejects them).
        if (!hasOwn(value, k) || k === '__proto__' || k === '-') continue
        path.push(k)
        walk((value as Record<string, unknown>)[k], path)
        path.pop()
      }
    }
  }
  walk(doc, [])
  return out
}

const defaultValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 100 }),
  fc.boolean(),
  fc.record({ text: fc.string({ maxLength: 4 }) }, { noNullPrototype: true }),
  fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 2 }),
)
const defaultKey: fc.Arbitrary<string> = fc.constantFrom('text', 'extra', 'note', 'a~b', 'x/y')

/**
 * Generates a patch that applies without error to `doc`: every operation is valid against the
 * document as left by the operations before it.
 *
 * **When to use** — to property-test edit translation ({@link checkEditLaws}) or any code that
 * consumes patches: `patchFor(lens.get(source))` generates view edits.
 *
 * **Details**
 * - All six operations: `add` (array insertions at any index or `-`, new or existing object members),
 *   `remove`, `replace`, `move` (the destination is chosen in the document after the removal, so
 *   never inside `from`), `copy`, and `test` (always passing: it tests the current value).
 * - Pointers are escaped (`~0`, `~1`) where member names need it; the default member names include
 *   `a~b` and `x/y` for that reason.
 * - Shrinks towards shorter patches.
 * - Constraints are checked when called (`InvalidConstraintsError`).
 *
 * **Example** (a valid patch on a small document)
 * ```ts
 * import fc from 'fast-check'
 * import { applyPatch } from 'lensync'
 * import { patchFor } from 'lensync/testing'
 * const doc = { given: ['Ada'], family: 'Lovelace' }
 * fc.assert(fc.property(patchFor(doc), (patch) => { applyPatch(doc, patch); return true }))
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
export function patchFor(doc: unknown, constraints: PatchConstraints = {}): fc.Arbitrary<Patch> {
  const minLength = constraints.minLength ?? 1
  const maxLength = constraints.maxLength ?? 4
  if (!Number.isInteger(minLength) || !Number.isInteger(maxLength) || minLength < 0 || maxLength < minLength)
    throw new InvalidConstraintsError({
      api: 'patchFor',
      constraint: 'minLength/maxLength',
      message: 'must be integers with 0 <= minLength <= maxLength',
      value: { minLength, maxLength },
    })
  const kinds = constraints.ops ?? allOps
  if (kinds.length === 0 || kinds.some((k) => !allOps.includes(k)))
    throw new InvalidConstraintsError({
      api: 'patchFor',
      constraint: 'ops',
      message: 'must be a non-empty list of add, remove, replace, move, copy, test',
      value: kinds,
    })
  const filter = constraints.filter ?? (() => true)
  const root = constraints.root ?? false
  const keyArb = constraints.key ?? defaultKey
  const valueFor = (path: readonly string[], current: unknown): fc.Arbitrary<unknown> => {
    const v = constraints.value
    if (v === undefined) {
      const existing = locations(current, filter).map((n) => n.value)
      return existing.length > 0 ? fc.oneof(defaultValue, fc.constantFrom(...existing)) : defaultValue
    }
    return typeof v === 'function' ? v(path, current) : v
  }

  /**
   * Where an `add` (or a move/copy destination) may go in `current`; a destination the filter refuses
   * becomes a passing `test` of its container (never a rejection loop).
   */
  const destinations = (current: unknown): fc.Arbitrary<Destination> | undefined => {
    const containers = locations(current, filter).filter((n) => typeof n.value === 'object' && n.value !== null)
    if (containers.length === 0) return undefined
    return fc.constantFrom(...containers).chain((c): fc.Arbitrary<Destination> => {
      const admit = (p: string[]): Destination => (filter(p) ? { path: p } : { test: c })
      if (Array.isArray(c.value)) {
        const n = c.value.length
        return fc.oneof(fc.constant('-'), fc.integer({ min: 0, max: n }).map(String)).map((t) => admit([...c.path, t]))
      }
      const own = Object.keys(c.value as object).filter((k) => k !== '-' && k !== '__proto__')
      const names = own.length > 0 ? fc.oneof(keyArb, fc.constantFrom(...own)) : keyArb
      return names.map((k) => (k === '__proto__' || k === '-' ? { test: c } : admit([...c.path, k])))
    })
  }
  const testOf = (n: Node): PatchOperation => ({ op: 'test', path: toPointer(n.path), value: n.value })

  const oneOp = (current: unknown): fc.Arbitrary<PatchOperation | null> => {
    const nodes = locations(current, filter).filter((n) => root || n.path.length > 0)
    const inner = nodes.filter((n) => n.path.length > 0)
    const choices: fc.Arbitrary<PatchOperation>[] = []
    const dest = destinations(current)
    for (const kind of kinds) {
      switch (kind) {
        case 'add':
          if (dest)
            choices.push(
              dest.chain((d) =>
                d.test ? fc.constant(testOf(d.test)) : valueFor(d.path, current).map((value) => ({ op: 'add', path: toPointer(d.path), value }) as PatchOperation),
              ),
            )
          break
        case 'remove':
          if (inner.length) choices.push(fc.constantFrom(...inner).map((n) => ({ op: 'remove', path: toPointer(n.path) }) as PatchOperation))
          break
        case 'replace':
          if (nodes.length)
            choices.push(fc.constantFrom(...nodes).chain((n) => valueFor(n.path, current).map((value) => ({ op: 'replace', path: toPointer(n.path), value }) as PatchOperation)))
          break
        case 'test':
          if (nodes.length) choices.push(fc.constantFrom(...nodes).map(testOf))
          break
        case 'copy':
          if (inner.length && dest)
            choices.push(
              fc.tuple(fc.constantFrom(...inner), dest).map(([n, d]) =>
                d.test ? testOf(d.test) : ({ op: 'copy', from: toPointer(n.path), path: toPointer(d.path) } as PatchOperation),
              ),
            )
          break
        case 'move':
          if (inner.length)
            choices.push(
              fc.constantFrom(...inner).chain((n) => {
                const from = toPointer(n.path)
                const after = applyPatch(current, [{ op: 'remove', path: from }])
                const d = destinations(after)
                // RFC 6902 forbids `from` being a proper prefix of `path`, even when that location
                // exists again after the removal (a later array item shifted into place).
                const inside = (p: readonly string[]) => p.length > n.path.length && n.path.every((t, i) => t === p[i])
                return d
                  ? d.map((x) => (x.test || inside(x.path) ? testOf(n) : ({ op: 'move', from, path: toPointer(x.path) } as PatchOperation)))
                  : fc.constant(testOf(n))
              }),
            )
          break
      }
    }
    return choices.length ? fc.oneof(...choices) : fc.constant(null)
  }

  const ops = (current: unknown, n: number): fc.Arbitrary<PatchOperation[]> => {
    if (n === 0) return fc.constant([])
    return oneOp(current).chain((op) => {
      if (op === null) return fc.constant([])
      const next = applyPatch(current, [op])
      return ops(next, n - 1).map((rest) => [op, ...rest])
    })
  }

  return fc.integer({ min: minLength, max: maxLength }).chain((n) => ops(doc, n))
}
