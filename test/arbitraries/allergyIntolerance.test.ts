import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

const allergies = arbitraries.allergyIntolerance()

describe('allergyIntolerance', () => {
  test('default: obeys the FHIR JSON rules', () => {
    expectFhirJson(allergies, 1000)
  })

  test('behavior: patient always; category unique codes with a `_category` parallel array sometimes', () => {
    expectAlways(allergies, (a) => a.resourceType === 'AllergyIntolerance' && a.patient !== undefined)
    expectAlways(allergies, (a) => new Set(a.category ?? []).size === (a.category ?? []).length)
    expectSometimes(allergies, (a) => a._category !== undefined, 2000)
  })

  test("behavior: FHIR's ait-1 and ait-2 — a clinicalStatus exactly when the record was not entered in error; both cases occur", () => {
    const inError = (a: { verificationStatus?: { coding?: readonly { code?: string }[] } }) => a.verificationStatus?.coding?.some((c) => c.code === 'entered-in-error') === true
    expectAlways(allergies, (a) => (a.clinicalStatus !== undefined) === !inError(a))
    expectSometimes(allergies, (a) => inError(a))
  })

  test('behavior: reactions with a non-empty manifestation', () => {
    expectSometimes(allergies, (a) => a.reaction !== undefined)
    expectAlways(allergies, (a) => (a.reaction ?? []).every((r) => r.manifestation.length > 0))
  })

  test('constraints: maxReactions', () => {
    expectAlways(arbitraries.allergyIntolerance({ maxReactions: 0 }), (a) => a.reaction === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.allergyIntolerance({ maxReactions: -1 })).toThrow(InvalidConstraintsError)
  })
})
