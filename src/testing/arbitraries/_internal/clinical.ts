/**
 * Parts shared by the clinical resources: `value[x]`, subjects, categories.
 *
 * @internal
 */
import fc from 'fast-check'
import type { CodeableConcept, Observation, Range } from '../../../lens/fhir/types.js'
import { codeableConcept } from '../codeableConcept.js'
import { period } from '../period.js'
import { quantity } from '../quantity.js'
import { fhirDateTime, freeText } from './helpers.js'

/** The `value[x]` choices of an Observation or component (exactly one key). @internal */
export type ValueChoice = Pick<
  Observation,
  'valueQuantity' | 'valueCodeableConcept' | 'valueString' | 'valueBoolean' | 'valueInteger' | 'valueDateTime' | 'valueRange' | 'valuePeriod'
>

const range: fc.Arbitrary<Range> = fc
  .tuple(quantity({ min: 0, max: 50, withComparator: false }), fc.integer({ min: 1, max: 100 }))
  .map(([low, width]): Range => {
    const { comparator: _c, ...lowQ } = low
    const high = { ...lowQ, value: Number(((lowQ.value ?? 0) + width).toFixed(3)) }
    return { low: lowQ, high }
  })

/** Exactly one `value[x]`, mostly `valueQuantity`. @internal */
export const valueChoice: fc.Arbitrary<ValueChoice> = fc.oneof(
  { weight: 6, arbitrary: quantity().map((valueQuantity): ValueChoice => ({ valueQuantity })) },
  { weight: 2, arbitrary: codeableConcept({ requireCoding: true, maxCodings: 2 }).map((valueCodeableConcept): ValueChoice => ({ valueCodeableConcept })) },
  { weight: 2, arbitrary: freeText.map((valueString): ValueChoice => ({ valueString })) },
  { weight: 1, arbitrary: fc.boolean().map((valueBoolean): ValueChoice => ({ valueBoolean })) },
  { weight: 1, arbitrary: fc.integer({ min: -50, max: 5000 }).map((valueInteger): ValueChoice => ({ valueInteger })) },
  { weight: 1, arbitrary: fhirDateTime.map((valueDateTime): ValueChoice => ({ valueDateTime })) },
  { weight: 1, arbitrary: range.map((valueRange): ValueChoice => ({ valueRange })) },
  { weight: 1, arbitrary: period().map((valuePeriod): ValueChoice => ({ valuePeriod })) },
)

/** A concept from one fixed code system, one coding. @internal */
export function conceptFrom(system: string, codes: readonly string[]): fc.Arbitrary<CodeableConcept> {
  return fc.constantFrom(...codes).map((code): CodeableConcept => ({ coding: [{ system, code }] }))
}

/** `dataAbsentReason` codes. @internal */
export const dataAbsentReason = conceptFrom('http://terminology.hl7.org/CodeSystem/data-absent-reason', ['unknown', 'asked-unknown', 'masked', 'not-performed', 'error'])
