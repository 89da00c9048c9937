import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes, objects } from './_fhirRules.js'

const observations = arbitraries.observation()

describe('observation', () => {
  test('default: obeys the FHIR JSON rules', () => {
    expectFhirJson(observations, 1000)
  })

  test('behavior: status and a coded code always', () => {
    expectAlways(observations, (o) => o.resourceType === 'Observation' && o.status !== undefined && (o.code?.coding?.length ?? 0) > 0)
  })

  test.each(['valueQuantity', 'valueCodeableConcept', 'valueString', 'valueBoolean', 'valueInteger', 'valueDateTime', 'valueRange', 'valuePeriod', 'dataAbsentReason'] as const)(
    'behavior: value[x] variant %s occurs',
    (key) => {
      expectSometimes(observations, (o) => o[key] !== undefined, 1000)
    },
  )

  test('behavior: decimals are JS numbers, some with a fraction', () => {
    expectAlways(observations, (o) => o.valueQuantity?.value === undefined || typeof o.valueQuantity.value === 'number')
    expectSometimes(observations, (o) => o.valueQuantity?.value !== undefined && !Number.isInteger(o.valueQuantity.value))
  })

  test('behavior: components with a code and one value[x], unique by code', () => {
    expectSometimes(observations, (o) => o.component !== undefined)
    expectAlways(observations, (o) => (o.component ?? []).every((c) => (c.code.coding?.length ?? 0) > 0))
    expectSometimes(observations, (o) => (o.component ?? []).some((c) => c.valueQuantity !== undefined))
  })

  test('behavior: primitive extensions on status and value', () => {
    expectSometimes(observations, (o) => o._status !== undefined)
    expectSometimes(observations, (o) => objects(o).some((x) => Object.keys(x).some((k) => k.startsWith('_'))))
  })

  test('constraints: maxComponents, maxIdentifiers, withExtensions', () => {
    expectAlways(arbitraries.observation({ maxComponents: 0, maxIdentifiers: 0 }), (o) => o.component === undefined && o.identifier === undefined)
    expectAlways(arbitraries.observation({ maxComponents: 1 }), (o) => (o.component?.length ?? 0) <= 1)
    expectAlways(arbitraries.observation({ withExtensions: false }), (o) => !/"(_[A-Za-z]+|extension)":/.test(JSON.stringify(o)))
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.observation({ maxComponents: -2 })).toThrow(InvalidConstraintsError)
    expect(() => arbitraries.observation({ maxComponents: -2 })).toThrow('arbitraries.observation: maxComponents must be a non-negative integer.')
  })
})
