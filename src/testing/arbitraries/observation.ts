/**
 * Arbitrary FHIR `Observation`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Observation, ObservationComponent, ObservationReferenceRange } from '../../lens/fhir/types.js'
import { codeableConcept, codingKey } from './codeableConcept.js'
import { withPrimitiveExtension } from './element.js'
import { extensionList } from './extension.js'
import { identifierList } from './identifier.js'
import { period } from './period.js'
import { quantity } from './quantity.js'
import { reference } from './reference.js'
import { conceptFrom, dataAbsentReason, valueChoice } from './_internal/clinical.js'
import { count, constraintsObject, fhirDateTime, fhirInstant, flag, nonEmpty, phrase, record, varyKeyOrder } from './_internal/helpers.js'
import { annotation, assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link observation}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface ObservationConstraints {
  /** Most `component`s (each with a `code` and one `value[x]`, unique by their first coding). @defaultValue 3 */
  readonly maxComponents?: number | undefined
  /** Most identifiers (unique by `system|value`). @defaultValue 2 */
  readonly maxIdentifiers?: number | undefined
  /** Sometimes add extensions and primitive extensions (`_status`, `_effectiveDateTime`, …). @defaultValue true */
  readonly withExtensions?: boolean | undefined
  /** Sometimes add a narrative `text`. @defaultValue true */
  readonly withText?: boolean | undefined
}

const status = fc.constantFrom('registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown') as fc.Arbitrary<
  NonNullable<Observation['status']>
>

const category = conceptFrom('http://terminology.hl7.org/CodeSystem/observation-category', [
  'vital-signs',
  'laboratory',
  'social-history',
  'imaging',
  'survey',
  'exam',
])

const interpretation = conceptFrom('http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', ['N', 'H', 'L', 'A', 'HH', 'LL'])

const referenceRange: fc.Arbitrary<ObservationReferenceRange> = fc
  .tuple(quantity({ min: 0, max: 100, withComparator: false }), fc.integer({ min: 1, max: 200 }), fc.nat(3), phrase)
  .map(([low, width, shape, text]): ObservationReferenceRange => {
    const high = { ...low, value: Number(((low.value ?? 0) + width).toFixed(3)) }
    return shape === 0 ? { low } : shape === 1 ? { high } : shape === 2 ? { text } : { low, high }
  })

const component: fc.Arbitrary<ObservationComponent> = varyKeyOrder(
  fc
    .tuple(codeableConcept({ requireCoding: true, maxCodings: 1 }), valueChoice, fc.nat(9), dataAbsentReason, interpretation)
    .map(([code, value, shape, absent, interp]): ObservationComponent =>
      shape === 0 ? { code, dataAbsentReason: absent } : shape === 1 ? { code, ...value, interpretation: [interp] } : { code, ...value },
    ),
)

/**
 * Generates a synthetic FHIR R4 `Observation`: always `resourceType`, `status` and a `code` with
 * codings; usually one `value[x]` (`valueQuantity` with a decimal `value`, `valueCodeableConcept`,
 * `valueString`, `valueBoolean`, `valueInteger`, `valueDateTime`, `valueRange`, `valuePeriod`) or a
 * `dataAbsentReason`; sometimes `component`s, `category`, `subject`, `effective[x]`, `issued`,
 * `performer`, `interpretation`, `note`, `referenceRange`, identifiers and extensions.
 *
 * **When to use** — as the `source` of {@link checkLaws} for lenses over observations, e.g. a lens
 * exposing `valueQuantity.value` or keying `component` by code.
 *
 * **Details** — the same FHIR JSON rules as {@link patient} hold: no `[]`, `{}` or stray `null`; at
 * most one `value[x]`; components unique by their first coding's `system|code`; `subject` is a
 * `Patient/…` reference (inside a {@link bundle}, a `urn:uuid:` reference to a patient entry).
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.observation({ maxComponents: 0 }), 1)
 * // Output: [{ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] }, valueQuantity: { value: 37.2, unit: 'Cel' } }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function observation(constraints?: ObservationConstraints): fc.Arbitrary<Observation> {
  const api = 'arbitraries.observation'
  const c = constraintsObject(api, constraints)
  const maxComponents = count(api, 'maxComponents', c.maxComponents, 3)
  const maxIdentifiers = count(api, 'maxIdentifiers', c.maxIdentifiers, 2)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const withText = flag(api, 'withText', c.withText, true)

  const details = record<Observation>(
    {
      identifier: maxIdentifiers > 0 ? identifierList(maxIdentifiers, { withExtensions }) : undefined,
      category: fc.array(category, { minLength: 1, maxLength: 1 }),
      subject: reference({ types: ['Patient'] }),
      issued: fhirInstant,
      performer: fc.array(reference({ types: ['Practitioner', 'Organization'] }), { minLength: 1, maxLength: 2 }),
      interpretation: fc.array(interpretation, { minLength: 1, maxLength: 1 }),
      note: fc.array(annotation, { minLength: 1, maxLength: 2 }),
      referenceRange: fc.array(referenceRange, { minLength: 1, maxLength: 2 }),
      component: nonEmpty(component, maxComponents, (x) => codingKey(x.code.coding![0]!)),
      extension: withExtensions ? extensionList(1, 2, 2) : undefined,
    },
    [],
    ['identifier', 'performer', 'interpretation', 'note', 'referenceRange', 'extension'],
  )
  const required = fc.tuple(status, codeableConcept({ requireCoding: true })).map(([s, code]) => ({ status: s, code }))
  const effective = fc.oneof(
    fhirDateTime.map((effectiveDateTime) => ({ effectiveDateTime })),
    period().map((effectivePeriod) => ({ effectivePeriod })),
    fc.constant({}),
  )
  const value = fc.oneof({ weight: 5, arbitrary: valueChoice }, { weight: 1, arbitrary: dataAbsentReason.map((dataAbsentReason) => ({ dataAbsentReason })) }, { weight: 1, arbitrary: fc.constant({}) })
  const assembled = fc
    .tuple(resourceBase(withText), required, effective, value, details)
    .map(([base, req, eff, val, det]) => assemble<Observation>('Observation', base, req, eff, val, det))
  return varyKeyOrder(withPrimitiveExtension(assembled, ['status', 'effectiveDateTime', 'valueString', 'issued'], withExtensions))
}

export { observation }
