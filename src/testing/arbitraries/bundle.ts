/**
 * Arbitrary FHIR `Bundle`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { AllergyIntolerance, AnyResource, Bundle, Condition, MedicationRequest, Observation } from '../../lens/fhir/types.js'
import { allergyIntolerance } from './allergyIntolerance.js'
import { condition } from './condition.js'
import { medicationRequest } from './medicationRequest.js'
import { observation } from './observation.js'
import { patient } from './patient.js'
import { count, constraintsObject, fhirInstant, flag, varyKeyOrder } from './_internal/helpers.js'
import { resourceBase } from './_internal/resource.js'
import { InvalidConstraintsError } from '../errors.js'

/**
 * Constraints of {@link bundle}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface BundleConstraints {
  /** Most entries (at least one is a Patient when there are any). @defaultValue 6 */
  readonly maxEntries?: number | undefined
  /** Bundle types to generate. @defaultValue `['collection', 'transaction']` */
  readonly types?: readonly ('collection' | 'transaction')[] | undefined
  /**
   * Point the clinical entries' `subject` (`patient` for AllergyIntolerance) at a Patient entry's
   * `fullUrl`. @defaultValue true
   */
  readonly withReferences?: boolean | undefined
  /** Sometimes add extensions to the resources (see {@link patient}). @defaultValue true */
  readonly withExtensions?: boolean | undefined
}

type Clinical = Observation | Condition | MedicationRequest | AllergyIntolerance

/**
 * Generates a synthetic FHIR R4 `Bundle` of type `collection` or `transaction` holding Patients,
 * Observations, Conditions, MedicationRequests and AllergyIntolerances.
 *
 * **When to use** — to test the Bundle `entry` preset (keyed by `resource.id` or `fullUrl`) and
 * lenses over whole bundles.
 *
 * **Details**
 * - Every entry has a `resource` with an `id` and a `fullUrl` `urn:uuid:<id>`; ids (and so fullUrls)
 *   are unique within the bundle.
 * - With `withReferences`, clinical entries reference a Patient entry of the same bundle by its
 *   `fullUrl` (`subject.reference` / `patient.reference` = `urn:uuid:…`).
 * - `transaction` entries carry a `request` (`PUT Type/id` or `POST Type`).
 * - The bundle itself sometimes has an `id`, `meta` and `timestamp`; with `maxEntries: 0` it has no
 *   `entry` (never `entry: []`).
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.bundle({ maxEntries: 2, types: ['collection'] }), 1)
 * // Output: [{ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:…', resource: { resourceType: 'Patient', id: '…' } }, …] }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function bundle(constraints?: BundleConstraints): fc.Arbitrary<Bundle> {
  const settings = bundleSettings(constraints)
  const { withExtensions } = settings
  const clinical: fc.Arbitrary<Clinical> = fc.oneof(
    observation({ withExtensions, withText: false }),
    condition({ withExtensions, withText: false }),
    medicationRequest({ withExtensions, withText: false }),
    allergyIntolerance({ withExtensions, withText: false }),
  )
  const patients = patient({ withExtensions, withText: false, maxNames: 1, maxAddresses: 1 })
  const entries = bundleEntries<AnyResource>(settings, patients, clinical, link)
  return varyKeyOrder(
    fc
      .tuple(resourceBase(false), fc.constantFrom(...settings.types), fc.option(fhirInstant, { nil: undefined }), entries)
      .map(([base, type, timestamp, entry]) => {
        const out: Bundle = { resourceType: 'Bundle', ...base, type }
        if (timestamp !== undefined) out.timestamp = timestamp
        if (entry !== undefined) {
          out.entry = type === 'transaction' ? entry : entry.map(({ request: _r, ...e }) => e)
        }
        return out
      }),
  )
}

/** The checked constraints of {@link bundle}, defaults applied. @internal */
export interface BundleSettings {
  readonly maxEntries: number
  readonly withReferences: boolean
  readonly withExtensions: boolean
  readonly types: readonly ('collection' | 'transaction')[]
}

/** Checks the constraints of {@link bundle} (throwing {@link InvalidConstraintsError}) and applies the defaults. @internal */
export function bundleSettings(constraints: BundleConstraints | undefined): BundleSettings {
  const api = 'arbitraries.bundle'
  const c = constraintsObject(api, constraints)
  const maxEntries = count(api, 'maxEntries', c.maxEntries, 6)
  const withReferences = flag(api, 'withReferences', c.withReferences, true)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  const types = c.types ?? ['collection', 'transaction']
  if (!Array.isArray(types) || types.length === 0 || types.some((t) => t !== 'collection' && t !== 'transaction'))
    throw new InvalidConstraintsError({ api, constraint: 'types', message: "must be a non-empty array of 'collection' and 'transaction'", value: types })
  return { maxEntries, withReferences, withExtensions, types }
}

/** A generated bundle entry: a `urn:uuid:` `fullUrl`, the resource, and a `request` (kept only in transactions). @internal */
export interface GeneratedEntry<R> {
  readonly fullUrl: string
  readonly resource: R
  readonly request?: { readonly method: 'POST' | 'PUT'; readonly url: string }
}

/**
 * The entries of a bundle (or `undefined` with `maxEntries: 0`): at least one Patient, then clinical
 * resources, each with a fresh unique `id`; with `withReferences`, `link` points a clinical resource
 * at a Patient entry's `fullUrl`. Entry order is sometimes reversed.
 *
 * @internal
 */
export function bundleEntries<R extends { readonly resourceType: string; readonly id?: string | undefined }>(
  settings: BundleSettings,
  patients: fc.Arbitrary<R>,
  clinical: fc.Arbitrary<R>,
  link: (resource: R, patientUrl: string) => R,
): fc.Arbitrary<GeneratedEntry<R>[] | undefined> {
  const { maxEntries, withReferences } = settings
  if (maxEntries === 0) return fc.constant(undefined)
  const maxPatients = Math.max(1, Math.floor(maxEntries / 3))
  return fc
    .record({
      patients: fc.array(patients, { minLength: 1, maxLength: maxPatients }),
      others: fc.array(clinical, { maxLength: maxEntries - 1 }),
      ids: fc.uniqueArray(fc.uuid(), { minLength: maxEntries, maxLength: maxEntries }),
      links: fc.array(fc.nat(), { minLength: maxEntries, maxLength: maxEntries }),
      reversed: fc.boolean(),
    })
    .map(({ patients, others, ids, links, reversed }) => {
      const list = [...patients, ...others].slice(0, maxEntries).map((resource, i): R => ({ ...resource, id: ids[i]! }))
      const patientUrls = list.filter((r) => r.resourceType === 'Patient').map((r) => `urn:uuid:${r.id}`)
      const linked = list.map((r, i) => (withReferences ? link(r, patientUrls[links[i]! % patientUrls.length]!) : r))
      const built = linked.map((resource, i): GeneratedEntry<R> => ({ fullUrl: `urn:uuid:${resource.id}`, resource, request: requestFor(resource, links[i]!) }))
      return reversed ? built.reverse() : built
    })
}

function requestFor(resource: { readonly resourceType: string; readonly id?: string | undefined }, n: number): NonNullable<GeneratedEntry<unknown>['request']> {
  return n % 3 === 0 ? { method: 'POST', url: resource.resourceType } : { method: 'PUT', url: `${resource.resourceType}/${resource.id}` }
}

// Points a clinical resource's patient reference at a Patient entry of the bundle.
function link(resource: AnyResource, patientUrl: string): AnyResource {
  switch (resource.resourceType) {
    case 'Observation':
    case 'Condition':
    case 'MedicationRequest':
      return { ...resource, subject: { reference: patientUrl } }
    case 'AllergyIntolerance':
      return { ...resource, patient: { reference: patientUrl } }
    default:
      return resource
  }
}

export { bundle }
