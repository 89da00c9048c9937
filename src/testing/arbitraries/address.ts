/**
 * Arbitrary FHIR `Address`es.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Address } from '../../lens/fhir/types.js'
import { withParallelExtensions, withPrimitiveExtension } from './element.js'
import { period } from './period.js'
import { constraintsObject, digits, flag, nameWord, record, varyKeyOrder } from './_internal/helpers.js'

/**
 * Constraints of {@link address}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface AddressConstraints {
  /**
   * Sometimes add primitive extensions: `_city`, `_postalCode`, and a `_line` parallel array of the
   * same length as `line` with `null` holes. @defaultValue true
   */
  readonly withExtensions?: boolean | undefined
}

const line = fc
  .tuple(fc.integer({ min: 1, max: 999 }), nameWord, fc.constantFrom('Street', 'Road', 'Lane', 'Way', 'Allee', 'Gasse'))
  .map(([n, name, kind]) => `${n} ${name} ${kind}`)

/**
 * Generates a FHIR `Address` at a made-up place: always a `city`, sometimes `line`s,
 * `use`, `type`, `district`, `state`, `postalCode`, `country`, `period`, and primitive extensions
 * (`_line` parallel arrays with `null` holes).
 *
 * **When to use** — for `Patient.address`, e.g. to test a de-identifying lens that keeps only the
 * country or the first digits of the postal code.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.address(), 1)
 * // Output: [{ line: ['12 Corlis Lane'], city: 'Velmora', postalCode: '40219', country: 'XA' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function address(constraints?: AddressConstraints): fc.Arbitrary<Address> {
  return addressWith(constraints, true)
}

/**
 * {@link address}, with or without `null` holes in the `_line` parallel arrays.
 *
 * @internal
 */
export function addressWith(constraints: AddressConstraints | undefined, holes: boolean): fc.Arbitrary<Address> {
  const api = 'arbitraries.address'
  const c = constraintsObject(api, constraints)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const base = record<Address>(
    {
      use: fc.constantFrom('home', 'work', 'temp', 'old', 'billing'),
      type: fc.constantFrom('postal', 'physical', 'both'),
      line: fc.array(line, { minLength: 1, maxLength: 2 }),
      city: nameWord,
      district: nameWord,
      state: nameWord,
      postalCode: digits(4, 5),
      country: fc.constantFrom('XA', 'XB', 'XC', 'ZZ'),
      period: period(),
    },
    ['city'],
    ['type', 'district', 'state', 'period'],
  )
  return varyKeyOrder(
    withParallelExtensions(withPrimitiveExtension(base, ['city', 'postalCode'], withExtensions), ['line'], withExtensions, holes),
  )
}

export { address }
