/**
 * FHIR fixtures: a fixed synthetic patient record (FHIR R4 Bundle), a new Observation and the edit
 * that adds it, and the two views of the integration tests: the doctor's clinical view and the
 * researcher's de-identified view. No real patient data.
 */
import { deepEqual } from '../../src/json/equal.js'
import { type Lens, makeLens } from 'lensync/lens'
import type { JsonValue } from 'lensync'

export type Json = JsonValue
export type Resource = { resourceType: string; id: string; [key: string]: Json }
export interface Entry {
  fullUrl?: string
  resource: Resource
}
export interface Bundle {
  resourceType: 'Bundle'
  id?: string
  type: string
  entry: Entry[]
}

const quantity = (value: number, unit: string, code: string) => ({ value, unit, system: 'http://unitsofmeasure.org', code })

/** The patient's full record: Patient, Conditions, Observations, MedicationRequests, an AllergyIntolerance. */
export function patientRecord(): Bundle {
  const subject = { reference: 'Patient/p1' }
  return {
    resourceType: 'Bundle',
    id: 'record-p1',
    type: 'collection',
    entry: [
      {
        fullUrl: 'urn:uuid:p1',
        resource: {
          resourceType: 'Patient',
          id: 'p1',
          identifier: [{ system: 'urn:oid:2.16.840.1.113883.2.4.6.3', value: '999911120' }],
          name: [{ family: 'Synthetic', given: ['Alex'] }],
          telecom: [{ system: 'phone', value: '+31 20 555 0100', use: 'home' }],
          gender: 'female',
          birthDate: '1984-06-14',
          address: [{ line: ['1 Example Lane'], city: 'Testville', postalCode: '0000 AA' }],
        },
      },
      {
        fullUrl: 'urn:uuid:c1',
        resource: {
          resourceType: 'Condition',
          id: 'c1',
          clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
          code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' }] },
          subject,
        },
      },
      {
        fullUrl: 'urn:uuid:o1',
        resource: {
          resourceType: 'Observation',
          id: 'o1',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
          subject,
          effectiveDateTime: '2026-01-10',
          valueQuantity: quantity(7.2, '%', '%'),
        },
      },
      {
        fullUrl: 'urn:uuid:m1',
        resource: {
          resourceType: 'MedicationRequest',
          id: 'm1',
          status: 'active',
          intent: 'order',
          medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '860975', display: 'Metformin 500 MG' }] },
          subject,
          dosageInstruction: [{ text: 'twice daily', doseAndRate: [{ doseQuantity: quantity(500, 'mg', 'mg') }] }],
        },
      },
      {
        fullUrl: 'urn:uuid:a1',
        resource: {
          resourceType: 'AllergyIntolerance',
          id: 'a1',
          code: { coding: [{ system: 'http://snomed.info/sct', code: '91936005', display: 'Allergy to penicilin' }] },
          patient: subject,
        },
      },
    ],
  }
}

/** A new Observation (what the doctor adds). */
export function observation(id: string, value: number): Entry {
  return {
    fullUrl: `urn:uuid:${id}`,
    resource: {
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '2339-0', display: 'Glucose' }] },
      subject: { reference: 'Patient/p1' },
      effectiveDateTime: '2026-02-01',
      valueQuantity: quantity(value, 'mg/dL', 'mg/dL'),
    },
  }
}

/** The edit of a view (a Bundle) that appends a new Observation `id` with `value`. */
export const addObservation =
  (id: string, value: number) =>
  (view: unknown): never => {
    const v = view as Bundle
    return { ...v, entry: [...v.entry, observation(id, value)] } as never
  }

const omitKeys = (o: Resource, keys: readonly string[]): Resource => {
  const out: Resource = { ...o }
  for (const key of keys) delete out[key]
  return out
}

/**
 * Replaces the visible entries of `source` with `visible` (in order), keeping hidden entries where they
 * were; `restore(sourceEntry, viewEntry)` merges back what the view hides.
 */
function putEntries(source: Entry[], visible: Entry[], isVisible: (e: Entry) => boolean, restore: (s: Entry | undefined, v: Entry) => Entry): Entry[] {
  const byId = new Map(source.filter(isVisible).map((e) => [`${e.resource.resourceType}/${e.resource.id}`, e]))
  const queue = [...visible]
  const out: Entry[] = []
  for (const entry of source) {
    if (!isVisible(entry)) out.push(entry)
    else if (queue.length > 0) {
      const v = queue.shift()!
      out.push(restore(byId.get(`${v.resource.resourceType}/${v.resource.id}`), v))
    }
  }
  for (const v of queue) out.push(restore(byId.get(`${v.resource.resourceType}/${v.resource.id}`), v))
  return out
}

const CONTACT = ['telecom', 'address'] as const

/**
 * The doctor's clinical view: every entry, the Patient without contact details (telecom, address).
 * WRITE: the doctor's edits come back through `put`.
 */
export const clinicalLens: Lens<Bundle, Bundle> = makeLens<Bundle, Bundle>({
  step: 'clinicalView',
  get: (s) => ({
    ...s,
    entry: s.entry.map((e) => (e.resource.resourceType === 'Patient' ? { ...e, resource: omitKeys(e.resource, CONTACT) } : e)),
  }),
  put: (s, v) => {
    const next: Bundle = {
      ...v,
      entry: putEntries(s.entry, v.entry, () => true, (src, e) => {
        if (e.resource.resourceType !== 'Patient' || src === undefined) return e
        const hidden = Object.fromEntries(CONTACT.filter((k) => src.resource[k] !== undefined).map((k) => [k, src.resource[k]!]))
        return { ...e, resource: { ...omitKeys(e.resource, CONTACT), ...hidden } }
      }),
    }
    return deepEqual(next, s) ? s : next
  },
  create: (v) => v,
})

const RESEARCH_TYPES = new Set(['Patient', 'Observation', 'Condition'])
const researchVisible = (e: Entry) => RESEARCH_TYPES.has(e.resource.resourceType)

/**
 * The researcher's de-identified view: only Patient (gender and birth year), Observations and
 * Conditions; no names, identifiers, telecom or address. READ only.
 */
export const researchLens: Lens<Bundle, Bundle> = makeLens<Bundle, Bundle>({
  step: 'researchView',
  get: (s) => ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: s.entry.filter(researchVisible).map((e) => {
      if (e.resource.resourceType !== 'Patient') return { resource: e.resource }
      const { resourceType, id, gender, birthDate } = e.resource
      const patient: Resource = { resourceType, id }
      if (gender !== undefined) patient.gender = gender
      if (typeof birthDate === 'string') patient.birthDate = birthDate.slice(0, 4)
      return { resource: patient }
    }),
  }),
  put: (s, v) => {
    const next: Bundle = {
      ...s,
      entry: putEntries(s.entry, v.entry, researchVisible, (src, e) => {
        const base: Entry = src ?? { resource: { resourceType: e.resource.resourceType, id: e.resource.id } }
        if (e.resource.resourceType !== 'Patient') return { ...base, resource: e.resource }
        const keep = omitKeys(base.resource, ['gender', 'birthDate'])
        const patient: Resource = { ...keep }
        if (e.resource.gender !== undefined) patient.gender = e.resource.gender
        const year = e.resource.birthDate
        const old = base.resource.birthDate
        if (typeof year === 'string') patient.birthDate = typeof old === 'string' && old.slice(0, 4) === year ? old : year
        return { ...base, resource: patient }
      }),
    }
    return deepEqual(next, s) ? s : next
  },
  create: (v) => ({ ...v, entry: v.entry.map((e) => ({ ...e })) }),
})
