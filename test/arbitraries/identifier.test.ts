import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('identifier', () => {
  test('default: obeys the FHIR JSON rules, always a value', () => {
    expectFhirJson(arbitraries.identifier(), 500)
    expectAlways(arbitraries.identifier(), (i) => typeof i.value === 'string')
  })

  test('behavior: usually a system, sometimes none; `_value`/`_system` extensions sometimes', () => {
    expectSometimes(arbitraries.identifier(), (i) => i.system === undefined)
    expectSometimes(arbitraries.identifier(), (i) => i._value !== undefined || i._system !== undefined)
  })

  test('constraints: withoutSystem: false, withExtensions: false', () => {
    expectAlways(arbitraries.identifier({ withoutSystem: false }), (i) => i.system !== undefined)
    expectAlways(arbitraries.identifier({ withExtensions: false }), (i) => i._value === undefined && i._system === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.identifier({ withoutSystem: 0 as unknown as boolean })).toThrow('arbitraries.identifier: withoutSystem must be a boolean.')
  })

  test('behavior: shrinks towards a bare system and value', () => {
    const result = fc.check(fc.property(arbitraries.identifier(), () => false), { seed: 1 })
    expect(result.counterexample?.[0]).toEqual({ system: expect.any(String), value: expect.any(String) })
  })
})
