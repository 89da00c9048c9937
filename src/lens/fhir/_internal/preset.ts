/**
 * Shared builder of the FHIR list presets: focus a property (absent ↔ `[]`) and key its items.
 *
 * @internal
 */
import { compose } from '../../compose.js'
import type { Lens } from '../../Lens.js'
import { type KeyedLens, keyedNode } from '../../keyed.js'
import { makePath } from '../../_internal/pathNode.js'
import type { PresetOptions } from '../PresetOptions.js'

/** The lens of a preset: the property `key` of an object, as a keyed array of its items. */
export function presetLens<A>(
  key: string,
  keyOf: (item: A) => string | undefined,
  item: Lens<A, A>,
  step: string,
  options: (PresetOptions<A> & { readonly unkeyed?: 'positional' }) | undefined,
  node?: KeyedLens<A, A>,
): Lens<unknown, A[]> {
  const keyedLens =
    node ??
    keyedNode(keyOf, item, {
      where: options?.where,
      create: options?.create,
      conceal: options?.conceal,
      emptyAsAbsent: true,
      unkeyed: options?.unkeyed,
      step,
    })
  return compose(makePath<unknown, readonly A[] | undefined>([key], undefined), keyedLens)
}

/** Wraps a preset lens as a pipeable step. */
export function presetStep<A>(lens: Lens<unknown, A[]>): <S, O>(self: Lens<S, O>) => Lens<S, A[]> {
  return <S, O>(self: Lens<S, O>) => compose(self, lens as unknown as Lens<O, A[]>)
}
