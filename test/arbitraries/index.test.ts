import { describe, expect, test } from 'vitest'
import * as named from '../../src/testing/arbitraries/index.js'
import * as lensync from 'lensync'
import * as testing from 'lensync/testing'

describe('arbitraries (index)', () => {
  const fhirBuilders = [
    'address', 'allergyIntolerance', 'bundle', 'codeableConcept', 'coding', 'condition', 'contactPoint', 'element', 'extension',
    'humanName', 'identifier', 'medicationRequest', 'meta', 'observation', 'patient', 'period', 'quantity', 'questionnaire',
    'questionnaireResponse', 'reference',
  ]

  test('default: every FHIR builder is exported by name and on the namespace object, as the same function', () => {
    for (const name of fhirBuilders) {
      expect(named[name as keyof typeof named], name).toBeTypeOf('function')
      expect(named.arbitraries[name as keyof typeof named.arbitraries], name).toBe(named[name as keyof typeof named])
    }
    for (const [name, builder] of Object.entries(named.arbitraries)) expect(named[name as keyof typeof named]).toBe(builder)
  })

  test('default: exported from lensync/testing, not from the package root', () => {
    expect(testing.arbitraries).toBe(named.arbitraries)
    expect(testing.InvalidConstraintsError).toBe(named.InvalidConstraintsError)
    expect('arbitraries' in lensync).toBe(false)
  })
})
