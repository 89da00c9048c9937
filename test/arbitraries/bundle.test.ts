import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import type { Bundle } from 'lensync/lens'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

const bundles = arbitraries.bundle()
const resources = (b: Bundle) => (b.entry ?? []).map((e) => e.resource!)

describe('bundle', () => {
  test('default: obeys the FHIR JSON rules (unique ids and fullUrls, every urn:uuid reference resolves)', () => {
    expectFhirJson(bundles, 500)
  })

  test('behavior: collection and transaction; transaction entries carry a request', () => {
    expectSometimes(bundles, (b) => b.type === 'collection')
    expectAlways(bundles, (b) => b.type === 'collection' || b.type === 'transaction')
    expectAlways(bundles, (b) => (b.entry ?? []).every((e) => (b.type === 'transaction') === (e.request !== undefined)))
  })

  test('behavior: fullUrl is urn:uuid:<resource.id>', () => {
    expectAlways(bundles, (b) => (b.entry ?? []).every((e) => e.fullUrl === `urn:uuid:${e.resource?.id}`))
  })

  test('behavior: a Patient entry and clinical entries referencing it', () => {
    expectAlways(bundles, (b) => resources(b).some((r) => r.resourceType === 'Patient'))
    for (const type of ['Observation', 'Condition', 'MedicationRequest', 'AllergyIntolerance']) expectSometimes(bundles, (b) => resources(b).some((r) => r.resourceType === type))
    expectSometimes(bundles, (b) => JSON.stringify(b.entry).includes('"reference":"urn:uuid:'))
  })

  test('behavior: entry order varies', () => {
    expectSometimes(bundles, (b) => resources(b)[0]!.resourceType !== 'Patient')
  })

  test('constraints: maxEntries, types, withReferences', () => {
    expectAlways(arbitraries.bundle({ maxEntries: 0 }), (b) => b.entry === undefined)
    expectAlways(arbitraries.bundle({ maxEntries: 2 }), (b) => b.entry!.length >= 1 && b.entry!.length <= 2)
    expectAlways(arbitraries.bundle({ types: ['transaction'] }), (b) => b.type === 'transaction')
    expectAlways(arbitraries.bundle({ withReferences: false }), (b) => !JSON.stringify(b.entry).includes('"reference":"urn:uuid:'))
    expectFhirJson(arbitraries.bundle({ maxEntries: 12 }), 100)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.bundle({ types: ['searchset' as 'collection'] })).toThrow(InvalidConstraintsError)
    expect(() => arbitraries.bundle({ types: [] })).toThrow("arbitraries.bundle: types must be a non-empty array of 'collection' and 'transaction'.")
    expect(() => arbitraries.bundle({ maxEntries: -1 })).toThrow(InvalidConstraintsError)
  })
})
