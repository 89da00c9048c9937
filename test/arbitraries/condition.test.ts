import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

const conditions = arbitraries.condition()

describe('condition', () => {
  test('default: obeys the FHIR JSON rules', () => {
    expectFhirJson(conditions, 1000)
  })

  test('behavior: clinicalStatus, code and a Patient subject always', () => {
    expectAlways(conditions, (c) => c.resourceType === 'Condition' && c.clinicalStatus !== undefined && c.code !== undefined && /^Patient\//.test(c.subject?.reference ?? ''))
  })

  test("behavior: FHIR's con-4 — an abatementDateTime only with an inactive, resolved or remission clinicalStatus; sometimes one", () => {
    const abated = (c: { clinicalStatus?: { coding?: readonly { code?: string }[] } }) => c.clinicalStatus?.coding?.some((x) => ['inactive', 'resolved', 'remission'].includes(x.code ?? '')) === true
    expectAlways(conditions, (c) => c.abatementDateTime === undefined || abated(c))
    expectSometimes(conditions, (c) => c.abatementDateTime !== undefined)
  })

  test('behavior: onset[x] variants, primitive extension without a value', () => {
    expectSometimes(conditions, (c) => c.onsetDateTime !== undefined)
    expectSometimes(conditions, (c) => c.onsetString !== undefined)
    expectSometimes(conditions, (c) => c._recordedDate !== undefined || c._onsetDateTime !== undefined)
    expectSometimes(conditions, (c) => (c._recordedDate !== undefined && c.recordedDate === undefined) || (c._onsetDateTime !== undefined && c.onsetDateTime === undefined), 2000)
  })

  test('constraints: maxIdentifiers, withExtensions, withText', () => {
    expectAlways(arbitraries.condition({ maxIdentifiers: 0 }), (c) => c.identifier === undefined)
    expectAlways(arbitraries.condition({ withExtensions: false, withText: false }), (c) => c.text === undefined && !/"(_[A-Za-z]+|extension)":/.test(JSON.stringify(c)))
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.condition({ withText: 1 as unknown as boolean })).toThrow(InvalidConstraintsError)
  })
})
