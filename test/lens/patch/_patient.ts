/** A ~2 KB synthetic FHIR R4 Patient used by the patch tests and the apply measurement. */
export const patient = {
  resourceType: 'Patient',
  id: 'pat-1',
  meta: { versionId: '3', lastUpdated: '2024-05-01T10:00:00Z' },
  identifier: [
    { system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345', use: 'usual' },
    { system: 'http://hospital.example/mrn', value: 'MRN-778', use: 'official' },
    { system: 'http://hospital.example/mrn', value: 'MRN-779', use: 'old' },
  ],
  active: true,
  extension: [
    { url: 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace', valueAddress: { city: 'Amsterdam', country: 'NLD' } },
    { url: 'http://hl7.org/fhir/StructureDefinition/patient-nationality', extension: [{ url: 'code', valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code: 'NL' }] } }] },
  ],
  name: [
    { use: 'official', family: 'Chalmers', given: ['Peter', 'James'], _given: [null, { extension: [{ url: 'http://x/ext', valueString: 'pref' }] }] },
    { use: 'usual', given: ['Jim'] },
    { use: 'maiden', family: 'Windsor', given: ['Peter', 'James'], period: { end: '2002' } },
  ],
  telecom: [
    { system: 'phone', value: '(03) 5555 6473', use: 'work', rank: 1 },
    { system: 'phone', value: '(03) 3410 5613', use: 'mobile', rank: 2 },
    { system: 'email', value: 'peter@example.org', use: 'home' },
  ],
  gender: 'male',
  birthDate: '1974-12-25',
  _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1974-12-25T14:35:45-05:00' }] },
  deceasedBoolean: false,
  address: [
    { use: 'home', type: 'both', text: '534 Erewhon St PeasantVille, Rainbow, Vic 3999', line: ['534 Erewhon St'], city: 'PleasantVille', district: 'Rainbow', state: 'Vic', postalCode: '3999', period: { start: '1974-12-25' } },
  ],
  contact: [
    {
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }],
      name: { family: 'du Marché', given: ['Bénédicte'] },
      telecom: [{ system: 'phone', value: '+33 (237) 998327' }],
      gender: 'female',
    },
  ],
  communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'nl-NL', display: 'Dutch' }] }, preferred: true }],
  managingOrganization: { reference: 'Organization/1' },
} as const

export type Patient = typeof patient
