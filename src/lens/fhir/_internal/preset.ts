/**
 * Shared builder of the FHIR list presets: focus a property (absent ↔ `[]`) and key its items.
 *
 * @internal
 */
import { compose } from '../../compose.js'
import type { Lens } from '../../Lens.js'
import { type KeyedLens, keyedNode } from '../../keyed.js'
import { makePath } from '../../_internal/pathNode.js'

/**
 * Options shared by the FHIR list presets ({@link identifiers}, {@link codings}, …).
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

/** The lens of a preset: the property `key` of an object, as a keyed array of its items. */
export function presetLens<A>(
  key: string,
  keyOf: (item: A) => string,
  item: Lens<A, A>,
  step: string,
  options: PresetOptions<A> | undefined,
  node?: KeyedLens<A, A>,
): Lens<unknown, A[]> {
  const keyedLens =
    node ??
    keyedNode(keyOf, item, {
      where: options?.where,
      create: options?.create,
      conceal: options?.conceal,
      emptyAsAbsent: true,
      step,
    })
  return compose(makePath<unknown, readonly A[] | undefined>([key], undefined), keyedLens)
}

/** Wraps a preset lens as a pipeable step. */
export function presetStep<A>(lens: Lens<unknown, A[]>): <S, O>(self: Lens<S, O>) => Lens<S, A[]> {
  return <S, O>(self: Lens<S, O>) => compose(self, lens as unknown as Lens<O, A[]>)
}
