import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson } from './_fhirRules.js'

describe('contactPoint', () => {
  test('default: obeys the FHIR JSON rules; made-up phone numbers and example.org e-mail', () => {
    expectFhirJson(arbitraries.contactPoint(), 500)
    expectAlways(arbitraries.contactPoint(), (c) => (c.system === 'email' ? c.value!.endsWith('@example.org') : c.value!.startsWith('+99 ')))
  })

  test('constraints: withExtensions', () => {
    expectAlways(arbitraries.contactPoint({ withExtensions: false }), (c) => c._value === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.contactPoint({ withExtensions: null as unknown as boolean })).toThrow('arbitraries.contactPoint: withExtensions must be a boolean.')
  })
})
