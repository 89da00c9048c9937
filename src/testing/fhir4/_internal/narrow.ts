/**
 * The run-time checks that turn a sample of lensync's FHIR types into a value of `@types/fhir`
 * (`fhir4`) types.
 *
 * **Details** — lensync's types and `fhir4`'s differ in two ways only: lensync types `_x` parallel
 * arrays as `(Element | null)[]` where `fhir4` has `Element[]`, and `fhir4` requires some fields
 * lensync leaves optional. {@link holeless} checks the first (no `null` in any array) and
 * {@link present} the second, so that the `fhir4` type of a sample is checked, never assumed.
 *
 * @internal
 */
import { Fhir4SampleError } from '../errors.js'

/** `T` where no array holds `null`: the `_x` parallel arrays are `Element[]`, as `fhir4` types them. @internal */
export type Holeless<T> = T extends readonly (infer U)[]
  ? Holeless<Exclude<U, null>>[]
  : T extends object
    ? { [K in keyof T]: Holeless<T[K]> }
    : T

/** The JSON Pointer of the first `null` inside an array of `value`, or `undefined` when there is none. */
function nullHole(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      if (item === null) return `${path}/${i}`
      const inner = nullHole(item, `${path}/${i}`)
      if (inner !== undefined) return inner
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const inner = nullHole(v, `${path}/${k}`)
      if (inner !== undefined) return inner
    }
  }
  return undefined
}

/**
 * Returns `value` typed {@link Holeless} after checking that no array in it holds `null`; throws
 * {@link Fhir4SampleError} (`NullHole`) otherwise.
 *
 * @internal
 */
export function holeless<T>(api: string, value: T): Holeless<T> {
  const hole = nullHole(value, '')
  if (hole !== undefined) throw new Fhir4SampleError({ api, code: 'NullHole', path: hole })
  // Checked just above: no array holds `null`, which is all that tells `T` and `Holeless<T>` apart.
  return value as Holeless<T>
}

/** Returns `value` after checking it is there; throws {@link Fhir4SampleError} (`MissingField`) otherwise. @internal */
export function present<T>(api: string, value: T | undefined, field: string): T {
  if (value === undefined) throw new Fhir4SampleError({ api, code: 'MissingField', path: field })
  return value
}
