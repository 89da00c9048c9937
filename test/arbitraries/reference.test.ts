import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson } from './_fhirRules.js'

describe('reference', () => {
  test('default: a Type/id reference', () => {
    expectFhirJson(arbitraries.reference(), 500)
    expectAlways(arbitraries.reference(), (r) => /^(Patient|Practitioner|Organization)\/[A-Za-z0-9\-.]{1,64}$/.test(r.reference!))
  })

  test('constraints: types', () => {
    expectAlways(arbitraries.reference({ types: ['Encounter'] }), (r) => r.reference!.startsWith('Encounter/'))
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.reference({ types: ['not a type'] })).toThrow('arbitraries.reference: types must be a non-empty array of resource type names.')
  })
})
