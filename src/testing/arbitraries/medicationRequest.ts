/**
 * Arbitrary FHIR `MedicationRequest`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Dosage, DosageDoseAndRate, MedicationRequest, Timing } from '../../lens/fhir/types.js'
import { codeableConcept } from './codeableConcept.js'
import { withPrimitiveExtension } from './element.js'
import { extensionList } from './extension.js'
import { identifierList } from './identifier.js'
import { quantity } from './quantity.js'
import { reference } from './reference.js'
import { conceptFrom } from './_internal/clinical.js'
import { count, constraintsObject, fhirDateTime, flag, freeText, record, varyKeyOrder } from './_internal/helpers.js'
import { annotation, assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link medicationRequest}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface MedicationRequestConstraints {
  /** Most `dosageInstruction`s (each with `sequence`, `timing`, `route`, `doseAndRate`, …). @defaultValue 2 */
  readonly maxDosages?: number | undefined
  /** Most identifiers (unique by `system|value`). @defaultValue 2 */
  readonly maxIdentifiers?: number | undefined
  /** Sometimes add extensions and primitive extensions (`_authoredOn`, `_status`). @defaultValue true */
  readonly withExtensions?: boolean | undefined
  /** Sometimes add a narrative `text`. @defaultValue true */
  readonly withText?: boolean | undefined
}

const route = conceptFrom('http://snomed.info/sct', ['26643006', '47625008', '78421000', '34206005'])
const doseType = conceptFrom('http://terminology.hl7.org/CodeSystem/dose-rate-type', ['calculated', 'ordered'])

const timing: fc.Arbitrary<Timing> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 0.5, 8, 12), fc.constantFrom('h', 'd', 'wk') as fc.Arbitrary<'h' | 'd' | 'wk'>)
  .map(([frequency, period, periodUnit]): Timing => ({ repeat: { frequency, period, periodUnit } }))

const doseAndRate: fc.Arbitrary<DosageDoseAndRate> = varyKeyOrder(
  fc
    .tuple(fc.option(doseType, { nil: undefined }), quantity({ min: 0.01, max: 1000, withComparator: false }), fc.nat(3), fc.integer({ min: 1, max: 10 }))
    .map(([type, dose, shape, width]): DosageDoseAndRate => {
      const typed = type === undefined ? {} : { type }
      if (shape !== 0) return { ...typed, doseQuantity: dose }
      const high = { ...dose, value: Number(((dose.value ?? 0) + width).toFixed(3)) }
      return { ...typed, doseRange: { low: dose, high } }
    }),
)

const dosage: fc.Arbitrary<Dosage> = varyKeyOrder(
  record<Dosage>(
    {
      text: freeText,
      patientInstruction: freeText,
      timing,
      asNeededBoolean: fc.boolean(),
      route,
      doseAndRate: fc.array(doseAndRate, { minLength: 1, maxLength: 2 }),
    },
    ['doseAndRate'],
    ['patientInstruction', 'asNeededBoolean'],
  ),
)

/**
 * Generates a synthetic FHIR R4 `MedicationRequest`: always `resourceType`, `status`, `intent`, a
 * `medicationCodeableConcept` (RxNorm-shaped made-up codes) or `medicationReference`, and `subject`;
 * sometimes `authoredOn`, `requester`, `reasonCode`, `note`, identifiers, extensions and
 * `dosageInstruction`s with `sequence` (1, 2, …), `timing.repeat`, `route` and `doseAndRate`
 * (`doseQuantity` or `doseRange` with decimal values).
 *
 * **When to use** — as the `source` of {@link checkLaws} for lenses over prescriptions, e.g. a
 * pharmacist's view of doses.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.medicationRequest({ maxDosages: 1 }), 1)
 * // Output: [{ resourceType: 'MedicationRequest', status: 'active', intent: 'order', …, dosageInstruction: [{ sequence: 1, doseAndRate: [{ doseQuantity: { value: 2.5, unit: 'mg' } }] }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function medicationRequest(constraints?: MedicationRequestConstraints): fc.Arbitrary<MedicationRequest> {
  const api = 'arbitraries.medicationRequest'
  const c = constraintsObject(api, constraints)
  const maxDosages = count(api, 'maxDosages', c.maxDosages, 2)
  const maxIdentifiers = count(api, 'maxIdentifiers', c.maxIdentifiers, 2)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const withText = flag(api, 'withText', c.withText, true)
  const details = record<MedicationRequest>(
    {
      identifier: maxIdentifiers > 0 ? identifierList(maxIdentifiers, { withExtensions }) : undefined,
      status: fc.constantFrom('active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown'),
      intent: fc.constantFrom('proposal', 'plan', 'order', 'original-order', 'instance-order', 'option'),
      subject: reference({ types: ['Patient'] }),
      authoredOn: fhirDateTime,
      requester: reference({ types: ['Practitioner'] }),
      reasonCode: fc.array(codeableConcept({ maxCodings: 1 }), { minLength: 1, maxLength: 1 }),
      note: fc.array(annotation, { minLength: 1, maxLength: 1 }),
      dosageInstruction:
        maxDosages > 0
          ? fc.array(dosage, { minLength: 1, maxLength: maxDosages }).map((ds) => ds.map((d, i): Dosage => ({ sequence: i + 1, ...d })))
          : undefined,
      extension: withExtensions ? extensionList(1, 2, 2) : undefined,
    },
    ['status', 'intent', 'subject'],
    ['identifier', 'reasonCode', 'note', 'extension'],
  )
  const medication = fc.oneof(
    { weight: 4, arbitrary: codeableConcept({ requireCoding: true, maxCodings: 2, systems: ['http://www.nlm.nih.gov/research/umls/rxnorm', 'https://example.org/CodeSystem/local'] }).map((medicationCodeableConcept) => ({ medicationCodeableConcept })) },
    { weight: 1, arbitrary: reference({ types: ['Medication'] }).map((medicationReference) => ({ medicationReference })) },
  )
  const assembled = fc
    .tuple(resourceBase(withText), details, medication)
    .map(([base, det, med]) => assemble<MedicationRequest>('MedicationRequest', base, det, med))
  return varyKeyOrder(withPrimitiveExtension(assembled, ['authoredOn', 'status'], withExtensions))
}

export { medicationRequest }
