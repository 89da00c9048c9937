/**
 * fast-check arbitraries for the FHIR R4 data types, typed with `@types/fhir` (`fhir4`).
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import { addressWith, type AddressConstraints } from '../arbitraries/address.js'
import { codeableConcept as baseCodeableConcept, type CodeableConceptConstraints } from '../arbitraries/codeableConcept.js'
import { coding as baseCoding, type CodingConstraints } from '../arbitraries/coding.js'
import { contactPoint as baseContactPoint, type ContactPointConstraints } from '../arbitraries/contactPoint.js'
import { element as baseElement, type ElementConstraints } from '../arbitraries/element.js'
import { extension as baseExtension, type ExtensionConstraints } from '../arbitraries/extension.js'
import { humanNameWith, type HumanNameConstraints } from '../arbitraries/humanName.js'
import { identifier as baseIdentifier, type IdentifierConstraints } from '../arbitraries/identifier.js'
import { meta as baseMeta } from '../arbitraries/meta.js'
import { period as basePeriod } from '../arbitraries/period.js'
import { quantity as baseQuantity, type QuantityConstraints } from '../arbitraries/quantity.js'
import { reference as baseReference, type ReferenceConstraints } from '../arbitraries/reference.js'
import { holeless } from './_internal/narrow.js'

/**
 * Generates a FHIR `Address` typed `fhir4.Address`: as `arbitraries.address` of `lensync/testing`,
 * except that a `_line` parallel array has an element in every slot (never a `null` hole).
 *
 * **Details** — `fhir4` types `_line` as `Element[]`; FHIR JSON also allows `null` where a line has no
 * extension, which `lensync/testing` generates and this builder does not.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * const [address] = fc.sample(arbitraries.address(), 1) // address: fhir4.Address
 * // Output: { city: 'Belor', line: ['12 Norvel Lane'], _line: [{ id: 'a1' }] }
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function address(constraints?: AddressConstraints): fc.Arbitrary<fhir4.Address> {
  return addressWith(constraints, false).map((sample) => holeless('arbitraries.address', sample))
}

/**
 * Generates a FHIR `CodeableConcept` typed `fhir4.CodeableConcept`: as `arbitraries.codeableConcept`
 * of `lensync/testing`.
 *
 * **Details** — codings unique by `system|code`; codings, text, or both.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.codeableConcept({ requireCoding: true }), 1)
 * // Output: [{ coding: [{ system: 'http://loinc.org', code: '8310-5' }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function codeableConcept(constraints?: CodeableConceptConstraints): fc.Arbitrary<fhir4.CodeableConcept> {
  return baseCodeableConcept(constraints).map((sample) => holeless('arbitraries.codeableConcept', sample))
}

/**
 * Generates a FHIR `Coding` typed `fhir4.Coding`: as `arbitraries.coding` of `lensync/testing`.
 *
 * **Details** — `system` and `code` always, codes in the shape of their system.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.coding({ systems: ['http://loinc.org'] }), 1)
 * // Output: [{ system: 'http://loinc.org', code: '2345-7' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function coding(constraints?: CodingConstraints): fc.Arbitrary<fhir4.Coding> {
  return baseCoding(constraints).map((sample) => holeless('arbitraries.coding', sample))
}

/**
 * Generates a FHIR `ContactPoint` typed `fhir4.ContactPoint`: as `arbitraries.contactPoint` of
 * `lensync/testing`.
 *
 * **Details** — a phone, SMS or e-mail `system` with its `value`, sometimes a `_value` extension.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.contactPoint(), 1)
 * // Output: [{ system: 'email', value: 'ka.lor@example.org', use: 'work' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function contactPoint(constraints?: ContactPointConstraints): fc.Arbitrary<fhir4.ContactPoint> {
  return baseContactPoint(constraints).map((sample) => holeless('arbitraries.contactPoint', sample))
}

/**
 * Generates the `Element` that carries a primitive's extensions, typed `fhir4.Element`: as
 * `arbitraries.element` of `lensync/testing`.
 *
 * **Details** — never empty: an `id`, a non-empty `extension` list (unique by `url`), or both.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.element(), 1)
 * // Output: [{ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function element(constraints?: ElementConstraints): fc.Arbitrary<fhir4.Element> {
  return baseElement(constraints).map((sample) => holeless('arbitraries.element', sample))
}

/**
 * Generates a FHIR `Extension` typed `fhir4.Extension`: as `arbitraries.extension` of
 * `lensync/testing`.
 *
 * **Details** — a `url` with one `value[x]`, or nested sub-extensions unique by `url`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.extension({ maxDepth: 0 }), 1)
 * // Output: [{ url: 'https://example.org/fhir/StructureDefinition/belor', valueBoolean: true }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function extension(constraints?: ExtensionConstraints): fc.Arbitrary<fhir4.Extension> {
  return baseExtension(constraints).map((sample) => holeless('arbitraries.extension', sample))
}

/**
 * Generates a FHIR `HumanName` typed `fhir4.HumanName`: as `arbitraries.humanName` of
 * `lensync/testing`, except that `_given`/`_prefix` parallel arrays have an element in every slot
 * (never a `null` hole).
 *
 * **Details** — `fhir4` types `_given` as `Element[]`; FHIR JSON also allows `null` where a name part
 * has no extension, which `lensync/testing` generates and this builder does not.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.humanName(), 1)
 * // Output: [{ family: 'Norvel', given: ['Ana', 'Corlis'], _given: [{ id: 'g1' }, { extension: [...] }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function humanName(constraints?: HumanNameConstraints): fc.Arbitrary<fhir4.HumanName> {
  return humanNameWith(constraints, false).map((sample) => holeless('arbitraries.humanName', sample))
}

/**
 * Generates a FHIR `Identifier` typed `fhir4.Identifier`: as `arbitraries.identifier` of
 * `lensync/testing`.
 *
 * **Details** — always a `value`, mostly a `system`, sometimes `use`, `type`, `period`, `assigner`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.identifier({ withoutSystem: false }), 1)
 * // Output: [{ system: 'https://example.org/fhir/sid/mrn', value: '40213' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function identifier(constraints?: IdentifierConstraints): fc.Arbitrary<fhir4.Identifier> {
  return baseIdentifier(constraints).map((sample) => holeless('arbitraries.identifier', sample))
}

/**
 * Generates a FHIR `Meta` typed `fhir4.Meta`: as `arbitraries.meta` of `lensync/testing`.
 *
 * **Details** — never empty: `versionId`, `lastUpdated`, `profile`, `tag` or `security`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.meta(), 1)
 * // Output: [{ versionId: '3', lastUpdated: '2021-04-02T10:11:12Z' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function meta(): fc.Arbitrary<fhir4.Meta> {
  return baseMeta().map((sample) => holeless('arbitraries.meta', sample))
}

/**
 * Generates a FHIR `Period` typed `fhir4.Period`: as `arbitraries.period` of `lensync/testing`.
 *
 * **Details** — `start`, `end`, or both with `start <= end`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.period(), 1)
 * // Output: [{ start: '2019-03-01', end: '2020-01-15T08:00:00Z' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function period(): fc.Arbitrary<fhir4.Period> {
  return basePeriod().map((sample) => holeless('arbitraries.period', sample))
}

/**
 * Generates a FHIR `Quantity` typed `fhir4.Quantity`: as `arbitraries.quantity` of `lensync/testing`.
 *
 * **Details** — a decimal `value` between `min` and `max`, sometimes a UCUM unit and a `comparator`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.quantity({ min: 35, max: 42, withComparator: false }), 1)
 * // Output: [{ value: 37.2, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function quantity(constraints?: QuantityConstraints): fc.Arbitrary<fhir4.Quantity> {
  return baseQuantity(constraints).map((sample) => holeless('arbitraries.quantity', sample))
}

/**
 * Generates a FHIR `Reference` typed `fhir4.Reference`: as `arbitraries.reference` of
 * `lensync/testing`.
 *
 * **Details** — a `Type/id` reference to one of `types`, sometimes with `display` or `type`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.reference({ types: ['Patient'] }), 1)
 * // Output: [{ reference: 'Patient/p-17' }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function reference(constraints?: ReferenceConstraints): fc.Arbitrary<fhir4.Reference> {
  return baseReference(constraints).map((sample) => holeless('arbitraries.reference', sample))
}
