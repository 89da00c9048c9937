import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('extension', () => {
  test('default: obeys the FHIR JSON rules (one value[x] or nested extensions unique by url)', () => {
    expectFhirJson(arbitraries.extension({ maxDepth: 3 }), 500)
  })

  test('behavior: simple and complex extensions', () => {
    expectSometimes(arbitraries.extension(), (e) => e.extension !== undefined)
    expectSometimes(arbitraries.extension(), (e) => e.valueDecimal !== undefined && !Number.isInteger(e.valueDecimal), 2000)
  })

  test('constraints: maxDepth: 0 only value[x]', () => {
    expectAlways(arbitraries.extension({ maxDepth: 0 }), (e) => e.extension === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.extension({ maxDepth: 9 })).toThrow('arbitraries.extension: maxDepth must not exceed the supported depth (4).')
  })
})
