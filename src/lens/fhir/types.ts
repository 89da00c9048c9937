/**
 * Minimal FHIR R4 types: the resources and data types lensync's presets, arbitraries and tests use.
 *
 * **Details**
 * - Structural only, and deliberately partial: every field is optional except `resourceType`; fields
 *   lensync never touches are left out. Use the official `@types/fhir` (or your own types) for full
 *   coverage — a lens is generic over its source type, so any compatible type works.
 * - Primitive extensions: a primitive field `x` may carry a sibling `_x?: Element`; an array of
 *   primitives `x` may carry a parallel `_x?: (Element | null)[]` of the same length (`null` where an
 *   item has no extension), as FHIR's JSON format defines.
 * - Choice types (`value[x]`) list the variants lensync generates; at most one is present.
 * - Decimals are plain JS numbers here: lensync keeps numbers as parsed.
 *
 * @since 0.1.0
 */

// ---------------------------------------------------------------------------------------------
// base types
// ---------------------------------------------------------------------------------------------

/**
 * Base of every FHIR element; also the shape of a primitive's `_x` sibling.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Element {
  id?: string
  extension?: Extension[]
}

/**
 * A complex element that may carry modifier extensions.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface BackboneElement extends Element {
  modifierExtension?: Extension[]
}

/**
 * An extension, keyed by `url` (one `value[x]`, or nested `extension`s).
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Extension extends Element {
  url: string
  valueString?: string
  _valueString?: Element
  valueCode?: string
  _valueCode?: Element
  valueBoolean?: boolean
  _valueBoolean?: Element
  valueInteger?: number
  _valueInteger?: Element
  valueDecimal?: number
  _valueDecimal?: Element
  valueDate?: string
  _valueDate?: Element
  valueDateTime?: string
  _valueDateTime?: Element
  valueUri?: string
  _valueUri?: Element
  valueCoding?: Coding
  valueCodeableConcept?: CodeableConcept
  valueQuantity?: Quantity
  valueReference?: Reference
  valueAddress?: Address
  valuePeriod?: Period
  valueIdentifier?: Identifier
}

/**
 * A code from a code system.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Coding extends Element {
  system?: string
  _system?: Element
  version?: string
  _version?: Element
  code?: string
  _code?: Element
  display?: string
  _display?: Element
  userSelected?: boolean
  _userSelected?: Element
}

/**
 * A concept: codings plus free text.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface CodeableConcept extends Element {
  coding?: Coding[]
  text?: string
  _text?: Element
}

/**
 * A time range.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Period extends Element {
  start?: string
  _start?: Element
  end?: string
  _end?: Element
}

/**
 * A measured amount.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Quantity extends Element {
  value?: number
  _value?: Element
  comparator?: '<' | '<=' | '>=' | '>'
  _comparator?: Element
  unit?: string
  _unit?: Element
  system?: string
  _system?: Element
  code?: string
  _code?: Element
}

/**
 * A ratio of two quantities.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Ratio extends Element {
  numerator?: Quantity
  denominator?: Quantity
}

/**
 * A low/high range of quantities.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Range extends Element {
  low?: Quantity
  high?: Quantity
}

/**
 * A reference to another resource (`Type/id`, `#contained`, `urn:uuid:…`).
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Reference extends Element {
  reference?: string
  _reference?: Element
  type?: string
  _type?: Element
  identifier?: Identifier
  display?: string
  _display?: Element
}

/**
 * A business identifier; `system` alone is not unique and may be absent (key by `system|value`).
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Identifier extends Element {
  use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old'
  _use?: Element
  type?: CodeableConcept
  system?: string
  _system?: Element
  value?: string
  _value?: Element
  period?: Period
  assigner?: Reference
}

/**
 * A person's name; `given` and `prefix`/`suffix` are primitive arrays with parallel `_` arrays.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface HumanName extends Element {
  use?: 'usual' | 'official' | 'temp' | 'nickname' | 'anonymous' | 'old' | 'maiden'
  _use?: Element
  text?: string
  _text?: Element
  family?: string
  _family?: Element
  given?: string[]
  _given?: (Element | null)[]
  prefix?: string[]
  _prefix?: (Element | null)[]
  suffix?: string[]
  _suffix?: (Element | null)[]
  period?: Period
}

/**
 * A phone number, e-mail address, …
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface ContactPoint extends Element {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other'
  _system?: Element
  value?: string
  _value?: Element
  use?: 'home' | 'work' | 'temp' | 'old' | 'mobile'
  _use?: Element
  rank?: number
  _rank?: Element
  period?: Period
}

/**
 * A postal address; `line` is a primitive array with a parallel `_line`.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Address extends Element {
  use?: 'home' | 'work' | 'temp' | 'old' | 'billing'
  _use?: Element
  type?: 'postal' | 'physical' | 'both'
  _type?: Element
  text?: string
  _text?: Element
  line?: string[]
  _line?: (Element | null)[]
  city?: string
  _city?: Element
  district?: string
  _district?: Element
  state?: string
  _state?: Element
  postalCode?: string
  _postalCode?: Element
  country?: string
  _country?: Element
  period?: Period
}

/**
 * A free-text note.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Annotation extends Element {
  authorString?: string
  authorReference?: Reference
  time?: string
  _time?: Element
  text?: string
  _text?: Element
}

/**
 * Resource metadata; `versionId` and `lastUpdated` are server-managed, `security` carries labels such
 * as `REDACTED`.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Meta extends Element {
  versionId?: string
  _versionId?: Element
  lastUpdated?: string
  _lastUpdated?: Element
  source?: string
  _source?: Element
  profile?: string[]
  _profile?: (Element | null)[]
  security?: Coding[]
  tag?: Coding[]
}

/**
 * Human-readable narrative.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Narrative extends Element {
  status?: 'generated' | 'extensions' | 'additional' | 'empty'
  div?: string
}

// ---------------------------------------------------------------------------------------------
// resources
// ---------------------------------------------------------------------------------------------

/**
 * Base of every resource: `resourceType` is always present; `id` is server-managed.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Resource {
  resourceType: string
  id?: string
  _id?: Element
  meta?: Meta
  implicitRules?: string
  _implicitRules?: Element
  language?: string
  _language?: Element
}

/**
 * A resource with narrative, contained resources and extensions.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface DomainResource extends Resource {
  text?: Narrative
  contained?: AnyResource[]
  extension?: Extension[]
  modifierExtension?: Extension[]
}

/**
 * A patient's contact party.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface PatientContact extends BackboneElement {
  relationship?: CodeableConcept[]
  name?: HumanName
  telecom?: ContactPoint[]
  address?: Address
  gender?: 'male' | 'female' | 'other' | 'unknown'
  _gender?: Element
}

/**
 * A patient's communication language.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface PatientCommunication extends BackboneElement {
  language: CodeableConcept
  preferred?: boolean
  _preferred?: Element
}

/**
 * Demographics of a person receiving care.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Patient extends DomainResource {
  resourceType: 'Patient'
  identifier?: Identifier[]
  active?: boolean
  _active?: Element
  name?: HumanName[]
  telecom?: ContactPoint[]
  gender?: 'male' | 'female' | 'other' | 'unknown'
  _gender?: Element
  birthDate?: string
  _birthDate?: Element
  deceasedBoolean?: boolean
  _deceasedBoolean?: Element
  deceasedDateTime?: string
  _deceasedDateTime?: Element
  address?: Address[]
  maritalStatus?: CodeableConcept
  multipleBirthBoolean?: boolean
  _multipleBirthBoolean?: Element
  multipleBirthInteger?: number
  _multipleBirthInteger?: Element
  contact?: PatientContact[]
  communication?: PatientCommunication[]
  generalPractitioner?: Reference[]
  managingOrganization?: Reference
}

/**
 * A reference range of an observation.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface ObservationReferenceRange extends BackboneElement {
  low?: Quantity
  high?: Quantity
  type?: CodeableConcept
  text?: string
  _text?: Element
}

/**
 * The result of an observation or of one of its components: one `value[x]` variant, or why it is
 * absent, and its interpretation.
 *
 * @category FHIR types
 * @since 0.2.0
 */
export interface ObservationValue {
  valueQuantity?: Quantity
  valueCodeableConcept?: CodeableConcept
  valueString?: string
  _valueString?: Element
  valueBoolean?: boolean
  _valueBoolean?: Element
  valueInteger?: number
  _valueInteger?: Element
  valueRange?: Range
  valueRatio?: Ratio
  valueDateTime?: string
  _valueDateTime?: Element
  valuePeriod?: Period
  dataAbsentReason?: CodeableConcept
  interpretation?: CodeableConcept[]
}

/**
 * A component of a multi-part observation (e.g. systolic/diastolic blood pressure).
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface ObservationComponent extends BackboneElement, ObservationValue {
  code: CodeableConcept
}

/**
 * A measurement or assertion about a patient; `value[x]` lists the usual variants.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Observation extends DomainResource, ObservationValue {
  resourceType: 'Observation'
  identifier?: Identifier[]
  status?: 'registered' | 'preliminary' | 'final' | 'amended' | 'corrected' | 'cancelled' | 'entered-in-error' | 'unknown'
  _status?: Element
  category?: CodeableConcept[]
  code?: CodeableConcept
  subject?: Reference
  encounter?: Reference
  effectiveDateTime?: string
  _effectiveDateTime?: Element
  effectivePeriod?: Period
  issued?: string
  _issued?: Element
  performer?: Reference[]
  note?: Annotation[]
  bodySite?: CodeableConcept
  method?: CodeableConcept
  referenceRange?: ObservationReferenceRange[]
  hasMember?: Reference[]
  derivedFrom?: Reference[]
  component?: ObservationComponent[]
}

/**
 * A problem, diagnosis or other clinical condition.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Condition extends DomainResource {
  resourceType: 'Condition'
  identifier?: Identifier[]
  clinicalStatus?: CodeableConcept
  verificationStatus?: CodeableConcept
  category?: CodeableConcept[]
  severity?: CodeableConcept
  code?: CodeableConcept
  bodySite?: CodeableConcept[]
  subject?: Reference
  encounter?: Reference
  onsetDateTime?: string
  _onsetDateTime?: Element
  onsetString?: string
  _onsetString?: Element
  abatementDateTime?: string
  _abatementDateTime?: Element
  recordedDate?: string
  _recordedDate?: Element
  recorder?: Reference
  asserter?: Reference
  note?: Annotation[]
}

/**
 * A dose amount and rate of a dosage.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface DosageDoseAndRate extends Element {
  type?: CodeableConcept
  doseRange?: Range
  doseQuantity?: Quantity
  rateRatio?: Ratio
  rateRange?: Range
  rateQuantity?: Quantity
}

/**
 * When and how often an event recurs (simplified).
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Timing extends BackboneElement {
  event?: string[]
  _event?: (Element | null)[]
  repeat?: {
    frequency?: number
    period?: number
    periodUnit?: 's' | 'min' | 'h' | 'd' | 'wk' | 'mo' | 'a'
    boundsPeriod?: Period
  }
  code?: CodeableConcept
}

/**
 * How a medication is (to be) taken.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Dosage extends BackboneElement {
  sequence?: number
  _sequence?: Element
  text?: string
  _text?: Element
  patientInstruction?: string
  _patientInstruction?: Element
  timing?: Timing
  asNeededBoolean?: boolean
  _asNeededBoolean?: Element
  route?: CodeableConcept
  method?: CodeableConcept
  doseAndRate?: DosageDoseAndRate[]
}

/**
 * An order for a medication.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface MedicationRequest extends DomainResource {
  resourceType: 'MedicationRequest'
  identifier?: Identifier[]
  status?: 'active' | 'on-hold' | 'cancelled' | 'completed' | 'entered-in-error' | 'stopped' | 'draft' | 'unknown'
  _status?: Element
  intent?: 'proposal' | 'plan' | 'order' | 'original-order' | 'reflex-order' | 'filler-order' | 'instance-order' | 'option'
  _intent?: Element
  medicationCodeableConcept?: CodeableConcept
  medicationReference?: Reference
  subject?: Reference
  encounter?: Reference
  authoredOn?: string
  _authoredOn?: Element
  requester?: Reference
  reasonCode?: CodeableConcept[]
  note?: Annotation[]
  dosageInstruction?: Dosage[]
}

/**
 * An allergy or intolerance reaction.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface AllergyIntoleranceReaction extends BackboneElement {
  substance?: CodeableConcept
  manifestation: CodeableConcept[]
  description?: string
  _description?: Element
  onset?: string
  _onset?: Element
  severity?: 'mild' | 'moderate' | 'severe'
  _severity?: Element
}

/**
 * A risk of a harmful reaction to a substance.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface AllergyIntolerance extends DomainResource {
  resourceType: 'AllergyIntolerance'
  identifier?: Identifier[]
  clinicalStatus?: CodeableConcept
  verificationStatus?: CodeableConcept
  type?: 'allergy' | 'intolerance'
  _type?: Element
  category?: ('food' | 'medication' | 'environment' | 'biologic')[]
  _category?: (Element | null)[]
  criticality?: 'low' | 'high' | 'unable-to-assess'
  _criticality?: Element
  code?: CodeableConcept
  patient?: Reference
  recordedDate?: string
  _recordedDate?: Element
  reaction?: AllergyIntoleranceReaction[]
  note?: Annotation[]
}

/**
 * An option of a choice question.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface QuestionnaireItemAnswerOption extends BackboneElement {
  valueCoding?: Coding
  valueString?: string
  _valueString?: Element
  valueInteger?: number
  _valueInteger?: Element
  initialSelected?: boolean
}

/**
 * A question or group of a questionnaire; `item` nests, keyed by `linkId`.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface QuestionnaireItem extends BackboneElement {
  linkId: string
  _linkId?: Element
  definition?: string
  code?: Coding[]
  prefix?: string
  text?: string
  _text?: Element
  type?: 'group' | 'display' | 'boolean' | 'decimal' | 'integer' | 'date' | 'dateTime' | 'time' | 'string' | 'text' | 'url' | 'choice' | 'open-choice' | 'attachment' | 'reference' | 'quantity'
  _type?: Element
  required?: boolean
  repeats?: boolean
  readOnly?: boolean
  answerOption?: QuestionnaireItemAnswerOption[]
  item?: QuestionnaireItem[]
}

/**
 * A structured set of questions.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Questionnaire extends DomainResource {
  resourceType: 'Questionnaire'
  url?: string
  identifier?: Identifier[]
  version?: string
  name?: string
  title?: string
  _title?: Element
  status?: 'draft' | 'active' | 'retired' | 'unknown'
  _status?: Element
  subjectType?: string[]
  item?: QuestionnaireItem[]
}

/**
 * An answer of a questionnaire response item; answers may nest items.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface QuestionnaireResponseItemAnswer extends BackboneElement {
  valueBoolean?: boolean
  valueDecimal?: number
  valueInteger?: number
  valueDate?: string
  valueDateTime?: string
  valueString?: string
  _valueString?: Element
  valueCoding?: Coding
  valueQuantity?: Quantity
  valueReference?: Reference
  item?: QuestionnaireResponseItem[]
}

/**
 * An answered question or group; `item` nests, keyed by `linkId`.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface QuestionnaireResponseItem extends BackboneElement {
  linkId: string
  _linkId?: Element
  definition?: string
  text?: string
  _text?: Element
  answer?: QuestionnaireResponseItemAnswer[]
  item?: QuestionnaireResponseItem[]
}

/**
 * Answers to a questionnaire.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface QuestionnaireResponse extends DomainResource {
  resourceType: 'QuestionnaireResponse'
  identifier?: Identifier
  questionnaire?: string
  status?: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped'
  _status?: Element
  subject?: Reference
  authored?: string
  _authored?: Element
  author?: Reference
  item?: QuestionnaireResponseItem[]
}

/**
 * The search/request/response parts of a bundle entry.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface BundleEntryRequest extends BackboneElement {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'
  url: string
  ifMatch?: string
  ifNoneExist?: string
}

/**
 * One entry of a bundle, keyed by `resource.id` (or `fullUrl`).
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface BundleEntry<R extends Resource = AnyResource> extends BackboneElement {
  fullUrl?: string
  _fullUrl?: Element
  resource?: R
  search?: { mode?: 'match' | 'include' | 'outcome'; score?: number }
  request?: BundleEntryRequest
  response?: { status: string; location?: string; etag?: string; lastModified?: string }
}

/**
 * A container of resources; entries reference each other by `fullUrl` or `Type/id`.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export interface Bundle<R extends Resource = AnyResource> extends Resource {
  resourceType: 'Bundle'
  identifier?: Identifier
  type?: 'document' | 'message' | 'transaction' | 'transaction-response' | 'batch' | 'batch-response' | 'history' | 'searchset' | 'collection'
  _type?: Element
  timestamp?: string
  _timestamp?: Element
  total?: number
  link?: { relation: string; url: string }[]
  entry?: BundleEntry<R>[]
}

/**
 * The resources lensync types, as a union discriminated by `resourceType`.
 *
 * @category FHIR types
 * @since 0.1.0
 */
export type AnyResource =
  | Patient
  | Observation
  | Condition
  | MedicationRequest
  | AllergyIntolerance
  | Questionnaire
  | QuestionnaireResponse
  | Bundle
