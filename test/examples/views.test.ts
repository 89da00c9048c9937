/**
 * The example views and the synthetic record generator: deterministic, de-identified, lawful.
 */
import { describe, expect, test } from 'vitest'
import { syntheticRecord } from '../../examples/syntheticRecord.js'
import { clinicalView, researchView } from '../../examples/views.js'
import { arbitraries, checkLaws } from 'lensync/testing'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'

describe('syntheticRecord', () => {
  test('default: the same seed gives the same record; another seed another patient', () => {
    expect(syntheticRecord({ seed: 7 })).toEqual(syntheticRecord({ seed: 7 }))
    expect(syntheticRecord({ seed: 7 })).not.toEqual(syntheticRecord({ seed: 8 }))
    const types = syntheticRecord().entry!.map((e) => e.resource!.resourceType)
    expect(types).toEqual(['Patient', 'Condition', 'Condition', 'Observation', 'Observation', 'Observation', 'MedicationRequest', 'MedicationRequest', 'AllergyIntolerance'])
  })

  test('args: counts, dosages and the allergy typo', () => {
    const record = syntheticRecord({ seed: 3, observations: 4, conditions: 1, medications: 3, allergies: 2, typo: true })
    const count = (type: string) => record.entry!.filter((e) => e.resource!.resourceType === type).length
    expect([count('Observation'), count('Condition'), count('MedicationRequest'), count('AllergyIntolerance')]).toEqual([4, 1, 3, 2])
    for (const e of record.entry!.filter((x) => x.resource!.resourceType === 'MedicationRequest'))
      expect(e.resource).toMatchObject({ dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: expect.any(Number), unit: 'mg' } }] }] })
    expect(JSON.stringify(record)).toContain('Allergy to penicilin"')
    expect(JSON.stringify(syntheticRecord({ seed: 3 }))).not.toContain('penicilin"')
  })
})

describe('views', () => {
  const record = deepFreeze(syntheticRecord({ seed: 7, typo: true }))
  const patient = record.entry![0]!.resource as { name: { family: string; given: string[] }[]; identifier: { value: string }[]; telecom: { value: string }[]; birthDate: string }

  test('behavior: the clinical view hides contact details and keeps everything clinical', () => {
    const view = clinicalView.get(record)
    const text = JSON.stringify(view)
    expect(text).not.toContain(patient.telecom[0]!.value)
    expect(text).not.toContain('"address"')
    expect(view.entry).toHaveLength(record.entry!.length)
    expect(clinicalView.put(record, view)).toBe(record)
  })

  test('behavior: the research view holds no name, identifier, contact or full birth date, and no medications or allergies', () => {
    const view = researchView.get(record)
    const text = JSON.stringify(view)
    for (const secret of [patient.name[0]!.family, patient.name[0]!.given[0]!, patient.identifier[0]!.value, patient.telecom[0]!.value, patient.birthDate])
      expect(text).not.toContain(secret)
    expect(view.entry!.map((e) => e.resource!.resourceType)).toEqual(['Patient', 'Condition', 'Condition', 'Observation', 'Observation', 'Observation'])
    expect(view.entry![0]!.resource).toMatchObject({ birthDate: patient.birthDate.slice(0, 4), meta: { security: [{ code: 'REDACTED' }] } })
    expect(researchView.put(record, view)).toBe(record)
  })

  test('default: both views are lawful on generated Bundles', () => {
    const bundles = arbitraries.bundle({ maxEntries: 8 }).map(deepFreeze)
    const clinical = checkLaws(clinicalView, { source: bundles, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })
    expect(clinical.ok ? clinical : clinical.message).toMatchObject({ ok: true })
    const research = checkLaws(researchView, { source: bundles, runs: lawRuns(), laws: ['GetPut'] })
    expect(research.ok ? research : research.message).toMatchObject({ ok: true })
  })
})
