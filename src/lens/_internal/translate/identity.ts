/**
 * Edit translation through the `Identity` node: operations pass unchanged in both directions.
 *
 * @internal
 */
import type { KindTranslator } from './ops.js'

/** @internal */
export const translateIdentity: KindTranslator = (_lens, _source, ops) => ops.slice()

/** @internal */
export const projectIdentity: KindTranslator = (_lens, _source, ops) => ops.slice()
