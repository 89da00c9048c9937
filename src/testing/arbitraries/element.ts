/**
 * Arbitrary FHIR `Element`s: the `_x` sibling of a primitive.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Element } from '../../lens/fhir/types.js'
import { extensionList } from './extension.js'
import { count, constraintsObject, fhirId } from './_internal/helpers.js'

/**
 * Constraints of {@link element}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface ElementConstraints {
  /** Most extensions on the element (unique by `url`). @defaultValue 2 */
  readonly maxExtensions?: number | undefined
}

/**
 * Generates the `Element` that carries a primitive's extensions: the `_birthDate` next to
 * `birthDate`, or one non-null item of a `_given` parallel array. Never empty: it has an `id`, a
 * non-empty `extension` list, or both.
 *
 * **When to use** — to test that lenses carry `_x` siblings along with their primitive.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.element(), 1)
 * // Output: [{ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function element(constraints?: ElementConstraints): fc.Arbitrary<Element> {
  const api = 'arbitraries.element'
  const c = constraintsObject(api, constraints)
  const maxExtensions = count(api, 'maxExtensions', c.maxExtensions, 2)
  const ids = fhirId.map((id): Element => ({ id }))
  if (maxExtensions === 0) return ids
  const extensions = extensionList(0, 0, maxExtensions)
  return fc.oneof(
    { weight: 1, arbitrary: ids },
    { weight: 4, arbitrary: extensions.map((extension): Element => ({ extension })) },
    { weight: 1, arbitrary: fc.tuple(fhirId, extensions).map(([id, extension]): Element => ({ id, extension })) },
  )
}

/**
 * Adds sometimes a `_key` sibling to a primitive `key` of generated objects, and sometimes (when
 * `allowAlone`) keeps `_key` while dropping `key` (FHIR allows an extension without a value).
 *
 * @internal
 */
export function withPrimitiveExtension<T extends object>(
  arb: fc.Arbitrary<T>,
  keys: readonly string[],
  enabled: boolean,
  allowAlone = false,
): fc.Arbitrary<T> {
  if (!enabled || keys.length === 0) return arb
  return fc
    .tuple(arb, fc.array(fc.tuple(fc.constantFrom(...keys), element({ maxExtensions: 1 }), fc.nat(9)), { maxLength: 2 }))
    .map(([value, extras]) => {
      if (extras.length === 0) return value
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
      for (const [key, el, mode] of extras) {
        if (out[key] === undefined || typeof out[key] === 'object') continue
        out[`_${key}`] = el
        if (allowAlone && mode === 0) delete out[key]
      }
      return out as T
    })
}

/**
 * Adds sometimes a `_key` parallel array, of the same length as the primitive array `key`, with `null`
 * holes (unless `holes` is false: then every slot is an element) and at least one element.
 *
 * @internal
 */
export function withParallelExtensions<T extends object>(arb: fc.Arbitrary<T>, keys: readonly string[], enabled: boolean, holes = true): fc.Arbitrary<T> {
  if (!enabled || keys.length === 0) return arb
  const slot: fc.Arbitrary<Element | null> = holes ? fc.option(element({ maxExtensions: 1 }), { nil: null, freq: 2 }) : element({ maxExtensions: 1 })
  return fc
    .tuple(arb, fc.constantFrom(...keys), fc.array(slot, { minLength: 6, maxLength: 6 }), fc.nat(2))
    .map(([value, key, slots, mode]) => {
      const items = (value as Record<string, unknown>)[key]
      if (mode !== 0 || !Array.isArray(items) || items.length === 0) return value
      const parallel = items.map((_, i) => slots[i % slots.length] ?? null)
      if (parallel.every((p) => p === null)) return value
      return { ...value, [`_${key}`]: parallel } as T
    })
}

export { element }
