import { describe, expect, test } from 'vitest'
import { arbitraries } from 'lensync/testing'
import type { QuestionnaireItem } from 'lensync/lens'
import { expectAlways, expectFhirJson, expectSometimes } from './_fhirRules.js'

const depth = (items: readonly QuestionnaireItem[] | undefined): number => (items === undefined ? 0 : 1 + Math.max(0, ...items.map((i) => depth(i.item))))

describe('questionnaire', () => {
  test('default: obeys the FHIR JSON rules (linkIds unique in the questionnaire, groups have items)', () => {
    expectFhirJson(arbitraries.questionnaire(), 500)
  })

  test('behavior: nested groups, choice questions with answer options', () => {
    expectSometimes(arbitraries.questionnaire(), (q) => depth(q.item) >= 3)
    expectSometimes(arbitraries.questionnaire(), (q) => JSON.stringify(q).includes('"answerOption"'))
  })

  test('constraints: maxDepth, maxItems', () => {
    expectAlways(arbitraries.questionnaire({ maxDepth: 1 }), (q) => depth(q.item) === 1)
    expectAlways(arbitraries.questionnaire({ maxItems: 2 }), (q) => q.item!.length <= 2)
    expectAlways(arbitraries.questionnaire({ maxItems: 0 }), (q) => q.item === undefined)
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.questionnaire({ maxDepth: 7 })).toThrow('arbitraries.questionnaire: maxDepth must not exceed the supported depth (6).')
  })
})

describe('questionnaireResponse', () => {
  test('default: obeys the FHIR JSON rules (unique linkIds, never both answer and item)', () => {
    expectFhirJson(arbitraries.questionnaireResponse(), 500)
  })

  test('behavior: typed answers, nested items, unanswered items', () => {
    const json = (r: unknown) => JSON.stringify(r)
    expectSometimes(arbitraries.questionnaireResponse(), (r) => json(r).includes('"valueCoding"'))
    expectSometimes(arbitraries.questionnaireResponse(), (r) => json(r).includes('"valueDecimal"'))
    expectSometimes(arbitraries.questionnaireResponse(), (r) => (r.item ?? []).some((i) => i.item !== undefined))
    expectSometimes(arbitraries.questionnaireResponse(), (r) => (r.item ?? []).some((i) => i.item === undefined && i.answer === undefined))
  })

  test('error: invalid constraints', () => {
    expect(() => arbitraries.questionnaireResponse({ maxItems: -1 })).toThrow('arbitraries.questionnaireResponse: maxItems must be a non-negative integer.')
  })
})
