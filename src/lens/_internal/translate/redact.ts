/**
 * Edit translation through `Redact`: the view is the source with one field removed or masked.
 *
 * - Operations that cannot reach the field pass unchanged.
 * - Every other operation uses the state-based fallback: one that touches the redacted field or its
 *   `_` sibling, sits on an ancestor of the field (or shifts an array index on its path), or touches
 *   `meta` when the lens adds the `REDACTED` security label. The fallback's put raises
 *   `HiddenFieldEdited` exactly where the view's masked or removed value would change, so a no-op
 *   such as replacing the mask with itself is accepted, as the state-based laws require.
 * - project: operations that cannot reach the field pass unchanged; the rest use the fallback.
 *
 * @internal
 */
import type { RedactLens } from '../../redact.js'
import type { Tokens } from '../../patch/_internal/parse.js'
import { type AnyLens, type KindTranslator, type Op, startsWith, stepwise } from './ops.js'
import { perNode } from './perNode.js'
import { relate } from './path.js'

/** Whether an operation at `tokens` cannot reach the redacted field, its `_` sibling or the label. */
const classifier = perNode((lens: AnyLens): ((tokens: Tokens, structural: boolean) => boolean) => {
  const node = lens as unknown as RedactLens<unknown>
  const field = node.path.map(String)
  const sibling = [...field.slice(0, -1), `_${field[field.length - 1]!}`]
  const labelled = node.policy !== 'remove' && node.options.securityLabel !== false
  return (tokens, structural) => {
    if (startsWith(tokens, field) || startsWith(tokens, sibling)) return false
    if (labelled && (tokens.length === 0 || tokens[0] === 'meta')) return false
    return relate(tokens, field, structural) === 'apart' && relate(tokens, sibling, structural) === 'apart'
  }
})

const structural = (op: Op): boolean => op.op === 'add' || op.op === 'remove' || op.op === 'move' || op.op === 'copy'

/** @internal */
export const translateRedact: KindTranslator = (lens, source, ops) => passApart(lens, source, ops, 'translate')

/** @internal */
export const projectRedact: KindTranslator = (lens, source, ops) => passApart(lens, source, ops, 'project')

/** Passes operations that cannot reach the field; the fallback handles the rest. */
function passApart(lens: AnyLens, source: unknown, ops: readonly Op[], direction: 'translate' | 'project'): Op[] {
  const apart = classifier(lens)
  return stepwise(lens, source, ops, direction, (op) =>
    apart(op.path, structural(op)) && (op.from === undefined || apart(op.from, op.op === 'move')) ? [op] : undefined,
  )
}
