/**
 * Arbitrary FHIR `Quantity`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Quantity } from '../../lens/fhir/types.js'
import { constraintsObject, decimal, flag, varyKeyOrder } from './_internal/helpers.js'
import { InvalidConstraintsError } from '../errors.js'

/**
 * Constraints of {@link quantity}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface QuantityConstraints {
  /** Smallest value. @defaultValue 0 */
  readonly min?: number | undefined
  /** Largest value. @defaultValue 1000 */
  readonly max?: number | undefined
  /** Sometimes add a `comparator` (`<`, `<=`, `>=`, `>`). @defaultValue true */
  readonly withComparator?: boolean | undefined
}

const units: readonly (readonly [unit: string, code: string])[] = [
  ['mg', 'mg'],
  ['mL', 'mL'],
  ['mmol/L', 'mmol/L'],
  ['mg/dL', 'mg/dL'],
  ['kg', 'kg'],
  ['cm', 'cm'],
  ['mm[Hg]', 'mm[Hg]'],
  ['beats/min', '/min'],
  ['%', '%'],
  ['Cel', 'Cel'],
  ['tablet', '{tbl}'],
]

/**
 * Generates a FHIR `Quantity` with a UCUM unit: `value` is a decimal kept as a JS number with 0–3
 * decimals (`7`, `7.2`, `0.05`; JSON keeps no trailing zeros, so `1.50` is `1.5`), usually with
 * `unit`, `system` and `code`, sometimes a `comparator`.
 *
 * **When to use** — for `valueQuantity`, doses and reference ranges.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.quantity({ withComparator: false }), 1)
 * // Output: [{ value: 7.2, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function quantity(constraints?: QuantityConstraints): fc.Arbitrary<Quantity> {
  const api = 'arbitraries.quantity'
  const c = constraintsObject(api, constraints)
  const min = finite(api, 'min', c.min, 0)
  const max = finite(api, 'max', c.max, 1000)
  if (min > max) throw new InvalidConstraintsError({ api, constraint: 'min', message: `must not exceed max (${max})`, value: min })
  const withComparator = flag(api, 'withComparator', c.withComparator, true)
  return varyKeyOrder(
    fc
      .tuple(decimal(min, max), fc.constantFrom(...units), fc.nat(7), fc.constantFrom('<', '<=', '>=', '>') as fc.Arbitrary<Quantity['comparator']>)
      .map(([value, [unit, code], shape, comparator]): Quantity => {
        const q: Quantity =
          shape === 0 ? { value } : shape === 1 ? { value, unit } : { value, unit, system: 'http://unitsofmeasure.org', code }
        return withComparator && shape === 7 ? { ...q, comparator } : q
      }),
  )
}

function finite(api: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 1e9)
    throw new InvalidConstraintsError({ api, constraint: name, message: 'must be a finite number between -1e9 and 1e9', value })
  return value
}

export { quantity }
