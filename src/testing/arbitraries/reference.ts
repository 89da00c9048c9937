/**
 * Arbitrary FHIR `Reference`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Reference } from '../../lens/fhir/types.js'
import { constraintsObject, fhirId, nameWord, varyKeyOrder } from './_internal/helpers.js'
import { InvalidConstraintsError } from '../errors.js'

/**
 * Constraints of {@link reference}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface ReferenceConstraints {
  /** Resource types to reference (`Type/id`). @defaultValue `['Patient', 'Practitioner', 'Organization']` */
  readonly types?: readonly string[] | undefined
}

/**
 * Generates a FHIR `Reference` to another resource on the server: `reference` as `Type/id`, sometimes
 * with `display` or `type`. (Local `#id` references to contained resources and `urn:uuid:`
 * references inside a bundle are made by {@link patient} and {@link bundle}, which know their targets.)
 *
 * **When to use** — for `subject`, `performer`, `requester` and the like.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.reference({ types: ['Patient'] }), 1)
 * // Output: [{ reference: 'Patient/8f3a', display: 'Belcor Norven' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function reference(constraints?: ReferenceConstraints): fc.Arbitrary<Reference> {
  const api = 'arbitraries.reference'
  const c = constraintsObject(api, constraints)
  const types = c.types ?? ['Patient', 'Practitioner', 'Organization']
  if (!Array.isArray(types) || types.length === 0 || types.some((t) => typeof t !== 'string' || !/^[A-Z][A-Za-z]+$/.test(t)))
    throw new InvalidConstraintsError({ api, constraint: 'types', message: 'must be a non-empty array of resource type names', value: types })
  return varyKeyOrder(
    fc
      .tuple(fc.constantFrom(...types), fhirId, fc.nat(5), nameWord, nameWord)
      .map(([type, id, shape, given, family]): Reference => {
        const reference = `${type}/${id}`
        return shape === 0 ? { reference, display: `${given} ${family}` } : shape === 1 ? { reference, type } : { reference }
      }),
  )
}

export { reference }
