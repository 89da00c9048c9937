/**
 * Arbitrary FHIR `Observation`s typed `fhir4.Observation`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import { observation as baseObservation, type ObservationConstraints } from '../arbitraries/observation.js'
import { annotations } from './_internal/annotation.js'
import { narrative } from './_internal/narrative.js'
import { holeless, present } from './_internal/narrow.js'

/**
 * Generates a synthetic FHIR R4 `Observation` typed `fhir4.Observation`: as `arbitraries.observation`
 * of `lensync/testing`, with the fields `fhir4` requires always present.
 *
 * **Details** — `status` and `code` (with a coding) always; one `value[x]` or a `dataAbsentReason`,
 * sometimes components, reference ranges, notes (each with `text`), extensions and primitive
 * extensions; no `contained` resources.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.observation({ maxComponents: 0 }), 1)
 * // Output: [{ resourceType: 'Observation', status: 'final', code: { coding: [...] }, valueQuantity: { value: 37.2 } }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function observation(constraints?: ObservationConstraints): fc.Arbitrary<fhir4.Observation> {
  const api = 'arbitraries.observation'
  return baseObservation(constraints).map((sample): fhir4.Observation => {
    const { contained: _none, text, note, ...o } = holeless(api, sample)
    return {
      ...o,
      ...(text === undefined ? {} : { text: narrative(api, text) }),
      status: present(api, o.status, 'status'),
      code: present(api, o.code, 'code'),
      ...(note === undefined ? {} : { note: annotations(api, note) }),
    }
  })
}
