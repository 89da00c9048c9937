/**
 * A synthetic FHIR R4 Patient of about 2 KB (JSON), generated from a seed: four identifiers (the MRN
 * among them), two names, three telecoms, two addresses, a contact with telecoms, extensions,
 * communication and a general practitioner — the shape of a real EHR export.
 */
import type { Patient } from 'lensync/lens'
import { type Random, random } from './random.js'

/** Identifier system of the hospital MRN (the key of the keyed scenarios). */
export const MRN = 'http://hospital.example.org/mrn'
/** The other identifier systems, in order. */
export const OTHER_SYSTEMS = ['http://hl7.org/fhir/sid/us-ssn', 'urn:oid:2.16.840.1.113883.4.3.25', 'http://insurer.example.org/member'] as const

const FAMILY = ['Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Kowalski', 'Haddad', 'Fernández', 'Nguyen', 'Schmidt', 'Rossi']
const GIVEN = ['Amara', 'Johan', 'Yuki', 'Camille', 'Piotr', 'Leila', 'Mateo', 'Linh', 'Greta', 'Luca']
const CITY = ['Springfield', 'Riverton', 'Lakeside', 'Hillcrest', 'Fairview']

function identifiers(r: Random): NonNullable<Patient['identifier']> {
  return [
    {
      use: 'official',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] },
      system: MRN,
      value: `MRN-${r.code(8)}`,
      assigner: { display: 'Example Hospital' },
    },
    { use: 'official', system: OTHER_SYSTEMS[0], value: `${r.int(100, 899)}-${r.int(10, 99)}-${r.int(1000, 9999)}` },
    { use: 'secondary', system: OTHER_SYSTEMS[1], value: r.code(10) },
    { use: 'usual', system: OTHER_SYSTEMS[2], value: `M${r.code(9)}`, period: { start: `20${r.int(10, 23)}-01-01` } },
  ]
}

function address(r: Random, use: 'home' | 'work') {
  return {
    use,
    type: 'both' as const,
    line: [`${r.int(1, 999)} ${r.pick(FAMILY)} Street`],
    city: r.pick(CITY),
    state: 'CA',
    postalCode: String(r.int(90000, 96199)),
    country: 'US',
    period: { start: `20${r.int(10, 20)}-0${r.int(1, 9)}-1${r.int(0, 9)}` },
  }
}

/** Returns the Patient for `seed` (its id is `p<seed>`). */
export function makePatient(seed: number, id = `p${seed}`): Patient {
  const r = random(seed)
  const family = r.pick(FAMILY)
  const given = r.pick(GIVEN)
  return {
    resourceType: 'Patient',
    id,
    meta: { versionId: String(r.int(1, 9)), lastUpdated: '2024-05-01T10:20:30Z', profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
    extension: [
      { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: r.pick(['F', 'M']) },
      { url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueAddress: { city: r.pick(CITY), country: 'US' } },
    ],
    identifier: identifiers(r),
    active: true,
    name: [
      { use: 'official', family, given: [given, r.pick(GIVEN)], prefix: ['Ms.'] },
      { use: 'maiden', family: r.pick(FAMILY), given: [given], period: { end: '2002-06-01' } },
    ],
    telecom: [
      { system: 'phone', value: `+1-555-${r.int(100, 999)}-${r.int(1000, 9999)}`, use: 'home', rank: 1 },
      { system: 'phone', value: `+1-555-${r.int(100, 999)}-${r.int(1000, 9999)}`, use: 'mobile', rank: 2 },
      { system: 'email', value: `${given.toLowerCase()}.${r.code(4).toLowerCase()}@example.org`, use: 'home' },
    ],
    gender: r.pick(['female', 'male'] as const),
    birthDate: `19${r.int(40, 99)}-0${r.int(1, 9)}-1${r.int(0, 9)}`,
    deceasedBoolean: false,
    address: [address(r, 'home'), address(r, 'work')],
    maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M', display: 'Married' }] },
    multipleBirthBoolean: false,
    contact: [
      {
        relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }] }],
        name: { family: r.pick(FAMILY), given: [r.pick(GIVEN)] },
        telecom: [
          { system: 'phone', value: `+1-555-${r.int(100, 999)}-${r.int(1000, 9999)}`, use: 'home' },
          { system: 'phone', value: `+1-555-${r.int(100, 999)}-${r.int(1000, 9999)}`, use: 'mobile' },
        ],
        gender: r.pick(['female', 'male'] as const),
      },
    ],
    communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en-US', display: 'English (United States)' }] }, preferred: true }],
    generalPractitioner: [{ reference: `Practitioner/pr${r.int(1, 99)}`, display: `Dr. ${r.pick(FAMILY)}` }],
    managingOrganization: { reference: 'Organization/org1', display: 'Example Hospital' },
  }
}
