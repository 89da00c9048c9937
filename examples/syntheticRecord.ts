/**
 * # Synthetic patient records
 *
 * A deterministic generator of small, readable FHIR R4 patient records (a `collection` Bundle) for the
 * examples and the demo. Every name, number, phone and address is invented: no real patient.
 *
 * Run it to print one record: `npx tsx examples/syntheticRecord.ts [seed]`.
 *
 * @since 0.1.0
 */
import { pathToFileURL } from 'node:url'
import type {
  AllergyIntolerance,
  AnyResource,
  Bundle,
  BundleEntry,
  Condition,
  MedicationRequest,
  Observation,
  Patient,
  Quantity,
} from 'lensync/lens'

/**
 * Options of {@link syntheticRecord}.
 *
 * @category models
 * @since 0.1.0
 */
export interface SyntheticRecordOptions {
  /**
   * Seed of the generator: the same seed gives the same record, byte for byte.
   * @defaultValue 1
   */
  readonly seed?: number | undefined
  /**
   * Observations (lab results and vital signs), at most 4.
   * @defaultValue 3
   */
  readonly observations?: number | undefined
  /**
   * Conditions, at most 4.
   * @defaultValue 2
   */
  readonly conditions?: number | undefined
  /**
   * MedicationRequests (each with a dosage and a dose quantity), at most 3.
   * @defaultValue 2
   */
  readonly medications?: number | undefined
  /**
   * AllergyIntolerances, at most 2 (penicillin first).
   * @defaultValue 1
   */
  readonly allergies?: number | undefined
  /**
   * Misspell the first allergy's display ("penicilin"), as an intake clerk might: the demo's patient
   * corrects it.
   * @defaultValue false
   */
  readonly typo?: boolean | undefined
}

/** The LOINC, SNOMED CT and RxNorm codes the generator draws from (real codes, invented values). */
const LOINC = 'http://loinc.org'
const SNOMED = 'http://snomed.info/sct'
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm'
const UCUM = 'http://unitsofmeasure.org'
const MRN_SYSTEM = 'https://example.org/fhir/sid/synthetic-mrn'

const FAMILY = ['Rivera', 'Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Novak', 'Haddad', 'Kowalski']
const GIVEN = ['Alex', 'Sam', 'Robin', 'Jordan', 'Kim', 'Noor', 'Mika', 'Ari']
const STREETS = ['Maple Row', 'Harbor Lane', 'Elm Court', 'Quarry Road']
const CONDITIONS = [
  { code: '44054006', display: 'Diabetes mellitus type 2' },
  { code: '38341003', display: 'Hypertensive disorder' },
  { code: '55822004', display: 'Hyperlipidemia' },
  { code: '195967001', display: 'Asthma' },
] as const
const OBSERVATIONS = [
  { code: '4548-4', display: 'Hemoglobin A1c', unit: '%', min: 5.4, max: 8.9, digits: 1 },
  { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', min: 112, max: 158, digits: 0 },
  { code: '29463-7', display: 'Body weight', unit: 'kg', min: 54, max: 102, digits: 1 },
  { code: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', unit: 'mg/dL', min: 150, max: 260, digits: 0 },
] as const
const MEDICATIONS = [
  { code: '860975', display: 'Metformin 500 MG Oral Tablet', dose: 500, unit: 'mg', text: '500 mg twice daily with meals', frequency: 2 },
  { code: '314076', display: 'Lisinopril 10 MG Oral Tablet', dose: 10, unit: 'mg', text: '10 mg once daily', frequency: 1 },
  { code: '617310', display: 'Atorvastatin 20 MG Oral Tablet', dose: 20, unit: 'mg', text: '20 mg once daily at bedtime', frequency: 1 },
] as const
const ALLERGIES = [
  { code: '91936005', display: 'Allergy to penicillin', typo: 'Allergy to penicilin', criticality: 'high' },
  { code: '91935009', display: 'Allergy to peanut', typo: 'Allergy to peanutt', criticality: 'low' },
] as const

/** mulberry32: a tiny seeded PRNG (uniform in [0, 1)). */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Generates a synthetic patient record: a FHIR R4 `collection` Bundle holding one Patient (with an
 * MRN, name, phone, address and birth date), Conditions, Observations, MedicationRequests (with a
 * dosage and dose quantity) and AllergyIntolerances, each entry with a `urn:uuid:` fullUrl.
 *
 * **When to use**
 * - Examples, demos and tests that need a realistic but invented record; never load real patients
 *   into a demo.
 *
 * **Details**
 * - Deterministic: the record is a function of the options only (no clock, no `Math.random`).
 * - Resource ids are short and readable (`obs-1`, `med-2`); the Patient's id is derived from the seed.
 * - Codes are real LOINC / SNOMED CT / RxNorm codes; values, names and addresses are invented (phone
 *   numbers use the fictional 555-01xx range).
 * - Every clinical resource references the Patient as `Patient/<id>` with the patient's name as
 *   `display` (so a de-identifying view has something to remove).
 *
 * **Example**
 * ```ts
 * import { syntheticRecord } from './syntheticRecord.js'
 * const record = syntheticRecord({ seed: 7, typo: true })
 * record.entry?.map((e) => e.resource?.resourceType)
 * // Output: ['Patient', 'Condition', 'Condition', 'Observation', 'Observation', 'Observation', 'MedicationRequest', 'MedicationRequest', 'AllergyIntolerance']
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export function syntheticRecord(options: SyntheticRecordOptions = {}): Bundle {
  const seed = options.seed ?? 1
  const counts = {
    observations: Math.min(options.observations ?? 3, OBSERVATIONS.length),
    conditions: Math.min(options.conditions ?? 2, CONDITIONS.length),
    medications: Math.min(options.medications ?? 2, MEDICATIONS.length),
    allergies: Math.min(options.allergies ?? 1, ALLERGIES.length),
  }
  const rand = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('')
    return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
  const pad = (n: number) => String(n).padStart(2, '0')

  const patientId = `pat-${(seed >>> 0).toString(36)}`
  const family = pick(FAMILY)
  const given = pick(GIVEN)
  const subject = { reference: `Patient/${patientId}`, display: `${given} ${family}` }
  const birthDate = `${int(1940, 2004)}-${pad(int(1, 12))}-${pad(int(1, 28))}`
  const patient: Patient = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ system: MRN_SYSTEM, value: String(int(10_000_000, 99_999_999)) }],
    name: [{ use: 'official', family, given: [given] }],
    telecom: [{ system: 'phone', value: `+1-202-555-01${pad(int(0, 99))}`, use: 'home' }],
    gender: pick(['female', 'male'] as const),
    birthDate,
    address: [{ line: [`${int(1, 250)} ${pick(STREETS)}`], city: 'Springfield', postalCode: String(int(10000, 99999)), country: 'US' }],
  }
  const entries: BundleEntry<AnyResource>[] = [{ fullUrl: uuid(), resource: patient }]

  CONDITIONS.slice(0, counts.conditions).forEach((c, i) => {
    const condition: Condition = {
      resourceType: 'Condition',
      id: `cond-${i + 1}`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: SNOMED, code: c.code, display: c.display }] },
      subject,
      onsetDateTime: `${int(2010, 2024)}-${pad(int(1, 12))}-${pad(int(1, 28))}`,
    }
    entries.push({ fullUrl: uuid(), resource: condition })
  })
  OBSERVATIONS.slice(0, counts.observations).forEach((o, i) => {
    const value = Number((o.min + rand() * (o.max - o.min)).toFixed(o.digits))
    const observation: Observation = {
      resourceType: 'Observation',
      id: `obs-${i + 1}`,
      status: 'final',
      code: { coding: [{ system: LOINC, code: o.code, display: o.display }] },
      subject,
      effectiveDateTime: `2025-${pad(int(1, 12))}-${pad(int(1, 28))}`,
      valueQuantity: quantity(value, o.unit),
    }
    entries.push({ fullUrl: uuid(), resource: observation })
  })
  MEDICATIONS.slice(0, counts.medications).forEach((m, i) => {
    const medication: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: `med-${i + 1}`,
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { coding: [{ system: RXNORM, code: m.code, display: m.display }] },
      subject,
      authoredOn: `2025-${pad(int(1, 12))}-${pad(int(1, 28))}`,
      dosageInstruction: [
        {
          text: m.text,
          timing: { repeat: { frequency: m.frequency, period: 1, periodUnit: 'd' } },
          doseAndRate: [{ doseQuantity: quantity(m.dose, m.unit) }],
        },
      ],
    }
    entries.push({ fullUrl: uuid(), resource: medication })
  })
  ALLERGIES.slice(0, counts.allergies).forEach((a, i) => {
    const allergy: AllergyIntolerance = {
      resourceType: 'AllergyIntolerance',
      id: `allergy-${i + 1}`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      criticality: a.criticality,
      code: { coding: [{ system: SNOMED, code: a.code, display: options.typo === true && i === 0 ? a.typo : a.display }] },
      patient: subject,
    }
    entries.push({ fullUrl: uuid(), resource: allergy })
  })
  return { resourceType: 'Bundle', id: `record-${patientId}`, type: 'collection', entry: entries }
}

function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: UCUM, code: unit }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seed = Number(process.argv[2] ?? 1)
  console.log(JSON.stringify(syntheticRecord({ seed, typo: true }), null, 2))
}
