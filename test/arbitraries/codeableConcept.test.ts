import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('codeableConcept', () => {
  test('default: obeys the FHIR JSON rules (codings unique by system|code)', () => {
    expectFhirJson(arbitraries.codeableConcept({ maxCodings: 6, systems: ['urn:a', 'urn:b'] }), 500)
  })

  test('behavior: codings, text, or both', () => {
    expectSometimes(arbitraries.codeableConcept(), (c) => c.coding === undefined)
    expectSometimes(arbitraries.codeableConcept(), (c) => c.text === undefined)
    expectSometimes(arbitraries.codeableConcept(), (c) => (c.coding?.length ?? 0) > 1)
  })

  test('constraints: requireCoding, maxCodings', () => {
    expectAlways(arbitraries.codeableConcept({ requireCoding: true }), (c) => (c.coding?.length ?? 0) >= 1)
    expectAlways(arbitraries.codeableConcept({ maxCodings: 0 }), (c) => c.coding === undefined && c.text !== undefined)
  })

  test('error: requireCoding with maxCodings: 0', () => {
    expect(() => arbitraries.codeableConcept({ requireCoding: true, maxCodings: 0 })).toThrow('arbitraries.codeableConcept: requireCoding must not exceed maxCodings (0).')
  })
})
