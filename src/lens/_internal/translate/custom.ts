/**
 * Edit translation through any lens without a precise translator (`makeLens` lenses, `Iso`,
 * `Defaults`, `ByType`, the nested-items `Over` node, `Primitives`): the state-based fallback, one
 * operation at a time.
 *
 * @internal
 */
import { type KindTranslator, stepwise } from './ops.js'

/** @internal */
export const translateFallback: KindTranslator = (lens, source, ops) =>
  stepwise(lens, source, ops, 'translate', () => undefined)

/** @internal */
export const projectFallback: KindTranslator = (lens, source, ops) => stepwise(lens, source, ops, 'project', () => undefined)
