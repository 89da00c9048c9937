/**
 * The `extension` preset.
 *
 * @since 0.1.0
 */
import { id, type Lens } from '../Lens.js'
import { field } from './_internal/keyPart.js'
import type { ItemOf, PresetFilter, PresetOptions } from './PresetOptions.js'
import { presetLens, presetStep } from './_internal/preset.js'
import type { Extension } from './types.js'

/**
 * The key of an extension: its `url`.
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function extensionKey(extension: Extension): string {
  // A missing or non-string url reaches keyed's own check (InvalidLens), never a TypeError.
  return field(extension, 'url') as string
}

/**
 * An element's `extension` list, keyed by `url`.
 *
 * **When to use** — to show or edit extensions (race, ethnicity, birth sex, …) by identity.
 *
 * **Laws** — those of {@link keyed} with the identity item lens: GetPut, PutGet and CreateGet always
 * (views with distinct urls), PutPut when no `where`/`conceal` is given.
 *
 * **Details**
 * - Focuses `extension` (absent ↔ `[]`; a put leaving none removes the property).
 * - FHIR allows an extension url to repeat; such a source is `DuplicateKey` on any put that changes
 *   the list. Use {@link keyed} with your own key (e.g. url plus value) for those.
 * - Item types: with `where` alone (or no options) the view keeps the source's item type
 *   (`fhir4.Extension[]` on a `fhir4.Patient` of `@types/fhir`); `create` and `conceal` build items,
 *   so with them the item type is the type argument (`fhir.extensions<fhir4.Extension>({ create })`).
 *
 * **Example** (hide every extension but birth sex)
 * ```ts
 * import { fhir, id, pipe } from 'lensync'
 * import type { Patient } from 'lensync'
 * const _birthSex = pipe(id<Patient>(), fhir.extensions({
 *   where: (e) => e.url === 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
 * }))
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function extensions(
  options?: PresetFilter<Extension>,
): <S, O extends { readonly extension?: readonly Extension[] | undefined } | undefined>(self: Lens<S, O>) => Lens<S, ItemOf<O, 'extension'>[]>
export function extensions<E extends Extension = Extension>(
  options?: PresetOptions<E>,
): <S, O extends { readonly extension?: readonly E[] | undefined } | undefined>(self: Lens<S, O>) => Lens<S, E[]>
export function extensions(options?: PresetOptions<Extension>): (self: never) => unknown {
  return presetStep(presetLens('extension', extensionKey, id<Extension>(), 'fhir.extensions()', options))
}
