import type fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbitraries, checkLaws } from 'lensync/testing'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { type Bundle, clinicalLens, patientRecord, researchLens } from '../../_helpers/fixtures.js'

// The two views the integration tests share are lawful lenses (GetPut, PutGet, CreateGet) on
// generated FHIR Bundles, so a failure there is the engine's, not the fixture's.

const source = arbitraries.bundle() as unknown as fc.Arbitrary<Bundle>

describe('integration views (laws)', () => {
  test.each([
    ['clinicalLens', clinicalLens],
    ['researchLens', researchLens],
  ] as const)('%s: GetPut, PutGet and CreateGet hold', (_name, lens) => {
    const result = checkLaws(lens, {
      source,
      viewOf: () => source.map((other) => lens.get(other)),
      laws: ['GetPut', 'PutGet', 'CreateGet'],
      runs: lawRuns(),
    })
    expect(result).toMatchObject({ ok: true })
  })

  test('researchLens: no names, identifiers, telecom or address; birth year only; Patient, Observations and Conditions only', () => {
    const view = researchLens.get(patientRecord())
    const text = JSON.stringify(view)
    for (const hidden of ['Synthetic', 'Alex', '999911120', '+31', 'Example Lane', '1984-06-14', 'MedicationRequest', 'AllergyIntolerance'])
      expect(text).not.toContain(hidden)
    expect(view.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Condition', 'Observation'])
    expect(view.entry[0]!.resource.birthDate).toBe('1984')
  })
})
