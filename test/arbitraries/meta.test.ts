import { describe, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

describe('meta', () => {
  test('default: never empty; versionId and lastUpdated sometimes; never a REDACTED label', () => {
    expectFhirJson(arbitraries.meta(), 500)
    expectSometimes(arbitraries.meta(), (m) => m.versionId !== undefined)
    expectSometimes(arbitraries.meta(), (m) => m.lastUpdated !== undefined)
    expectAlways(arbitraries.meta(), (m) => !(m.security ?? []).some((c) => c.code === 'REDACTED'))
  })
})
