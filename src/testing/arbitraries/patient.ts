/**
 * Arbitrary FHIR `Patient`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { AnyResource, Patient, PatientCommunication, PatientContact, Reference } from '../../lens/fhir/types.js'
import { addressWith } from './address.js'
import { fixedConcept } from './codeableConcept.js'
import { contactPoint } from './contactPoint.js'
import { withPrimitiveExtension } from './element.js'
import { extensionList } from './extension.js'
import { humanName, humanNameWith } from './humanName.js'
import { identifierList } from './identifier.js'
import { reference } from './reference.js'
import { count, constraintsObject, fhirDate, fhirDateTime, flag, nameWord, nonEmpty, record, varyKeyOrder } from './_internal/helpers.js'
import { assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link patient}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface PatientConstraints {
  /** Most identifiers (unique by `system|value`; several share a system, some have none). @defaultValue 3 */
  readonly maxIdentifiers?: number | undefined
  /** Most names. @defaultValue 2 */
  readonly maxNames?: number | undefined
  /** Most telecom entries. @defaultValue 3 */
  readonly maxTelecoms?: number | undefined
  /** Most addresses. @defaultValue 2 */
  readonly maxAddresses?: number | undefined
  /**
   * Sometimes add extensions: a resource-level `extension` list (unique by `url`, some complex) and
   * primitive extensions (`_birthDate`, `_gender`, `_given` parallel arrays, …). @defaultValue true
   */
  readonly withExtensions?: boolean | undefined
  /**
   * Sometimes add `contained` resources (a Practitioner or Organization with an `id`), each referenced
   * as `#id` from `generalPractitioner` or `managingOrganization`. @defaultValue true
   */
  readonly withContained?: boolean | undefined
  /** Sometimes add a narrative `text` (`{ status, div }`). @defaultValue true */
  readonly withText?: boolean | undefined
}

type Contained = { readonly resourceType: 'Practitioner' | 'Organization'; readonly id: string; readonly [k: string]: unknown }

const containedResource: fc.Arbitrary<Contained> = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), humanName({ maxGiven: 1, withExtensions: false }))
    .map(([id, name]): Contained => ({ resourceType: 'Practitioner', id, name: [name] })),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), nameWord, fc.constantFrom('Clinic', 'Hospital', 'Practice'))
    .map(([id, n, kind]): Contained => ({ resourceType: 'Organization', id, name: `${n} ${kind}` })),
)

const containedPart: fc.Arbitrary<Pick<Patient, 'contained' | 'generalPractitioner' | 'managingOrganization'>> = fc
  .tuple(
    fc.uniqueArray(containedResource, { minLength: 1, maxLength: 2, selector: (r) => r.id }),
    fc.option(reference({ types: ['Practitioner', 'Organization'] }), { nil: undefined }),
    fc.boolean(),
  )
  .map(([contained, external, orgAsManaging]) => {
    const references: Reference[] = []
    let managingOrganization: Reference | undefined
    for (const r of contained) {
      if (orgAsManaging && r.resourceType === 'Organization' && managingOrganization === undefined)
        managingOrganization = { reference: `#${r.id}` }
      else references.push({ reference: `#${r.id}` })
    }
    if (external !== undefined) references.push(external)
    return {
      contained: contained as unknown as AnyResource[],
      ...(references.length > 0 ? { generalPractitioner: references } : {}),
      ...(managingOrganization ? { managingOrganization } : {}),
    }
  })

const contact: fc.Arbitrary<PatientContact> = varyKeyOrder(
  fc
    .tuple(
      fixedConcept('http://terminology.hl7.org/CodeSystem/v2-0131', ['C', 'E', 'N', 'U']),
      humanName({ maxGiven: 1, withExtensions: false }),
      fc.option(contactPoint({ withExtensions: false }), { nil: undefined }),
    )
    .map(([relationship, name, telecom]): PatientContact => ({
      relationship: [relationship],
      name,
      ...(telecom === undefined ? {} : { telecom: [telecom] }),
    })),
)

const communication: fc.Arbitrary<PatientCommunication[]> = fc.uniqueArray(
  fc
    .tuple(fc.constantFrom('en', 'de', 'fr', 'es', 'nl', 'ja'), fc.option(fc.boolean(), { nil: undefined }))
    .map(([code, preferred]): PatientCommunication => ({
      language: { coding: [{ system: 'urn:ietf:bcp:47', code }] },
      ...(preferred === undefined ? {} : { preferred }),
    })),
  { minLength: 1, maxLength: 2, selector: (c) => c.language.coding?.[0]?.code },
)

/**
 * Generates a synthetic FHIR R4 `Patient` (about 0.5–3 KB of JSON): `resourceType`, sometimes `id`
 * and `meta` (`versionId`, `lastUpdated`), and a varying selection of identifiers, names, telecom,
 * gender, birth date, deceased[x], addresses, marital status, multipleBirth[x], contacts,
 * communication, extensions and contained resources. Everything is made up; nothing is copied from
 * real records.
 *
 * **When to use** — as the `source` of {@link checkLaws} for any lens over patients.
 *
 * **Details** — the values obey the FHIR JSON rules lenses must respect:
 * - no empty arrays, no empty objects, no `null` outside `_` parallel arrays, no `undefined` values;
 * - identifiers unique by `system|value`, several with the same system, some without a system;
 *   extensions unique by `url`;
 * - primitive extensions: `_birthDate` siblings (sometimes without `birthDate`), `_given`/`_line`
 *   parallel arrays of the same length as `given`/`line` with `null` holes;
 * - every `contained` resource has an `id` and is referenced as `#id`; every `#id` resolves;
 * - key order varies (sometimes reversed or alphabetical).
 *
 * **Example**
 * ```ts
 * import { id, pipe, prop } from 'lensync'
 * import { arbitraries, checkLaws } from 'lensync/testing'
 * import type { Patient } from 'lensync'
 * const result = checkLaws(pipe(id<Patient>(), prop('birthDate')), {
 *   source: arbitraries.patient({ maxIdentifiers: 5, withContained: false }),
 * })
 * // Output: { ok: true, … }
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function patient(constraints?: PatientConstraints): fc.Arbitrary<Patient> {
  return patientWith(constraints, true)
}

/**
 * {@link patient}, with or without `null` holes in the `_given`/`_prefix`/`_line` parallel arrays.
 *
 * @internal
 */
export function patientWith(constraints: PatientConstraints | undefined, holes: boolean): fc.Arbitrary<Patient> {
  const api = 'arbitraries.patient'
  const c = constraintsObject(api, constraints)
  const maxIdentifiers = count(api, 'maxIdentifiers', c.maxIdentifiers, 3)
  const maxNames = count(api, 'maxNames', c.maxNames, 2)
  const maxTelecoms = count(api, 'maxTelecoms', c.maxTelecoms, 3)
  const maxAddresses = count(api, 'maxAddresses', c.maxAddresses, 2)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const withContained = flag(api, 'withContained', c.withContained, true)
  const withText = flag(api, 'withText', c.withText, true)

  const demographics = record<Patient>({
    identifier: maxIdentifiers > 0 ? identifierList(maxIdentifiers, { withExtensions }) : undefined,
    active: fc.boolean(),
    name: nonEmpty(humanNameWith({ withExtensions }, holes), maxNames),
    telecom: nonEmpty(contactPoint({ withExtensions }), maxTelecoms),
    gender: fc.constantFrom('male', 'female', 'other', 'unknown'),
    birthDate: fhirDate,
    address: nonEmpty(addressWith({ withExtensions }, holes), maxAddresses),
    maritalStatus: fixedConcept('http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', ['M', 'S', 'D', 'W', 'U']),
    contact: fc.array(contact, { minLength: 1, maxLength: 1 }),
    communication,
    extension: withExtensions ? extensionList(1, 2, 2) : undefined,
  }, [], ['maritalStatus', 'contact', 'communication', 'extension'])
  const choices = fc.tuple(fc.nat(9), fhirDateTime, fc.nat(9), fc.integer({ min: 1, max: 4 })).map(([d, when, m, order]) => ({
    // 0 (where values shrink to) means absent
    ...(d === 9 ? { deceasedBoolean: true } : d === 8 ? { deceasedDateTime: when } : d === 7 ? { deceasedBoolean: false } : {}),
    ...(m === 9 ? { multipleBirthBoolean: order % 2 === 0 } : m === 8 ? { multipleBirthInteger: order } : {}),
  }))
  const links = withContained
    ? fc.oneof({ weight: 1, arbitrary: containedPart }, { weight: 2, arbitrary: fc.constant({}) })
    : fc.constant({})
  const outside = record<Pick<Patient, 'generalPractitioner' | 'managingOrganization'>>({
    generalPractitioner: fc.array(reference({ types: ['Practitioner'] }), { minLength: 1, maxLength: 1 }),
    managingOrganization: reference({ types: ['Organization'] }),
  })
  const assembled = fc
    .tuple(resourceBase(withText), demographics, choices, fc.oneof(links, outside))
    .map(([base, demo, choice, link]) => assemble<Patient>('Patient', base, demo, choice, link))
  return varyKeyOrder(withPrimitiveExtension(assembled, ['birthDate', 'gender', 'active'], withExtensions, true))
}

export { patient }
