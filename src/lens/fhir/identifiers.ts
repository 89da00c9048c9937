/**
 * The `identifier` preset.
 *
 * @since 0.1.0
 */
import { id, type Lens } from '../Lens.js'
import { field, keyPart } from './_internal/keyPart.js'
import type { ItemOf, PresetFilter, PresetOptions } from './PresetOptions.js'
import { presetLens, presetStep } from './_internal/preset.js'
import type { Identifier } from './types.js'

/**
 * The key of an identifier: `system|value`, a missing part read as `''` (some identifiers have no
 * system; `system` alone is not unique).
 *
 * **Details** — never throws: a part that is not a string (malformed data, e.g. an object without
 * a prototype from a generator) is read as its JSON text, so a bad item reaches the keyed lens's
 * checks (`DuplicateKey`, `AmbiguousKey`) instead of failing with a `TypeError`.
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function identifierKey(identifier: Identifier): string {
  return `${keyPart(field(identifier, 'system'))}|${keyPart(field(identifier, 'value'))}`
}

/**
 * A resource's `identifier` list, keyed by `system|value`.
 *
 * **When to use** — for any view that shows or edits identifiers (`Patient`, `Observation`, …):
 * reordering, adding and removing identifiers then follows identity, not position.
 *
 * **Laws** — those of {@link keyed} with the identity item lens: GetPut and PutGet always (for views
 * with distinct keys whose items pass `where`), CreateGet always, PutPut when no `where`/`conceal`
 * is given (every item is shown and the item lens hides nothing; with `where`, see `keyed`).
 *
 * **Details**
 * - Focuses the `identifier` property: absent reads as `[]`; a put that leaves no item removes the
 *   property (FHIR forbids `[]`).
 * - Two identifiers with the same `system|value` in the source are `DuplicateKey` on put (unless the
 *   view is unchanged); in the view, `AmbiguousKey`.
 * - `create` builds `{ identifier: [...] }` (the resource's other fields, `resourceType` included,
 *   are not in this view; put into an existing resource instead).
 * - Item types: with `where` alone (or no options) the view keeps the source's item type
 *   (`fhir4.Identifier[]` on a `fhir4.Patient` of `@types/fhir`); `create` and `conceal` build items,
 *   so with them the item type is the type argument (`fhir.identifiers<fhir4.Identifier>({ create })`).
 *
 * **Example** (adding an identifier)
 * ```ts
 * import { fhir, id, pipe } from 'lensync'
 * import type { Patient } from 'lensync'
 * declare const patient: Patient
 * const _identifiers = pipe(id<Patient>(), fhir.identifiers())
 * _identifiers.put(patient, [..._identifiers.get(patient), { system: 'urn:oid:2.999.1.42', value: '7' }])
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function identifiers(
  options?: PresetFilter<Identifier>,
): <S, O extends { readonly identifier?: readonly Identifier[] | undefined }>(self: Lens<S, O>) => Lens<S, ItemOf<O, 'identifier'>[]>
export function identifiers<I extends Identifier = Identifier>(
  options?: PresetOptions<I>,
): <S, O extends { readonly identifier?: readonly I[] | undefined }>(self: Lens<S, O>) => Lens<S, I[]>
export function identifiers(options?: PresetOptions<Identifier>): (self: never) => unknown {
  return presetStep(presetLens('identifier', identifierKey, id<Identifier>(), 'fhir.identifiers()', options))
}
