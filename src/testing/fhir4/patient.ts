/**
 * Arbitrary FHIR `Patient`s typed `fhir4.Patient`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import fc from 'fast-check'
import { patientWith, type PatientConstraints } from '../arbitraries/patient.js'
import { constraintsObject, flag, nameWord } from '../arbitraries/_internal/helpers.js'
import { humanName, reference } from './dataTypes.js'
import { narrative } from './_internal/narrative.js'
import { holeless } from './_internal/narrow.js'

type Contained = fhir4.Practitioner | fhir4.Organization
type ContainedPart = Pick<fhir4.Patient, 'generalPractitioner' | 'managingOrganization'> & { readonly contained: Contained[] }

const localId = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/)

const containedResource: fc.Arbitrary<Contained> = fc.oneof(
  fc.tuple(localId, humanName({ maxGiven: 1, withExtensions: false })).map(([id, name]): Contained => ({ resourceType: 'Practitioner', id, name: [name] })),
  fc
    .tuple(localId, nameWord, fc.constantFrom('Clinic', 'Hospital', 'Practice'))
    .map(([id, n, kind]): Contained => ({ resourceType: 'Organization', id, name: `${n} ${kind}` })),
)

// One or two contained resources, each referenced as `#id`, and sometimes an outside practitioner too.
const containedPart: fc.Arbitrary<ContainedPart> = fc
  .tuple(
    fc.uniqueArray(containedResource, { minLength: 1, maxLength: 2, selector: (r) => r.id }),
    fc.option(reference({ types: ['Practitioner', 'Organization'] }), { nil: undefined }),
    fc.boolean(),
  )
  .map(([contained, outside, orgAsManaging]) => {
    const references: fhir4.Reference[] = []
    let managingOrganization: fhir4.Reference | undefined
    for (const r of contained) {
      if (orgAsManaging && r.resourceType === 'Organization' && managingOrganization === undefined) managingOrganization = { reference: `#${r.id}` }
      else references.push({ reference: `#${r.id}` })
    }
    if (outside !== undefined) references.push(outside)
    return {
      contained,
      ...(references.length > 0 ? { generalPractitioner: references } : {}),
      ...(managingOrganization === undefined ? {} : { managingOrganization }),
    }
  })

/**
 * Generates a synthetic FHIR R4 `Patient` typed `fhir4.Patient`: as `arbitraries.patient` of
 * `lensync/testing`, except that `_given`/`_prefix`/`_line` parallel arrays have an element in every
 * slot (never a `null` hole), which is what `fhir4`'s `Element[]` describes.
 *
 * **Details**
 * - identifiers unique by `system|value`, names, telecom, gender, birth date, deceased[x], addresses,
 *   marital status, multipleBirth[x], contacts, communication, extensions (unique by `url`),
 *   primitive extensions (`_birthDate`, sometimes without `birthDate`);
 * - `contained` resources are `fhir4.Practitioner`s and `fhir4.Organization`s with an `id`, each
 *   referenced as `#id` from `generalPractitioner` or `managingOrganization`;
 * - no empty arrays or objects, no `null`, no `undefined` values; key order varies.
 *
 * **Example**
 * ```ts
 * import { fhir, id, pipe } from 'lensync/lens'
 * import { checkLaws } from 'lensync/testing'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * import type * as fhir4 from 'fhir/r4'
 * checkLaws(pipe(id<fhir4.Patient>(), fhir.identifiers()), { source: arbitraries.patient() })
 * // Output: { ok: true, … }
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function patient(constraints?: PatientConstraints): fc.Arbitrary<fhir4.Patient> {
  const api = 'arbitraries.patient'
  const c = constraintsObject(api, constraints)
  const withContained = flag(api, 'withContained', c.withContained, true)
  const patients = patientWith({ ...c, withContained: false }, false).map((sample): fhir4.Patient => {
    const { contained: _none, text, ...p } = holeless(api, sample)
    return { ...p, ...(text === undefined ? {} : { text: narrative(api, text) }) }
  })
  if (!withContained) return patients
  return fc
    .tuple(patients, fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: containedPart }))
    .map(([p, part]): fhir4.Patient => (part === undefined ? p : { ...p, ...part }))
}
