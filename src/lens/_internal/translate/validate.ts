/**
 * Edit translation through `Validate`: the view is the source, so operations pass unchanged, but the
 * view they produce must satisfy the schema — checked once for the operations that reach this node
 * (the result of the patch, not every intermediate state), raising `SchemaViolation` with ajv's
 * errors and the index of the last operation. Projection passes operations unchanged.
 *
 * @internal
 */
import type { ValidateLens } from '../../validate.js'
import { type KindTranslator, applyOps, withOpIndex } from './ops.js'

/** @internal */
export const translateValidate: KindTranslator = (lens, source, ops) => {
  const edited = applyOps(source, ops)
  try {
    // put validates any view that differs from the source and returns it unchanged.
    ;(lens as unknown as ValidateLens<unknown>).put(source, edited)
  } catch (error) {
    withOpIndex(error, ops[ops.length - 1]!)
  }
  return ops.slice()
}

/** @internal */
export const projectValidate: KindTranslator = (_lens, _source, ops) => ops.slice()
