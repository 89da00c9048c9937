/**
 * The Questionnaire / QuestionnaireResponse `item` preset.
 *
 * @since 0.1.0
 */
import type { Lens } from '../Lens.js'
import { type KeyedLens, keyedNode } from '../keyed.js'
import { sameItems } from '../_internal/align.js'
import { type JsonRecord, same, withOwn, withoutOwn } from '../_internal/record.js'
import { field } from './_internal/keyPart.js'
import type { ItemOf, PresetFilter, PresetOptions } from './PresetOptions.js'
import { presetLens, presetStep } from './_internal/preset.js'

/**
 * An item with a `linkId` and nested `item`s (`QuestionnaireItem`, `QuestionnaireResponseItem`).
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export interface LinkedItem {
  linkId: string
  item?: LinkedItem[]
}

/**
 * The key of a questionnaire (response) item: its `linkId`.
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function itemKey(item: { readonly linkId: string }): string {
  // A missing or non-string linkId reaches keyed's own check (InvalidLens), never a TypeError.
  return field(item, 'linkId') as string
}

/**
 * The `Over` node the items preset uses for nested lists: an item whose `item` property is seen
 * through `lens` (the same keyed lens, recursively).
 *
 * @category models
 * @since 0.1.0
 */
export interface NestedItemsLens<I> extends Lens<I, I> {
  readonly _tag: 'Over'
  /** The property seen through `lens`. */
  readonly key: 'item'
  /** The lens over the nested list. */
  readonly lens: Lens<readonly I[] | undefined, I[]>
}

function withItems<I>(item: I, items: readonly I[] | undefined): I {
  const o = item as JsonRecord
  return (items === undefined || items.length === 0 ? withoutOwn(o, 'item') : withOwn(o, 'item', items)) as I
}

function nestedItems<I>(list: () => KeyedLens<I, I>): NestedItemsLens<I> {
  return {
    _tag: 'Over',
    step: 'item',
    key: 'item',
    get lens() {
      return list()
    },
    get(i) {
      const items = (i as { item?: readonly I[] }).item
      if (items === undefined) return i
      const view = list().get(items)
      return sameItems(view, items) ? i : withItems(i, view)
    },
    put(i, v) {
      const next = list().put((i as { item?: readonly I[] }).item, (v as { item?: I[] }).item ?? [])
      const out = withItems(v, next)
      return same(out, i) ? i : out
    },
    create(v) {
      return withItems(v, list().create((v as { item?: I[] }).item ?? []))
    },
  }
}

/**
 * A Questionnaire's or QuestionnaireResponse's `item` list, keyed by `linkId` at every level: nested
 * `item` lists are keyed too, with the same options.
 *
 * **When to use** — for questionnaire views: reordering, adding or hiding questions (e.g. `where:
 * (i) => !i.linkId.startsWith('internal.')`) aligns by `linkId`, and hidden nested questions survive.
 *
 * **Laws** — those of {@link keyed}, at every level: GetPut, PutGet and CreateGet always (views
 * with distinct `linkId`s per list), PutPut when no `where`/`conceal` is given.
 *
 * **Details**
 * - Focuses `item` (absent ↔ `[]`; a put leaving none removes it, also in nested lists).
 * - `where` and `conceal` apply to the items of every list.
 * - Answers' nested items (`answer[].item` in a response) are part of their item and not keyed.
 * - Duplicate `linkId`s in one list: `DuplicateKey` (source) / `AmbiguousKey` (view); pointers are
 *   relative to that list.
 * - Item types: with `where` alone (or no options) the view keeps the source's item type
 *   (`fhir4.QuestionnaireItem[]` on a `fhir4.Questionnaire` of `@types/fhir`); `create` and
 *   `conceal` build items, so with them the item type is the type argument
 *   (`fhir.items<fhir4.QuestionnaireItem>({ create })`).
 *
 * **Example** (hide internal questions)
 * ```ts
 * import { fhir, id, pipe } from 'lensync'
 * import type { Questionnaire, QuestionnaireItem } from 'lensync'
 * const _public = pipe(id<Questionnaire>(), fhir.items<QuestionnaireItem>({ where: (i) => !i.linkId.startsWith('internal.') }))
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function items(
  options?: PresetFilter<LinkedItem>,
): <S, O extends { readonly item?: readonly LinkedItem[] | undefined }>(self: Lens<S, O>) => Lens<S, ItemOf<O, 'item'>[]>
export function items<I extends LinkedItem = LinkedItem>(
  options?: PresetOptions<I>,
): <S, O extends { readonly item?: readonly I[] | undefined }>(self: Lens<S, O>) => Lens<S, I[]>
export function items<I extends LinkedItem>(options?: PresetOptions<I>): (self: never) => unknown {
  let node: KeyedLens<I, I> | undefined
  const nested = nestedItems<I>(() => node!)
  node = keyedNode<I, I>(itemKey, nested, {
    where: options?.where,
    create: options?.create,
    conceal: options?.conceal,
    emptyAsAbsent: true,
    step: 'fhir.items()',
  })
  return presetStep(presetLens<I>('item', itemKey, nested, 'fhir.items()', options, node))
}
