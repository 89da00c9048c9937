import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('humanName', () => {
  test('default: obeys the FHIR JSON rules; family or given always', () => {
    expectFhirJson(arbitraries.humanName(), 500)
    expectAlways(arbitraries.humanName(), (n) => n.family !== undefined || n.given !== undefined)
  })

  test('behavior: `_given` parallel arrays of the same length with null holes', () => {
    expectSometimes(arbitraries.humanName(), (n) => n._given !== undefined && n._given.length === n.given!.length && n._given.includes(null) && n._given.some((e) => e !== null), 2000)
    expectSometimes(arbitraries.humanName(), (n) => n._family !== undefined)
  })

  test('constraints: maxGiven, withExtensions', () => {
    expectAlways(arbitraries.humanName({ maxGiven: 1 }), (n) => (n.given?.length ?? 0) <= 1)
    expectAlways(arbitraries.humanName({ maxGiven: 0 }), (n) => n.given === undefined && n.family !== undefined)
    expectAlways(arbitraries.humanName({ withExtensions: false }), (n) => !JSON.stringify(n).includes('"_'))
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.humanName({ maxGiven: -1 })).toThrow('arbitraries.humanName: maxGiven must be a non-negative integer.')
  })
})
