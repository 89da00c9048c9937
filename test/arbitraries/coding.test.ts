import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('coding', () => {
  test('default: obeys the FHIR JSON rules; system and code always', () => {
    expectFhirJson(arbitraries.coding(), 500)
    expectAlways(arbitraries.coding(), (c) => typeof c.system === 'string' && typeof c.code === 'string')
  })

  test('behavior: codes in the shape of their system', () => {
    expectAlways(arbitraries.coding({ systems: ['http://loinc.org'] }), (c) => /^\d{3,5}-\d$/.test(c.code!))
    expectAlways(arbitraries.coding({ systems: ['http://snomed.info/sct'] }), (c) => /^[1-9]\d{4,8}$/.test(c.code!))
    expectSometimes(arbitraries.coding(), (c) => c.display !== undefined)
  })

  test('constraints: systems, withDetails', () => {
    expectAlways(arbitraries.coding({ systems: ['urn:x'] }), (c) => c.system === 'urn:x')
    expectAlways(arbitraries.coding({ withDetails: false }), (c) => c.version === undefined && c.userSelected === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.coding({ systems: [] })).toThrow(InvalidConstraintsError)
    expect(() => arbitraries.coding({ systems: [''] })).toThrow('arbitraries.coding: systems must be a non-empty array of non-empty strings.')
  })
})
