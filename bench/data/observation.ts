/**
 * A synthetic FHIR R4 Observation (a blood-pressure panel with two components), generated from a seed.
 */
import type { Observation } from 'lensync/lens'
import { random } from './random.js'

const LOINC = 'http://loinc.org'

/** Returns the Observation for `seed` about `subject` (its id is `o<seed>`). */
export function makeObservation(seed: number, subject = 'Patient/p0', id = `o${seed}`): Observation {
  const r = random(seed)
  return {
    resourceType: 'Observation',
    id,
    meta: { versionId: '1', lastUpdated: '2024-05-01T10:20:30Z' },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
    code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }], text: 'Blood pressure' },
    subject: { reference: subject, display: 'Patient' },
    effectiveDateTime: `2024-0${r.int(1, 9)}-1${r.int(0, 9)}T0${r.int(0, 9)}:30:00Z`,
    component: [
      {
        code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
        valueQuantity: { value: r.int(100, 160), unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
      },
      {
        code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
        valueQuantity: { value: r.int(60, 100), unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
      },
    ],
  }
}
