/**
 * Arbitrary FHIR `Bundle`s typed `fhir4.Bundle`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import fc from 'fast-check'
import { bundleEntries, bundleSettings, type BundleConstraints } from '../arbitraries/bundle.js'
import { fhirInstant, varyKeyOrder } from '../arbitraries/_internal/helpers.js'
import { resourceBase } from '../arbitraries/_internal/resource.js'
import { allergyIntolerance } from './allergyIntolerance.js'
import { condition } from './condition.js'
import { medicationRequest } from './medicationRequest.js'
import { observation } from './observation.js'
import { patient } from './patient.js'
import { holeless } from './_internal/narrow.js'

// Points a clinical resource's patient reference at a Patient entry of the bundle.
function link(resource: fhir4.FhirResource, patientUrl: string): fhir4.FhirResource {
  switch (resource.resourceType) {
    case 'Observation':
    case 'Condition':
    case 'MedicationRequest':
      return { ...resource, subject: { reference: patientUrl } }
    case 'AllergyIntolerance':
      return { ...resource, patient: { reference: patientUrl } }
    default:
      return resource
  }
}

/**
 * Generates a synthetic FHIR R4 `Bundle` typed `fhir4.Bundle`: as `arbitraries.bundle` of
 * `lensync/testing`, its entries drawn from the `fhir4` builders of this module.
 *
 * **Details**
 * - `type` is `collection` or `transaction`; `transaction` entries carry a `request`.
 * - Every entry has a `resource` with an `id` and a `fullUrl` `urn:uuid:<id>`, unique within the
 *   bundle; at least one entry is a Patient.
 * - With `withReferences`, clinical entries reference a Patient entry by its `fullUrl`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.bundle({ maxEntries: 2, types: ['collection'] }), 1)
 * // Output: [{ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:…', resource: { resourceType: 'Patient', id: '…' } }, …] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function bundle(constraints?: BundleConstraints): fc.Arbitrary<fhir4.Bundle> {
  const api = 'arbitraries.bundle'
  const settings = bundleSettings(constraints)
  const { withExtensions } = settings
  const clinical: fc.Arbitrary<fhir4.FhirResource> = fc.oneof(
    observation({ withExtensions, withText: false }),
    condition({ withExtensions, withText: false }),
    medicationRequest({ withExtensions, withText: false }),
    allergyIntolerance({ withExtensions, withText: false }),
  )
  const patients = patient({ withExtensions, withText: false, maxNames: 1, maxAddresses: 1 })
  const entries = bundleEntries<fhir4.FhirResource>(settings, patients, clinical, link)
  return varyKeyOrder(
    fc
      .tuple(resourceBase(false), fc.constantFrom(...settings.types), fc.option(fhirInstant, { nil: undefined }), entries)
      .map(([base, type, timestamp, entry]) => {
        const { text: _none, ...rest } = holeless(api, base)
        const out: fhir4.Bundle = { resourceType: 'Bundle', ...rest, type }
        if (timestamp !== undefined) out.timestamp = timestamp
        if (entry !== undefined) out.entry = type === 'transaction' ? entry : entry.map(({ request: _r, ...e }) => e)
        return out
      }),
  )
}
