import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

const requests = arbitraries.medicationRequest()

describe('medicationRequest', () => {
  test('default: obeys the FHIR JSON rules', () => {
    expectFhirJson(requests, 1000)
  })

  test('behavior: status, intent, subject and exactly one medication[x] always', () => {
    expectAlways(
      requests,
      (m) =>
        m.resourceType === 'MedicationRequest' &&
        m.status !== undefined &&
        m.intent !== undefined &&
        m.subject !== undefined &&
        (m.medicationCodeableConcept === undefined) !== (m.medicationReference === undefined),
    )
  })

  test('behavior: dosageInstruction with sequence 1..n and doseAndRate (doseQuantity or doseRange)', () => {
    expectSometimes(requests, (m) => m.dosageInstruction !== undefined)
    expectAlways(requests, (m) => (m.dosageInstruction ?? []).every((d, i) => d.sequence === i + 1 && (d.doseAndRate?.length ?? 0) > 0))
    expectSometimes(requests, (m) => (m.dosageInstruction ?? []).some((d) => d.doseAndRate!.some((r) => r.doseQuantity !== undefined)))
    expectSometimes(requests, (m) => (m.dosageInstruction ?? []).some((d) => d.doseAndRate!.some((r) => r.doseRange !== undefined)))
    expectSometimes(requests, (m) => (m.dosageInstruction ?? []).some((d) => d.doseAndRate!.some((r) => !Number.isInteger(r.doseQuantity?.value ?? 0))))
  })

  test('constraints: maxDosages', () => {
    expectAlways(arbitraries.medicationRequest({ maxDosages: 0 }), (m) => m.dosageInstruction === undefined)
    expectAlways(arbitraries.medicationRequest({ maxDosages: 1 }), (m) => (m.dosageInstruction?.length ?? 0) <= 1)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.medicationRequest({ maxDosages: Number.NaN })).toThrow(InvalidConstraintsError)
  })
})
