/**
 * The options every FHIR list preset takes.
 *
 * @since 0.1.0
 */
/**
 * Options shared by the FHIR list presets (`fhir.identifiers`, `fhir.codings`, …).
 *
 * @category models
 * @since 0.1.0
 */
export interface PresetOptions<A> {
  /** Which items the view shows; the others stay hidden in place. @defaultValue all */
  readonly where?: ((item: A) => boolean) | undefined
  /** Builds a new source item from a view item. @defaultValue the view item itself */
  readonly create?: ((view: A) => A) | undefined
  /** Keeps an item the view dropped hidden (must return an item failing `where`), or `undefined` to delete. @defaultValue delete */
  readonly conceal?: ((item: A) => A | undefined) | undefined
}

/**
 * The options of a FHIR list preset that only filters (`where`, no `create`/`conceal`): with these,
 * the preset keeps the item type of the source it is applied to (a `fhir4.Identifier[]` for a
 * `fhir4.Patient` from `@types/fhir`), since it never builds an item itself.
 *
 * @category models
 * @since 0.1.0
 */
export interface PresetFilter<A> {
  /** Which items the view shows; the others stay hidden in place. @defaultValue all */
  readonly where?: ((item: A) => boolean) | undefined
  /** Not taken here: a preset that builds items needs their type (pass {@link PresetOptions}). */
  readonly create?: undefined
  /** Not taken here: a preset that builds items needs their type (pass {@link PresetOptions}). */
  readonly conceal?: undefined
}

/**
 * The item type of the list property `K` of `O` (`O` may be `undefined`): what a preset's view holds
 * when it keeps the source's own item type.
 *
 * **Example**
 * ```ts
 * import type * as fhir4 from 'fhir/r4'
 * import type { fhir } from 'lensync'
 * type T = fhir.ItemOf<fhir4.Patient, 'identifier'>
 * // T = fhir4.Identifier
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export type ItemOf<O, K extends string> = NonNullable<O> extends { readonly [P in K]?: readonly (infer A)[] | undefined } ? A : never
