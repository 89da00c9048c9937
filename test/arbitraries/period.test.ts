import { describe, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('period', () => {
  test('default: start, end or both, never empty', () => {
    expectFhirJson(arbitraries.period(), 500)
    expectSometimes(arbitraries.period(), (p) => p.start === undefined)
    expectSometimes(arbitraries.period(), (p) => p.end === undefined)
    expectAlways(arbitraries.period(), (p) => p.start === undefined || p.end === undefined || p.start <= p.end)
  })
})
