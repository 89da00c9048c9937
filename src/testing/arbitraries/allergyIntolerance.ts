/**
 * Arbitrary FHIR `AllergyIntolerance`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { AllergyIntolerance, AllergyIntoleranceReaction } from '../../lens/fhir/types.js'
import { codeableConcept } from './codeableConcept.js'
import { withParallelExtensions, withPrimitiveExtension } from './element.js'
import { extensionList } from './extension.js'
import { identifierList } from './identifier.js'
import { reference } from './reference.js'
import { conceptFrom } from './_internal/clinical.js'
import { count, constraintsObject, fhirDate, fhirDateTime, flag, freeText, record, varyKeyOrder } from './_internal/helpers.js'
import { annotation, assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link allergyIntolerance}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface AllergyIntoleranceConstraints {
  /** Most `reaction`s (each with a non-empty `manifestation`). @defaultValue 2 */
  readonly maxReactions?: number | undefined
  /** Most identifiers (unique by `system|value`). @defaultValue 2 */
  readonly maxIdentifiers?: number | undefined
  /** Sometimes add extensions and primitive extensions (`_criticality`, `_category` parallel arrays). @defaultValue true */
  readonly withExtensions?: boolean | undefined
  /** Sometimes add a narrative `text`. @defaultValue true */
  readonly withText?: boolean | undefined
}

const clinicalStatus = conceptFrom('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', ['active', 'inactive', 'resolved'])
const verificationStatus = conceptFrom('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'])

const reaction: fc.Arbitrary<AllergyIntoleranceReaction> = varyKeyOrder(
  record<AllergyIntoleranceReaction>(
    {
      substance: codeableConcept({ maxCodings: 1 }),
      manifestation: fc.array(codeableConcept({ maxCodings: 1, systems: ['http://snomed.info/sct'] }), { minLength: 1, maxLength: 2 }),
      description: freeText,
      onset: fhirDateTime,
      severity: fc.constantFrom('mild', 'moderate', 'severe'),
    },
    ['manifestation'],
    ['substance', 'onset'],
  ),
)

/**
 * Generates a synthetic FHIR R4 `AllergyIntolerance`: always `resourceType` and `patient`; a
 * `clinicalStatus` unless the `verificationStatus` is `entered-in-error`, and then none (FHIR's ait-1
 * and ait-2); usually a `verificationStatus` and a `code`; sometimes `type`, a `category` array of unique
 * codes (with a `_category` parallel array), `criticality`, `recordedDate`, `reaction`s, `note`,
 * identifiers and extensions.
 *
 * **When to use** — as the `source` of {@link checkLaws} for lenses over allergy lists.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.allergyIntolerance(), 1)
 * // Output: [{ resourceType: 'AllergyIntolerance', patient: { reference: 'Patient/3' }, category: ['food'], criticality: 'high' }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function allergyIntolerance(constraints?: AllergyIntoleranceConstraints): fc.Arbitrary<AllergyIntolerance> {
  return allergyIntoleranceWith(constraints, true)
}

/**
 * FHIR's ait-1 and ait-2: a `clinicalStatus` (`status` when none was drawn) unless the record was
 * entered in error, and then none.
 */
function withStatusRule(details: Partial<AllergyIntolerance>, status: AllergyIntolerance['clinicalStatus']): Partial<AllergyIntolerance> {
  const { clinicalStatus, ...rest } = details
  if (rest.verificationStatus?.coding?.some((c) => c.code === 'entered-in-error') === true) return rest
  return { ...rest, clinicalStatus: clinicalStatus ?? status }
}

/**
 * {@link allergyIntolerance}, with or without `null` holes in the `_category` parallel arrays.
 *
 * @internal
 */
export function allergyIntoleranceWith(constraints: AllergyIntoleranceConstraints | undefined, holes: boolean): fc.Arbitrary<AllergyIntolerance> {
  const api = 'arbitraries.allergyIntolerance'
  const c = constraintsObject(api, constraints)
  const maxReactions = count(api, 'maxReactions', c.maxReactions, 2)
  const maxIdentifiers = count(api, 'maxIdentifiers', c.maxIdentifiers, 2)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const withText = flag(api, 'withText', c.withText, true)
  const details = record<AllergyIntolerance>(
    {
      identifier: maxIdentifiers > 0 ? identifierList(maxIdentifiers, { withExtensions }) : undefined,
      clinicalStatus,
      verificationStatus,
      type: fc.constantFrom('allergy', 'intolerance'),
      category: fc.uniqueArray(fc.constantFrom('food', 'medication', 'environment', 'biologic'), { minLength: 1, maxLength: 2 }),
      criticality: fc.constantFrom('low', 'high', 'unable-to-assess'),
      code: codeableConcept({ systems: ['http://snomed.info/sct', 'http://www.nlm.nih.gov/research/umls/rxnorm'] }),
      patient: reference({ types: ['Patient'] }),
      recordedDate: fhirDate,
      reaction: maxReactions > 0 ? fc.array(reaction, { minLength: 1, maxLength: maxReactions }) : undefined,
      note: fc.array(annotation, { minLength: 1, maxLength: 1 }),
      extension: withExtensions ? extensionList(1, 2, 2) : undefined,
    },
    ['patient'],
    ['identifier', 'note', 'extension'],
  )
  const assembled = fc
    .tuple(resourceBase(withText), details, clinicalStatus)
    .map(([base, det, status]) => assemble<AllergyIntolerance>('AllergyIntolerance', base, withStatusRule(det, status)))
  return varyKeyOrder(
    withParallelExtensions(withPrimitiveExtension(assembled, ['criticality', 'type', 'recordedDate'], withExtensions), ['category'], withExtensions, holes),
  )
}

export { allergyIntolerance }
