/**
 * What the object combinators (`pick`, `omit`, `rename`) share: key sets, create templates, copying
 * keys, and the checks of their sources and views. @internal
 */
import { LensError } from '../errors.js'
import { toPointer } from '../../json/pointer.js'
import { type JsonRecord, isRecord, preview, setOwn, siblingOf, typeName } from './record.js'

/**
 * Validates a key list for `pick`/`omit` and returns it with the FHIR `_` siblings.
 *
 * @internal
 */
export function keySet(api: string, step: string, keys: unknown): { readonly keys: readonly string[]; readonly all: ReadonlySet<string> } {
  if (!Array.isArray(keys) || keys.length === 0)
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `${api}: keys must be a non-empty array of strings.` })
  const all = new Set<string>()
  for (const k of keys as readonly unknown[]) {
    if (typeof k !== 'string')
      throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `${api}: every key must be a string, got ${typeName(k)}.` })
    if (all.has(k))
      throw new LensError({ code: 'InvalidLens', pointer: toPointer([k]), step, message: `${api}: key "${k}" is listed twice.` })
    all.add(k)
  }
  for (const k of keys as readonly string[]) if (!k.startsWith('_')) all.add(siblingOf(k))
  return { keys: (keys as readonly string[]).slice(), all }
}

/**
 * Validates a `create` template: an object whose keys satisfy `allowed`.
 *
 * @internal
 */
export function checkTemplate(
  api: string,
  step: string,
  template: unknown,
  allowed: (key: string) => boolean,
  why: string,
): Readonly<Record<string, unknown>> | undefined {
  if (template === undefined) return undefined
  if (!isRecord(template))
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `${api}: options.create must be an object, got ${typeName(template)}.` })
  for (const k of Object.keys(template))
    if (!allowed(k))
      throw new LensError({ code: 'InvalidLens', pointer: toPointer([k]), step, message: `${api}: options.create key "${k}" ${why}` })
  return template
}

/**
 * Copies the own, defined keys of `from` for which `keep` holds into `into`.
 *
 * @internal
 */
export function copyKeys(into: JsonRecord, from: JsonRecord, keep: (key: string) => boolean): JsonRecord {
  for (const k of Object.keys(from)) {
    const value = from[k]
    if (value !== undefined && keep(k)) setOwn(into, k, value)
  }
  return into
}

/**
 * Throws unless `value` is an object (a source or view of an object combinator).
 *
 * @internal
 */
export function assertRecord(value: unknown, step: string, role: 'source' | 'view'): asserts value is JsonRecord {
  if (!isRecord(value))
    throw new LensError({
      code: role === 'view' ? 'ViewOutOfRange' : 'PathNotFound',
      pointer: '',
      step,
      message: `expected the ${role} to be an object, found ${typeName(value)}.`,
      metaMessages: [`${role}: ${preview(value)}`],
    })
}

/**
 * Throws `ViewOutOfRange`: the view is undefined while the source exists, and the combinator
 * cannot remove the source (`why`: what would be lost, and what to put instead).
 *
 * @internal
 */
export function refuseUndefinedView(step: string, why: string): never {
  throw new LensError({ code: 'ViewOutOfRange', pointer: '', step, message: `the view is undefined but the source exists; ${why}` })
}
