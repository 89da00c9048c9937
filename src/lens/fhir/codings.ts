/**
 * The `coding` preset.
 *
 * @since 0.1.0
 */
import { id, type Lens } from '../Lens.js'
import { field, keyPart } from './_internal/keyPart.js'
import type { ItemOf, PresetFilter, PresetOptions } from './PresetOptions.js'
import { presetLens, presetStep } from './_internal/preset.js'
import type { Coding } from './types.js'

/**
 * The key of a coding: `system|code`, a missing part read as `''`.
 *
 * **Details** — never throws: a part that is not a string is read as its JSON text (see
 * {@link identifierKey}).
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function codingKey(coding: Coding): string {
  return `${keyPart(field(coding, 'system'))}|${keyPart(field(coding, 'code'))}`
}

/**
 * A `CodeableConcept`'s `coding` list (or `meta.security`/`meta.tag` after a `prop`), keyed by
 * `system|code`.
 *
 * **When to use** — to show or edit the codings of a concept (`Observation.code`,
 * `Condition.clinicalStatus`, …) by identity: a translation added by one peer and a display text
 * changed by another align by code.
 *
 * **Laws** — those of {@link keyed} with the identity item lens: GetPut, PutGet and CreateGet always
 * (views with distinct keys), PutPut when no `where`/`conceal` is given.
 *
 * **Details** — focuses `coding` (absent ↔ `[]`; a put leaving no coding removes the property).
 * Duplicate `system|code` pairs: `DuplicateKey` (source) / `AmbiguousKey` (view).
 *
 * Item types: with `where` alone (or no options) the view keeps the source's item type
 * (`fhir4.Coding[]` on a `fhir4.CodeableConcept` of `@types/fhir`); `create` and `conceal` build
 * items, so with them the item type is the type argument (`fhir.codings<fhir4.Coding>({ create })`).
 *
 * **Example** (the codings of an observation's code)
 * ```ts
 * import { fhir, id, pipe, prop } from 'lensync'
 * import type { Observation } from 'lensync'
 * const _codes = pipe(id<Observation>(), prop('code'), fhir.codings())
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function codings(
  options?: PresetFilter<Coding>,
): <S, O extends { readonly coding?: readonly Coding[] | undefined } | undefined>(self: Lens<S, O>) => Lens<S, ItemOf<O, 'coding'>[]>
export function codings<C extends Coding = Coding>(
  options?: PresetOptions<C>,
): <S, O extends { readonly coding?: readonly C[] | undefined } | undefined>(self: Lens<S, O>) => Lens<S, C[]>
export function codings(options?: PresetOptions<Coding>): (self: never) => unknown {
  return presetStep(presetLens('coding', codingKey, id<Coding>(), 'fhir.codings()', options))
}
