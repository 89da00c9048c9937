/**
 * Arbitrary FHIR `HumanName`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { HumanName } from '../../lens/fhir/types.js'
import { withParallelExtensions, withPrimitiveExtension } from './element.js'
import { period } from './period.js'
import { count, constraintsObject, flag, nameWord, record, varyKeyOrder } from './_internal/helpers.js'

/**
 * Constraints of {@link humanName}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface HumanNameConstraints {
  /** Most given names. @defaultValue 3 */
  readonly maxGiven?: number | undefined
  /**
   * Sometimes add primitive extensions: `_family`, and `_given`/`_prefix` parallel arrays of the
   * same length as `given`/`prefix` with `null` holes. @defaultValue true
   */
  readonly withExtensions?: boolean | undefined
}

/**
 * Generates a FHIR `HumanName` with made-up names: `family` and/or `given` (never neither), sometimes
 * `use`, `text`, `prefix`, `suffix`, `period`, and primitive extensions (`_family`, `_given` parallel
 * arrays with `null` holes).
 *
 * **When to use** — to test lenses over `Patient.name`, in particular that filtering or reordering
 * `given` keeps `_given` aligned.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.humanName(), 1)
 * // Output: [{ family: 'Norvel', given: ['Ana', 'Corlis'], _given: [null, { extension: [...] }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function humanName(constraints?: HumanNameConstraints): fc.Arbitrary<HumanName> {
  return humanNameWith(constraints, true)
}

/**
 * {@link humanName}, with or without `null` holes in the `_given`/`_prefix` parallel arrays.
 *
 * @internal
 */
export function humanNameWith(constraints: HumanNameConstraints | undefined, holes: boolean): fc.Arbitrary<HumanName> {
  const api = 'arbitraries.humanName'
  const c = constraintsObject(api, constraints)
  const maxGiven = count(api, 'maxGiven', c.maxGiven, 3)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const base = record<HumanName>({
    use: fc.constantFrom('usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden'),
    family: nameWord,
    given: maxGiven > 0 ? fc.array(nameWord, { minLength: 1, maxLength: maxGiven }) : undefined,
    prefix: fc.array(fc.constantFrom('Dr.', 'Mx.', 'Ms.', 'Mr.', 'Prof.'), { minLength: 1, maxLength: 2 }),
    suffix: fc.array(fc.constantFrom('Jr.', 'III', 'PhD', 'MD'), { minLength: 1, maxLength: 1 }),
    period: period(),
  }, [], ['prefix', 'suffix', 'period']).map((name) => {
    if (name.family === undefined && name.given === undefined) return { ...name, family: 'Anon' }
    return name
  })
  const texted = fc.tuple(base, fc.nat(4)).map(([name, n]) =>
    n === 0 ? { ...name, text: [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].join(' ').trim() } : name,
  )
  return varyKeyOrder(
    withParallelExtensions(withPrimitiveExtension(texted, ['family', 'use'], withExtensions), ['given', 'prefix'], withExtensions, holes),
  )
}

export { humanName }
