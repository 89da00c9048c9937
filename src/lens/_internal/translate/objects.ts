/**
 * Shared by the object-reshaping translators (`Pick`, `Omit`, `Rename`): the first token of a view
 * pointer names a member of the view object; the rest is unchanged.
 *
 * @internal
 */
import { LensError } from '../../errors.js'
import { toPointer } from '../../../json/pointer.js'
import type { Tokens } from '../../patch/_internal/parse.js'
import { type AnyLens, type KindTranslator, type Op, stepwise, withPaths } from './ops.js'
import { perNode } from './perNode.js'

/** Maps a view member name to the source member name, or returns an error message. */
export type MemberMap = (member: string) => string | { readonly error: string }

function mapTokens(lens: AnyLens, op: Op, tokens: Tokens, member: MemberMap): Tokens {
  const m = member(tokens[0]!)
  if (typeof m === 'string') return m === tokens[0] ? tokens : [m, ...tokens.slice(1)]
  throw new LensError({
    code: 'ViewOutOfRange',
    pointer: toPointer(tokens.slice(0, 1)),
    step: lens.step,
    message: m.error,
    data: { opIndex: op.origin },
  })
}

/** A translator that renames (or rejects) the first token of `path` and `from`; root ops fall back. @internal */
export function objectTranslator(memberOf: (lens: AnyLens) => MemberMap): KindTranslator {
  const memberFor = perNode(memberOf)
  return (lens, source, ops) => {
    const member = memberFor(lens)
    return stepwise(lens, source, ops, 'translate', (op) => {
      if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
      return [withPaths(op, mapTokens(lens, op, op.path, member), op.from && mapTokens(lens, op, op.from, member))]
    })
  }
}

/**
 * A projector for the same nodes: a source operation on a member the view shows is renamed; one on
 * a member the view hides (`undefined`) projects to nothing; root operations, and members marked
 * `null`, fall back.
 *
 * @internal
 */
export function objectProjector(viewMemberOf: (lens: AnyLens) => (member: string) => string | undefined | null): KindTranslator {
  const viewMemberFor = perNode(viewMemberOf)
  return (lens, source, ops) => {
    const viewMember = viewMemberFor(lens)
    return stepwise(lens, source, ops, 'project', (op) => {
      if (op.path.length === 0 || (op.from !== undefined && op.from.length === 0)) return undefined
      const p = viewMember(op.path[0]!)
      const f = op.from === undefined ? undefined : viewMember(op.from[0]!)
      if (p === null || f === null) return undefined
      const rename = (t: Tokens, m: string): Tokens => (m === t[0] ? t : [m, ...t.slice(1)])
      if (op.from === undefined) return p === undefined ? [] : [withPaths(op, rename(op.path, p))]
      if (p !== undefined && f !== undefined) return [withPaths(op, rename(op.path, p), rename(op.from, f))]
      if (p === undefined && (f === undefined || op.op === 'copy')) return []
      return undefined
    })
  }
}
