/**
 * Arbitrary FHIR `Questionnaire`s typed `fhir4.Questionnaire`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import type { QuestionnaireItem } from '../../lens/fhir/types.js'
import { questionnaire as baseQuestionnaire, type QuestionnaireConstraints } from '../arbitraries/questionnaire.js'
import { narrative } from './_internal/narrative.js'
import { type Holeless, holeless, present } from './_internal/narrow.js'

// Checks that every item, at every level, has its `type`.
function items(api: string, list: readonly Holeless<QuestionnaireItem>[], path: string): fhir4.QuestionnaireItem[] {
  return list.map(({ item, ...rest }, i) => ({
    ...rest,
    type: present(api, rest.type, `${path}/${i}/type`),
    ...(item === undefined ? {} : { item: items(api, item, `${path}/${i}/item`) }),
  }))
}

/**
 * Generates a synthetic FHIR R4 `Questionnaire` typed `fhir4.Questionnaire`: as
 * `arbitraries.questionnaire` of `lensync/testing`, with the fields `fhir4` requires always present.
 *
 * **Details** — `status` always; an item tree of groups, display items and questions, every item with
 * `linkId` (unique, hierarchical) and `type`, choice questions with answer options; sometimes `_text`
 * and `_linkId` primitive extensions.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.questionnaire({ maxDepth: 1, maxItems: 2 }), 1)
 * // Output: [{ resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'q1', type: 'boolean', text: 'Ros ven' }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function questionnaire(constraints?: QuestionnaireConstraints): fc.Arbitrary<fhir4.Questionnaire> {
  const api = 'arbitraries.questionnaire'
  return baseQuestionnaire(constraints).map((sample): fhir4.Questionnaire => {
    const { contained: _none, text, item, ...q } = holeless(api, sample)
    return { ...q, ...(text === undefined ? {} : { text: narrative(api, text) }), status: present(api, q.status, 'status'), ...(item === undefined ? {} : { item: items(api, item, 'item') }) }
  })
}
