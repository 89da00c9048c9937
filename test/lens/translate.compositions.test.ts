/**
 * The realistic compositions of test/lens/compositions.test.ts (the views the product exists for),
 * checked against the four edit laws of translate/project on generated FHIR data. Sources are
 * deep-frozen, so a translation or projection that mutated its input would throw.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type Lens, fhir, id, keyed, map, omit, path, pick, pipe, redact, under } from 'lensync/lens'
import { arbitraries, checkEditLaws, patchFor } from 'lensync/testing'
import type { AnyResource, Bundle, BundleEntry, HumanName, Identifier, Observation, ObservationComponent, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'

const patients = arbitraries.patient().map(deepFreeze)
const observations = arbitraries.observation().map(deepFreeze)
const bundles = arbitraries.bundle({ maxEntries: 6 }).map(deepFreeze)

const _clinicalPatient = pipe(id<Patient>(), omit(['telecom', 'address', 'contact']))
const _deidentifiedPatient = pipe(
  id<Patient>(),
  omit(['name', 'identifier', 'telecom', 'address', 'contact', 'text']),
  redact<string>('birthDate', { mask: (date) => date.slice(0, 4) }),
)
const MRN = 'http://hospital.example.org/mrn'
const _frontDesk = pipe(
  id<Patient>(),
  pick(['resourceType', 'identifier', 'name']),
  under('identifier', pipe(id<Identifier[]>(), keyed(fhir.identifierKey, id<Identifier>(), { where: (i) => i.system === MRN, emptyAsAbsent: true }))),
  under('name', pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), pick(['family', 'given', 'use']))))),
)
const componentKey = (c: ObservationComponent) => JSON.stringify(c.code)
const _labResult = pipe(
  id<Observation>(),
  pick(['resourceType', 'status', 'code', 'valueQuantity', 'valueString', 'valueCodeableConcept', 'component']),
  under('component', pipe(id<ObservationComponent[]>(), keyed(componentKey, id<ObservationComponent>(), { emptyAsAbsent: true }))),
)
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
const researchTypes = new Set(['Patient', 'Observation', 'Condition'])
const _researchEntry = pipe(
  id<BundleEntry>(),
  under('resource', pipe(id<AnyResource>(), fhir.byType({ Patient: _deidentifiedPatient, Observation: pipe(id<Observation>(), redact(['subject', 'display'], 'remove')) }))),
)
const _researchBundle = pipe(
  id<Bundle>(),
  under('entry', pipe(id<BundleEntry[]>(), keyed(fhir.entryKey, _researchEntry, { where: (e) => researchTypes.has(e.resource?.resourceType ?? ''), emptyAsAbsent: true }))),
)
const _dose = pipe(id<{ dosageInstruction?: { doseAndRate?: { doseQuantity?: { value?: number } }[] }[] }>(), path('dosageInstruction', 0, 'doseAndRate', 0, 'doseQuantity', 'value'))

/** Small, well-shaped edit values: strings for members, whole items copied from the document. */
const edits = (v: unknown) => patchFor(v, { value: fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('final', 'amended', 'official')) })

function expectEditLawful(lens: Lens<any, any>, source: fc.Arbitrary<any>, viewPatch?: (v: any) => fc.Arbitrary<any>, maxRefused = 0.6): void {
  const result = checkEditLaws(lens, { source, runs: lawRuns(), viewPatch: viewPatch ?? edits, sourcePatch: edits })
  expect(result.ok ? result : `${lens.step}\n${result.message}`).toMatchObject({ ok: true })
  if (result.ok) expect(result.refused.Consistency).toBeLessThanOrEqual(maxRefused * lawRuns())
  if (process.env.LENSYNC_REPORT && result.ok) console.info(`${lens.step}: refused ${JSON.stringify(result.refused)} of ${result.runs}`)
}

describe('translate/project: edit laws of realistic compositions', () => {
  test("laws: doctor's clinical Patient view", () => expectEditLawful(_clinicalPatient, patients))
  test("laws: researcher's de-identified Patient view", () => expectEditLawful(_deidentifiedPatient, patients))
  test('laws: front-desk view (pick, under + keyed MRN identifiers, under + map names)', () =>
    expectEditLawful(_frontDesk, patients, (v) =>
      patchFor(v, {
        key: fc.constantFrom('family', 'given', 'use'),
        value: (p) =>
          p.length === 2 && p[0] === 'identifier'
            ? arbitraries.identifier().map((i) => ({ ...(i as object), system: MRN }))
            : p.length === 2 && p[0] === 'name'
              ? fc.record({ family: fc.string({ maxLength: 5 }) }, { noNullPrototype: true })
              : fc.string({ maxLength: 5 }),
      }),
    ))
  test('laws: lab view of an Observation with keyed components', () => expectEditLawful(_labResult, observations))
  test("laws: doctor's clinical Bundle view (under + keyed entries + byType)", () => expectEditLawful(_clinicalBundle, bundles))
  test("laws: researcher's Bundle (keyed entries of de-identified resources)", () => expectEditLawful(_researchBundle, bundles))
  test('laws: medication-dose path', () =>
    expectEditLawful(
      _dose,
      fc.record({ dosageInstruction: fc.array(fc.record({ doseAndRate: fc.array(fc.record({ doseQuantity: fc.record({ value: fc.integer() }) }), { minLength: 1 }) }), { minLength: 1 }) }),
      (v) => patchFor(v, { root: true, value: fc.integer() }),
    ))
})
