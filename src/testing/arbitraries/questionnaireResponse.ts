/**
 * Arbitrary FHIR `QuestionnaireResponse`s.
 *
 * @since 0.1.0
 */
import fc from 'fast-check'
import type { QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '../../lens/fhir/types.js'
import { quantity } from './quantity.js'
import { itemTree } from './questionnaire.js'
import { reference } from './reference.js'
import { count, constraintsObject, decimal, fhirDate, fhirInstant, freeText, range, record, varyKeyOrder, word } from './_internal/helpers.js'
import { assemble, resourceBase } from './_internal/resource.js'

/**
 * Constraints of {@link questionnaireResponse}.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export interface QuestionnaireResponseConstraints {
  /** Most items per list (top level and inside each group). @defaultValue 4 */
  readonly maxItems?: number | undefined
  /** Most nesting levels of `item`. @defaultValue 3 */
  readonly maxDepth?: number | undefined
}

type Answers = (item: QuestionnaireItem) => QuestionnaireResponseItemAnswer[] | undefined

const answerPool = fc.record({
  valueBoolean: fc.boolean(),
  valueDecimal: decimal(0, 500),
  valueInteger: fc.integer({ min: 0, max: 120 }),
  valueDate: fhirDate,
  valueString: freeText,
  valueQuantity: quantity({ withComparator: false }),
  pick: fc.nat(),
  repeat: fc.integer({ min: 1, max: 2 }),
  skip: fc.nat(5),
})

// Answers an item of the questionnaire according to its type, sometimes not at all.
type Pool = typeof answerPool extends fc.Arbitrary<infer T> ? T : never

function answerFor(pool: Pool): Answers {
  return (item) => {
    if (pool.skip === 0) return undefined
    switch (item.type) {
      case 'boolean':
        return [{ valueBoolean: pool.valueBoolean }]
      case 'decimal':
        return [{ valueDecimal: pool.valueDecimal }]
      case 'integer':
        return [{ valueInteger: pool.valueInteger }]
      case 'date':
        return [{ valueDate: pool.valueDate }]
      case 'quantity':
        return [{ valueQuantity: pool.valueQuantity }]
      case 'choice': {
        const options = item.answerOption ?? []
        const chosen = options.slice(pool.pick % options.length, (pool.pick % options.length) + (item.repeats ? pool.repeat : 1))
        const answers = chosen.map((o): QuestionnaireResponseItemAnswer => (o.valueCoding ? { valueCoding: o.valueCoding } : { valueString: o.valueString! }))
        return answers.length > 0 ? answers : undefined
      }
      default:
        return [{ valueString: pool.valueString }]
    }
  }
}

function respond(items: readonly QuestionnaireItem[], answers: Answers): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = []
  for (const item of items) {
    if (item.type === 'display') continue
    const base: QuestionnaireResponseItem = { linkId: item.linkId, ...(item.text === undefined ? {} : { text: item.text }) }
    if (item.type === 'group') {
      const children = respond(item.item ?? [], answers)
      out.push(children.length > 0 ? { ...base, item: children } : base)
    } else {
      const a = answers(item)
      out.push(a === undefined ? base : { ...base, answer: a })
    }
  }
  return out
}

/**
 * Generates a synthetic FHIR R4 `QuestionnaireResponse`: `resourceType`, `status`, sometimes `id`,
 * `meta`, `questionnaire`, `subject`, `authored`, and an `item` tree answering a generated
 * questionnaire — answers typed after the question (`valueBoolean`, `valueDecimal`, `valueCoding`
 * from the options, …), groups nesting their items.
 *
 * **When to use** — to test the QuestionnaireResponse item preset (keyed by `linkId`).
 *
 * **Details** — every `linkId` is unique in the whole response; an item has `answer`s or child
 * `item`s, never both (FHIR qrs-1); display items are not answered.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing'
 * fc.sample(arbitraries.questionnaireResponse({ maxDepth: 1 }), 1)
 * // Output: [{ resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'q1', answer: [{ valueBoolean: true }] }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.1.0
 */
function questionnaireResponse(constraints?: QuestionnaireResponseConstraints): fc.Arbitrary<QuestionnaireResponse> {
  const api = 'arbitraries.questionnaireResponse'
  const c = constraintsObject(api, constraints)
  const maxItems = count(api, 'maxItems', c.maxItems, 4)
  const maxDepth = count(api, 'maxDepth', c.maxDepth, 3)
  range(api, 'maxDepth', maxDepth, 'the supported depth', 6)
  const items: fc.Arbitrary<QuestionnaireResponseItem[] | undefined> =
    maxItems > 0 && maxDepth > 0
      ? fc.tuple(itemTree(maxDepth, maxItems, false), answerPool).map(([tree, pool]) => {
          const answered = respond(tree, answerFor(pool))
          return answered.length > 0 ? answered : undefined
        })
      : fc.constant(undefined)
  const details = record<QuestionnaireResponse>(
    {
      questionnaire: word.map((w) => `https://example.org/fhir/Questionnaire/${w}`),
      status: fc.constantFrom('in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'),
      subject: reference({ types: ['Patient'] }),
      authored: fhirInstant,
      author: reference({ types: ['Practitioner', 'Patient'] }),
    },
    ['status'],
    ['author'],
  )
  return varyKeyOrder(
    fc.tuple(resourceBase(false), details, items).map(([base, det, item]) => assemble<QuestionnaireResponse>('QuestionnaireResponse', base, det, item === undefined ? {} : { item })),
  )
}

export { questionnaireResponse }
