import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('address', () => {
  test('default: obeys the FHIR JSON rules; a city always', () => {
    expectFhirJson(arbitraries.address(), 500)
    expectAlways(arbitraries.address(), (a) => a.city !== undefined)
  })

  test('behavior: `_line` parallel arrays', () => {
    expectSometimes(arbitraries.address(), (a) => a._line !== undefined && a._line.length === a.line!.length, 2000)
  })

  test('constraints: withExtensions', () => {
    expectAlways(arbitraries.address({ withExtensions: false }), (a) => !JSON.stringify(a).includes('"_'))
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.address([] as object)).toThrow('arbitraries.address: constraints must be an object.')
  })
})
