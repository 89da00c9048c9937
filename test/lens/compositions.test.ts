/**
 * Realistic compositions: the views the product exists for, checked against the four laws on
 * generated FHIR data.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type Lens, fhir, id, keyed, map, omit, path, pick, pipe, redact, under } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { AnyResource, Bundle, BundleEntry, HumanName, Identifier, MedicationRequest, Observation, ObservationComponent, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'

const patients = arbitraries.patient().map(deepFreeze)
// A masked value can only be put back unchanged: views of the de-identified lenses are checked on
// sources that share the hidden birth date, so every generated view is in the lens's range.
const withBirthDate = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (k, v) => (v && typeof v === 'object' && v.resourceType === 'Patient' ? { ...v, birthDate: '1970-03-04' } : v))
const sameBirthDatePatients = arbitraries.patient().map(withBirthDate).map(deepFreeze)
const observations = arbitraries.observation().map(deepFreeze)
const bundles = arbitraries.bundle({ maxEntries: 8 }).map(deepFreeze)

function expectLawful<S, V>(lens: Lens<S, V>, result: ReturnType<typeof checkLaws<S, V>>): void {
  expect(result.ok ? result : `${lens.step}\n${result.message}`).toMatchObject({ ok: true })
}

// 1. The doctor's clinical view of a Patient: demographics without contact details.
const _clinicalPatient = pipe(id<Patient>(), omit(['telecom', 'address', 'contact']))

// 2. The researcher's de-identified Patient: no names, identifiers, contact details; birth date as a year.
const _deidentifiedPatient = pipe(
  id<Patient>(),
  omit(['name', 'identifier', 'telecom', 'address', 'contact', 'text']),
  redact<string>('birthDate', { mask: (date) => date.slice(0, 4) }),
)

// 3. A front-desk view: only the official MRN identifiers, keyed by system|value, and the names'
//    family/given parts (positional).
const MRN = 'http://hospital.example.org/mrn'
const _frontDesk = pipe(
  id<Patient>(),
  pick(['resourceType', 'identifier', 'name']),
  under('identifier', pipe(id<Identifier[]>(), keyed(fhir.identifierKey, id<Identifier>(), { where: (i) => i.system === MRN, emptyAsAbsent: true }))),
  under('name', pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), pick(['family', 'given', 'use']))))),
)

// 4. A lab view of an Observation: status, code and value, components keyed by their code text.
const componentKey = (c: ObservationComponent) => JSON.stringify(c.code)
const _labResult = pipe(
  id<Observation>(),
  pick(['resourceType', 'status', 'code', 'valueQuantity', 'valueString', 'valueCodeableConcept', 'component']),
  under('component', pipe(id<ObservationComponent[]>(), keyed(componentKey, id<ObservationComponent>(), { emptyAsAbsent: true }))),
)

// 5. The doctor's clinical view of a Bundle: clinical entries only (keyed by resource), Patients
//    without contact details.
const clinicalTypes = new Set(['Patient', 'Condition', 'Observation', 'MedicationRequest', 'AllergyIntolerance'])
const _clinicalBundle = pipe(
  id<Bundle>(),
  under(
    'entry',
    pipe(
      id<BundleEntry[]>(),
      keyed(fhir.entryKey, pipe(id<BundleEntry>(), under('resource', pipe(id<AnyResource>(), fhir.byType({ Patient: _clinicalPatient })))), {
        where: (e) => clinicalTypes.has(e.resource?.resourceType ?? ''),
        emptyAsAbsent: true,
      }),
    ),
  ),
)

// 6. The researcher's Bundle: de-identified Patients, Observations and Conditions only (keyed by
//    resource), and no subject display names on Observations.
const researchTypes = new Set(['Patient', 'Observation', 'Condition'])
const _researchEntry = pipe(
  id<BundleEntry>(),
  under(
    'resource',
    pipe(
      id<AnyResource>(),
      fhir.byType({
        Patient: _deidentifiedPatient,
        Observation: pipe(id<Observation>(), redact(['subject', 'display'], 'remove')),
      }),
    ),
  ),
)
const _researchBundle = pipe(
  id<Bundle>(),
  under('entry', pipe(id<BundleEntry[]>(), keyed(fhir.entryKey, _researchEntry, { where: (e) => researchTypes.has(e.resource?.resourceType ?? ''), emptyAsAbsent: true }))),
)

/** Views a researcher could produce from `s`: entries dropped, Observation statuses changed. */
const researchEdits = (s: Bundle) => {
  const view = _researchBundle.get(s)
  return fc
    .tuple(fc.subarray(view.entry ?? []), fc.constantFrom<Observation['status']>('final', 'amended', 'preliminary'))
    .map(([kept, status]) => {
      const entry = kept.map((e) => (e.resource?.resourceType === 'Observation' ? { ...e, resource: { ...e.resource, status } } : e))
      const { entry: _, ...rest } = view
      return entry.length > 0 ? { ...rest, entry } : rest
    })
}

// 7. A medication-dose view: the first dosage's first dose quantity value, one fused path.
const _dose = pipe(id<{ dosageInstruction?: { doseAndRate?: { doseQuantity?: { value?: number } }[] }[] }>(), path('dosageInstruction', 0, 'doseAndRate', 0, 'doseQuantity', 'value'))

describe('compositions', () => {
  test("default: doctor's clinical Patient view", () => {
    expectLawful(_clinicalPatient, checkLaws(_clinicalPatient, { source: patients, runs: lawRuns() }))
  })

  test("default: researcher's de-identified Patient view (CreateGet left out: a masked birth date cannot be invented)", () => {
    expectLawful(_deidentifiedPatient, checkLaws(_deidentifiedPatient, { source: sameBirthDatePatients, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'PutPut'] }))
  })

  test('default: front-desk view with keyed MRN identifiers (PutPut left out: positional names)', () => {
    expectLawful(_frontDesk, checkLaws(_frontDesk, { source: patients, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] }))
  })

  test('default: lab view of an Observation with keyed components', () => {
    expectLawful(_labResult, checkLaws(_labResult, { source: observations, runs: lawRuns() }))
  })

  test("default: doctor's clinical Bundle view, entries keyed by resource", () => {
    expectLawful(_clinicalBundle, checkLaws(_clinicalBundle, { source: bundles, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] }))
  })

  test("default: researcher's de-identified Bundle view, views drawn from the researcher's own edits", () => {
    // CreateGet is left out: a masked birth date cannot be invented. PutPut is left out: keyed puts
    // an entry deleted and re-added after the hidden entries (see keyed's laws).
    expectLawful(_researchBundle, checkLaws(_researchBundle, { source: bundles, viewOf: researchEdits, runs: lawRuns(), laws: ['GetPut', 'PutGet'] }))
  })

  test('behavior: views of other sources are out of range of a masked field (HiddenFieldEdited)', () => {
    const result = checkLaws(_deidentifiedPatient, { source: patients, runs: 200, laws: ['PutGet'] })
    expect(result.ok).toBe(false)
    // The masked birth date (/birthDate) or its REDACTED label (/meta/security), whichever differs first.
    if (!result.ok) expect(result.counterexample.actual).toMatchObject({ code: 'HiddenFieldEdited' })
  })

  test('default: a dose through one fused path', () => {
    expect(_dose._tag).toBe('Path')
    // Outside the path's documented condition: removing the dose empties the first of several
    // dosage instructions (or dose-and-rates), which is removed, so the next one shifts in.
    const shifts = (s: MedicationRequest) => {
      const out = _dose.put(s, undefined) as MedicationRequest
      const first = (m: MedicationRequest) => m.dosageInstruction?.[0]?.doseAndRate
      return (s.dosageInstruction?.length ?? 0) > 1 && out.dosageInstruction?.length !== s.dosageInstruction?.length
        || (first(s)?.length ?? 0) > 1 && first(out)?.length !== first(s)?.length
    }
    const sources = arbitraries.medicationRequest().filter((s) => !shifts(s)).map(deepFreeze)
    expectLawful(_dose, checkLaws(_dose, { source: sources, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] }))
  })

  test('behavior: the researcher never sees names, identifiers or full birth dates', () => {
    const s = deepFreeze<Bundle>({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:p', resource: { resourceType: 'Patient', id: 'p', name: [{ family: 'Doe' }], identifier: [{ system: MRN, value: '1' }], birthDate: '1970-03-04' } },
        { fullUrl: 'urn:uuid:o', resource: { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'HbA1c' }, subject: { reference: 'urn:uuid:p', display: 'J. Doe' } } },
        { fullUrl: 'urn:uuid:m', resource: { resourceType: 'MedicationRequest', id: 'm', status: 'active', intent: 'order', subject: { reference: 'urn:uuid:p' } } },
      ],
    })
    const view = _researchBundle.get(s)
    const text = JSON.stringify(view)
    for (const secret of ['Doe', MRN, '1970-03-04', 'MedicationRequest']) expect(text).not.toContain(secret)
    expect(view.entry?.[0]?.resource).toMatchObject({ birthDate: '1970', meta: { security: [{ code: 'REDACTED' }] } })
    expect(_researchBundle.put(s, view)).toBe(s)
  })
})
