/**
 * Arbitrary FHIR `ContactPoint`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { ContactPoint } from '../../lens/fhir/types.js'
import { withPrimitiveExtension } from './element.js'
import { period } from './period.js'
import { constraintsObject, digits, flag, record, varyKeyOrder, word } from './_internal/helpers.js'

/**
 * Constraints of {@link contactPoint}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface ContactPointConstraints {
  /** Sometimes add a `_value` primitive extension. @defaultValue true */
  readonly withExtensions?: boolean | undefined
}

const phone = fc.tuple(digits(2, 3), digits(3, 3), digits(4, 4)).map(([a, b, c]) => `+99 ${a} ${b} ${c}`)
const email = fc.tuple(word, word).map(([a, b]) => `${a}.${b}@example.org`)

/**
 * Generates a FHIR `ContactPoint`: a made-up phone number (`+99 …`, an unassigned country code) or
 * `@example.org` e-mail address, sometimes with `use`, `rank`, `period` and a `_value` extension.
 *
 * **When to use** — for `Patient.telecom`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.contactPoint(), 1)
 * // Output: [{ system: 'phone', value: '+99 41 555 0192', use: 'mobile' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function contactPoint(constraints?: ContactPointConstraints): fc.Arbitrary<ContactPoint> {
  const api = 'arbitraries.contactPoint'
  const c = constraintsObject(api, constraints)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const systemValue = fc.oneof(
    phone.map((value) => ({ system: 'phone' as const, value })),
    phone.map((value) => ({ system: 'sms' as const, value })),
    email.map((value) => ({ system: 'email' as const, value })),
  )
  const rest = record<ContactPoint>({
    use: fc.constantFrom('home', 'work', 'temp', 'old', 'mobile'),
    rank: fc.integer({ min: 1, max: 3 }),
    period: period(),
  }, [], ['rank', 'period'])
  return varyKeyOrder(
    withPrimitiveExtension(
      fc.tuple(systemValue, rest).map(([sv, r]): ContactPoint => ({ ...sv, ...r })),
      ['value'],
      withExtensions,
    ),
  )
}

export { contactPoint }
