import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('quantity', () => {
  test('default: obeys the FHIR JSON rules; value a JS number with at most 3 decimals', () => {
    expectFhirJson(arbitraries.quantity(), 500)
    expectAlways(arbitraries.quantity(), (q) => typeof q.value === 'number' && Number.isFinite(q.value) && Math.abs(q.value * 1000 - Math.round(q.value * 1000)) < 1e-6)
    expectSometimes(arbitraries.quantity(), (q) => !Number.isInteger(q.value))
    expectSometimes(arbitraries.quantity(), (q) => q.system === 'http://unitsofmeasure.org' && q.code !== undefined)
    expectSometimes(arbitraries.quantity(), (q) => q.comparator !== undefined)
  })

  test('constraints: min, max, withComparator', () => {
    expectAlways(arbitraries.quantity({ min: -5, max: 5 }), (q) => q.value! >= -5 && q.value! <= 5)
    expectAlways(arbitraries.quantity({ min: 0.001, max: 0.002 }), (q) => q.value! >= 0.001 && q.value! <= 0.002)
    expectAlways(arbitraries.quantity({ withComparator: false }), (q) => q.comparator === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.quantity({ min: 2, max: 1 })).toThrow('arbitraries.quantity: min must not exceed max (1).')
    expect(() => arbitraries.quantity({ max: Number.POSITIVE_INFINITY })).toThrow(InvalidConstraintsError)
  })
})
