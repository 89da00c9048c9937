/**
 * Arbitrary FHIR `Condition`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Condition } from '../../lens/fhir/types.js'
import { codeableConcept } from './codeableConcept.js'
import { withPrimitiveExtension } from './element.js'
import { extensionList } from './extension.js'
import { identifierList } from './identifier.js'
import { reference } from './reference.js'
import { conceptFrom } from './_internal/clinical.js'
import { count, constraintsObject, fhirDate, fhirDateTime, flag, phrase, record, varyKeyOrder } from './_internal/helpers.js'
import { annotation, assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link condition}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface ConditionConstraints {
  /** Most identifiers (unique by `system|value`). @defaultValue 2 */
  readonly maxIdentifiers?: number | undefined
  /** Sometimes add extensions and primitive extensions (`_onsetDateTime`, `_recordedDate`). @defaultValue true */
  readonly withExtensions?: boolean | undefined
  /** Sometimes add a narrative `text`. @defaultValue true */
  readonly withText?: boolean | undefined
}

const clinicalStatus = conceptFrom('http://terminology.hl7.org/CodeSystem/condition-clinical', ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'])
const verificationStatus = conceptFrom('http://terminology.hl7.org/CodeSystem/condition-ver-status', ['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted'])
const category = conceptFrom('http://terminology.hl7.org/CodeSystem/condition-category', ['problem-list-item', 'encounter-diagnosis'])
const severity = conceptFrom('http://snomed.info/sct', ['24484000', '6736007', '255604002'])

/**
 * Generates a synthetic FHIR R4 `Condition`: always `resourceType`, `clinicalStatus` and `subject`;
 * usually a `code`; sometimes `verificationStatus`, `category`, `severity`, `bodySite`, `onset[x]`,
 * `abatementDateTime` (only with an inactive, resolved or remission `clinicalStatus`: FHIR's con-4),
 * `recordedDate`, `recorder`, `note`, identifiers and extensions.
 *
 * **When to use** — as the `source` of {@link checkLaws} for lenses over problem lists.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.condition(), 1)
 * // Output: [{ resourceType: 'Condition', clinicalStatus: { coding: [...] }, subject: { reference: 'Patient/7' }, code: { text: 'Belor' } }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function condition(constraints?: ConditionConstraints): fc.Arbitrary<Condition> {
  const api = 'arbitraries.condition'
  const c = constraintsObject(api, constraints)
  const maxIdentifiers = count(api, 'maxIdentifiers', c.maxIdentifiers, 2)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const withText = flag(api, 'withText', c.withText, true)
  const details = record<Condition>(
    {
      identifier: maxIdentifiers > 0 ? identifierList(maxIdentifiers, { withExtensions }) : undefined,
      clinicalStatus,
      verificationStatus,
      category: fc.array(category, { minLength: 1, maxLength: 1 }),
      severity,
      code: codeableConcept({ systems: ['http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10', 'https://example.org/CodeSystem/local'] }),
      bodySite: fc.array(codeableConcept({ maxCodings: 1 }), { minLength: 1, maxLength: 1 }),
      subject: reference({ types: ['Patient'] }),
      abatementDateTime: fhirDateTime,
      recordedDate: fhirDate,
      recorder: reference({ types: ['Practitioner'] }),
      note: fc.array(annotation, { minLength: 1, maxLength: 2 }),
      extension: withExtensions ? extensionList(1, 2, 2) : undefined,
    },
    ['clinicalStatus', 'subject', 'code'],
    ['identifier', 'severity', 'bodySite', 'abatementDateTime', 'recorder', 'note', 'extension'],
  )
  const onset = fc.oneof(
    fhirDateTime.map((onsetDateTime) => ({ onsetDateTime })),
    phrase.map((onsetString) => ({ onsetString })),
    fc.constant({}),
  )
  const assembled = fc
    .tuple(resourceBase(withText), details, onset)
    .map(([base, det, on]) => assemble<Condition>('Condition', base, withAbatementRule(det), on))
  return varyKeyOrder(withPrimitiveExtension(assembled, ['onsetDateTime', 'recordedDate'], withExtensions, true))
}

/** FHIR's con-4: an `abatementDateTime` only on an inactive, resolved or in-remission condition. */
function withAbatementRule(details: Partial<Condition>): Partial<Condition> {
  if (details.abatementDateTime === undefined) return details
  if (details.clinicalStatus?.coding?.some((c) => c.code === 'inactive' || c.code === 'resolved' || c.code === 'remission') === true) return details
  const { abatementDateTime: _dropped, ...rest } = details
  return rest
}

export { condition }
