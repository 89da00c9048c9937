/**
 * Arbitrary FHIR `Questionnaire`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { Questionnaire, QuestionnaireItem, QuestionnaireItemAnswerOption } from '../../lens/fhir/types.js'
import { coding } from './coding.js'
import { withPrimitiveExtension } from './element.js'
import { count, constraintsObject, flag, phrase, range, record, varyKeyOrder, word } from './_internal/helpers.js'
import { assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link questionnaire}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface QuestionnaireConstraints {
  /** Most items per list (top level and inside each group). @defaultValue 4 */
  readonly maxItems?: number | undefined
  /** Most nesting levels of `item` (1 = no groups with children). @defaultValue 3 */
  readonly maxDepth?: number | undefined
  /** Sometimes add primitive extensions (`_text`, `_linkId`). @defaultValue true */
  readonly withExtensions?: boolean | undefined
}

type Shape = { readonly item: Omit<QuestionnaireItem, 'linkId' | 'item'>; readonly children: readonly Shape[] }

const questionTypes = ['boolean', 'decimal', 'integer', 'date', 'string', 'text', 'choice', 'quantity'] as const

const answerOptions: fc.Arbitrary<QuestionnaireItemAnswerOption[]> = fc.oneof(
  fc.uniqueArray(coding({ withDetails: false }), { minLength: 1, maxLength: 4, selector: (c) => `${c.system}|${c.code}` }).map((cs) => cs.map((valueCoding): QuestionnaireItemAnswerOption => ({ valueCoding }))),
  fc.uniqueArray(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.map((valueString): QuestionnaireItemAnswerOption => ({ valueString }))),
)

function question(withExtensions: boolean): fc.Arbitrary<Shape> {
  const base = record<Omit<QuestionnaireItem, 'linkId' | 'item'>>(
    { text: phrase, type: fc.constantFrom(...questionTypes), required: fc.boolean(), repeats: fc.boolean(), readOnly: fc.boolean(), prefix: fc.integer({ min: 1, max: 20 }).map((n) => `${n}.`) },
    ['type'],
    ['repeats', 'readOnly', 'prefix'],
  )
  return fc.tuple(withPrimitiveExtension(base, ['text'], withExtensions), answerOptions).map(([item, options]) => ({
    item: item.type === 'choice' ? { ...item, answerOption: options } : item,
    children: [],
  }))
}

function shapes(depth: number, maxItems: number, withExtensions: boolean): fc.Arbitrary<Shape[]> {
  const leaf = question(withExtensions)
  if (depth <= 1) return fc.array(leaf, { minLength: 1, maxLength: maxItems })
  const group = fc
    .tuple(fc.option(phrase, { nil: undefined }), shapes(depth - 1, maxItems, withExtensions))
    .map(([text, children]): Shape => ({ item: { type: 'group', ...(text === undefined ? {} : { text }) }, children }))
  const display = phrase.map((text): Shape => ({ item: { type: 'display', text }, children: [] }))
  return fc.array(fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: group }, { weight: 1, arbitrary: display }), { minLength: 1, maxLength: maxItems })
}

/** Gives every item a `linkId` unique in the whole questionnaire (`<prefix>1`, `<prefix>1.2`, …). @internal */
export function assignLinkIds(list: readonly Shape[], prefix: string): QuestionnaireItem[] {
  return list.map((shape, i) => {
    const linkId = `${prefix}${i + 1}`
    const children = shape.children.length > 0 ? { item: assignLinkIds(shape.children, `${linkId}.`) } : {}
    return { linkId, ...shape.item, ...children } as QuestionnaireItem
  })
}

/** The item tree of a questionnaire, for {@link questionnaireResponse}. @internal */
export function itemTree(maxDepth: number, maxItems: number, withExtensions: boolean): fc.Arbitrary<QuestionnaireItem[]> {
  return fc
    .tuple(shapes(maxDepth, maxItems, withExtensions), fc.constantFrom('', 'q', 'item-', 'sec.'))
    .map(([list, prefix]) => assignLinkIds(list, prefix))
}

/**
 * Generates a synthetic FHIR R4 `Questionnaire`: `resourceType`, `status`, sometimes `id`, `meta`,
 * `url`, `title`, and an `item` tree nested up to `maxDepth` levels — questions (with `answerOption`s
 * for `choice`), `display` items and `group`s with child items.
 *
 * **When to use** — to test the Questionnaire item preset (keyed by `linkId`).
 *
 * **Details** — every `linkId` is unique in the whole questionnaire (so also within each list);
 * groups always have children, other items never do; answer options are unique.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.questionnaire({ maxDepth: 1, maxItems: 1 }), 1)
 * // Output: [{ resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'q1', type: 'boolean', text: 'Belor an' }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function questionnaire(constraints?: QuestionnaireConstraints): fc.Arbitrary<Questionnaire> {
  const api = 'arbitraries.questionnaire'
  const c = constraintsObject(api, constraints)
  const maxItems = count(api, 'maxItems', c.maxItems, 4)
  const maxDepth = count(api, 'maxDepth', c.maxDepth, 3)
  const withExtensions = flag(api, 'withExtensions', c.withExtensions, true)
  range(api, 'maxDepth', maxDepth, 'the supported depth', 6)
  const details = record<Questionnaire>(
    {
      url: word.map((w) => `https://example.org/fhir/Questionnaire/${w}`),
      title: phrase,
      status: fc.constantFrom('draft', 'active', 'retired', 'unknown'),
      item: maxItems > 0 && maxDepth > 0 ? itemTree(maxDepth, maxItems, withExtensions) : undefined,
    },
    ['status', 'item'],
  )
  return varyKeyOrder(fc.tuple(resourceBase(false), details).map(([base, det]) => assemble<Questionnaire>('Questionnaire', base, det)))
}

export { questionnaire }
