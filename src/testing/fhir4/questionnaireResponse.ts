/**
 * Arbitrary FHIR `QuestionnaireResponse`s typed `fhir4.QuestionnaireResponse`.
 *
 * @since 0.2.0
 */
/// <reference types="fhir" preserve="true" />
import type fc from 'fast-check'
import { questionnaireResponse as baseQuestionnaireResponse, type QuestionnaireResponseConstraints } from '../arbitraries/questionnaireResponse.js'
import { narrative } from './_internal/narrative.js'
import { holeless, present } from './_internal/narrow.js'

/**
 * Generates a synthetic FHIR R4 `QuestionnaireResponse` typed `fhir4.QuestionnaireResponse`: as
 * `arbitraries.questionnaireResponse` of `lensync/testing`, with the fields `fhir4` requires always
 * present.
 *
 * **Details** — `status` always; items answering a generated questionnaire (a `linkId` on every item,
 * answers of the question's type, nested groups); sometimes `questionnaire`, `subject`, `authored`,
 * `author`.
 *
 * **Example**
 * ```ts
 * import fc from 'fast-check'
 * import { arbitraries } from 'lensync/testing/fhir4'
 * fc.sample(arbitraries.questionnaireResponse({ maxDepth: 1 }), 1)
 * // Output: [{ resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: '1', answer: [{ valueBoolean: true }] }] }]
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export function questionnaireResponse(constraints?: QuestionnaireResponseConstraints): fc.Arbitrary<fhir4.QuestionnaireResponse> {
  const api = 'arbitraries.questionnaireResponse'
  return baseQuestionnaireResponse(constraints).map((sample): fhir4.QuestionnaireResponse => {
    const { contained: _none, text, ...r } = holeless(api, sample)
    return { ...r, ...(text === undefined ? {} : { text: narrative(api, text) }), status: present(api, r.status, 'status') }
  })
}
