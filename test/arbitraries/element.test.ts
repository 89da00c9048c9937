import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('element', () => {
  test('default: never empty; an id, extensions, or both', () => {
    expectFhirJson(arbitraries.element(), 500)
    expectSometimes(arbitraries.element(), (e) => e.id === undefined)
    expectSometimes(arbitraries.element(), (e) => e.extension === undefined)
  })

  test('constraints: maxExtensions', () => {
    expectAlways(arbitraries.element({ maxExtensions: 0 }), (e) => e.extension === undefined && e.id !== undefined)
    expectAlways(arbitraries.element({ maxExtensions: 1 }), (e) => (e.extension?.length ?? 0) <= 1)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.element({ maxExtensions: -1 })).toThrow('arbitraries.element: maxExtensions must be a non-negative integer.')
  })
})
