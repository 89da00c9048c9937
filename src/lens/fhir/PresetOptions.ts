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
