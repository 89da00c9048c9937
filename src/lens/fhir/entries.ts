/**
 * The Bundle `entry` preset.
 *
 * @since 0.1.0
 */
import { id, type Lens } from '../Lens.js'
import { field, keyPart } from './_internal/keyPart.js'
import type { ItemOf, PresetFilter, PresetOptions } from './PresetOptions.js'
import { presetLens, presetStep } from './_internal/preset.js'
import type { AnyResource, BundleEntry, Resource } from './types.js'

/**
 * The key of a bundle entry: its `fullUrl`, else `resourceType/id` of its resource, else
 * `undefined` (an entry without identity, aligned by position).
 *
 * **Details**
 * - FHIR identifies an entry by its `fullUrl`: a bundle may hold `Observation/14` from two servers,
 *   two entries with two `fullUrl`s. Without one, the resource type is part of the key because ids
 *   are unique per type only (a bundle may hold `Patient/1` and `Observation/1`).
 * - Never throws: a part that is not a string is read as its JSON text (see {@link identifierKey}).
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function entryKey(entry: BundleEntry<Resource>): string | undefined {
  const fullUrl = field(entry, 'fullUrl')
  if (fullUrl !== undefined && fullUrl !== null) return keyPart(fullUrl)
  const r = field(entry, 'resource')
  const rid = field(r, 'id')
  if (rid !== undefined && rid !== null) return `${keyPart(field(r, 'resourceType'))}/${keyPart(rid)}`
  return undefined
}
/**
 * A Bundle's `entry` list, keyed by the entry's `fullUrl` (or its resource's `resourceType/id`).
 *
 * **When to use** — for a bundle view that adds, drops or reorders entries: each entry aligns with
 * its resource, whatever its position.
 *
 * **Laws** — those of {@link keyed} with the identity item lens: GetPut, PutGet and CreateGet always
 * (views with distinct keys), PutPut when no `where`/`conceal` is given.
 *
 * **Details**
 * - Focuses `entry` (absent ↔ `[]`; a put leaving none removes it).
 * - Entries with neither a `fullUrl` nor a resource id are unkeyed: they align by position among
 *   the unkeyed entries (the first with the first, …), never as duplicates of one another.
 * - Compose with `where` to show only some resource types, e.g. `(e) => e.resource?.resourceType === 'Observation'`.
 * - Item types: with `where` alone (or no options) the view keeps the source's entry type
 *   (`fhir4.BundleEntry[]` on a `fhir4.Bundle` of `@types/fhir`, `fhir4.BundleEntry<fhir4.Observation>[]`
 *   on a `fhir4.Bundle<fhir4.Observation>`); with a resource type argument, or with `create` or
 *   `conceal` (which build entries), the entries are lensync's `BundleEntry<R>`.
 *
 * **Example** (only the observations of a bundle)
 * ```ts
 * import { fhir, id, pipe } from 'lensync'
 * import type { Bundle } from 'lensync'
 * const _observations = pipe(id<Bundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' }))
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function entries(
  options?: PresetFilter<BundleEntry<Resource>>,
): <S, O extends { readonly entry?: readonly BundleEntry<Resource>[] | undefined }>(self: Lens<S, O>) => Lens<S, ItemOf<O, 'entry'>[]>
export function entries<R extends Resource = AnyResource>(
  options?: PresetOptions<BundleEntry<R>>,
): <S, O extends { readonly entry?: readonly BundleEntry<R>[] | undefined }>(self: Lens<S, O>) => Lens<S, BundleEntry<R>[]>
export function entries(options?: PresetOptions<BundleEntry<Resource>>): (self: never) => unknown {
  return presetStep(presetLens('entry', entryKey, id<BundleEntry<Resource>>(), 'fhir.entries()', { ...options, unkeyed: 'positional' }))
}
