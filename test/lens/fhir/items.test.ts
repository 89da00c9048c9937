import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fhir, id, LensError, pipe } from 'lensync/lens'
import { checkLaws } from 'lensync/testing'
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from 'lensync/lens'
import { lawRuns } from '../../_helpers/lawRuns.js'
import { expectLensyncError } from '../../_helpers/expectError.js'

/** Local arbitrary: questionnaire items nested up to 3 levels, linkIds unique per list. */
const { item: itemArb } = fc.letrec<{ item: QuestionnaireItem; items: QuestionnaireItem[] | undefined }>((tie) => ({
  item: fc.record(
    {
      linkId: fc.constantFrom('a', 'b', 'c', 'internal.d', 'internal.e'),
      text: fc.constantFrom('How are you?', 'Pain?', 'Smoker?'),
      type: fc.constantFrom('group', 'string', 'boolean') as fc.Arbitrary<QuestionnaireItem['type']>,
      item: tie('items') as fc.Arbitrary<QuestionnaireItem[] | undefined>,
    },
    { requiredKeys: ['linkId'] },
  ),
  items: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(undefined),
    fc.uniqueArray(tie('item') as fc.Arbitrary<QuestionnaireItem>, { selector: (i) => i.linkId, minLength: 1, maxLength: 4 }),
  ),
}))
const questionnaire: fc.Arbitrary<Questionnaire> = fc
  .uniqueArray(itemArb, { selector: (i) => i.linkId, maxLength: 5 })
  .map((item) => (item.length === 0 ? { resourceType: 'Questionnaire', status: 'draft' } : { resourceType: 'Questionnaire', status: 'active', item }))

const notInternal = (i: QuestionnaireItem) => !i.linkId.startsWith('internal.')

describe('fhir.items', () => {
  test('default: all four laws on generated questionnaires', () => {
    const lens = pipe(id<Questionnaire>(), fhir.items<QuestionnaireItem>())
    expect(checkLaws(lens, { source: questionnaire, runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: hidden nested items survive reordering at every level', () => {
    const lens = pipe(id<Questionnaire>(), fhir.items<QuestionnaireItem>({ where: notInternal }))
    expect(checkLaws(lens, { source: questionnaire, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
    const q: Questionnaire = {
      resourceType: 'Questionnaire',
      item: [
        { linkId: 'a', type: 'group', item: [{ linkId: 'internal.d' }, { linkId: 'b', text: 'x' }, { linkId: 'c' }] },
        { linkId: 'internal.e' },
        { linkId: 'b' },
      ],
    }
    const view = lens.get(q)
    expect(view).toEqual([{ linkId: 'a', type: 'group', item: [{ linkId: 'b', text: 'x' }, { linkId: 'c' }] }, { linkId: 'b' }])
    expect(lens.put(q, view)).toBe(q)
    const out = lens.put(q, [{ linkId: 'b' }, { linkId: 'a', type: 'group', item: [{ linkId: 'c' }, { linkId: 'b', text: 'y' }] }])
    expect(out.item).toEqual([
      { linkId: 'b' },
      { linkId: 'internal.e' },
      { linkId: 'a', type: 'group', item: [{ linkId: 'internal.d' }, { linkId: 'c' }, { linkId: 'b', text: 'y' }] },
    ])
    expect(lens.put(q, [{ linkId: 'a', type: 'group' }]).item).toEqual([{ linkId: 'a', type: 'group', item: [{ linkId: 'internal.d' }] }, { linkId: 'internal.e' }])
  })

  test('behavior: QuestionnaireResponse items by linkId', () => {
    const lens = pipe(id<QuestionnaireResponse>(), fhir.items<QuestionnaireResponseItem>())
    const r: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: '1', answer: [{ valueBoolean: true }] }, { linkId: '2' }, { linkId: '3' }] }
    expect(lens.put(r, lens.get(r))).toBe(r)
    const out = lens.put(r, [{ linkId: '3' }, { linkId: '1', answer: [{ valueBoolean: false }] }])
    expect(out.item).toEqual([{ linkId: '3' }, { linkId: '1', answer: [{ valueBoolean: false }] }])
    expect(lens.put(r, [])).toEqual({ resourceType: 'QuestionnaireResponse', status: 'completed' })
  })

  test('error: AmbiguousKey in a nested list, DuplicateKey in the source', () => {
    const lens = pipe(id<Questionnaire>(), fhir.items<QuestionnaireItem>())
    const q: Questionnaire = { resourceType: 'Questionnaire', item: [{ linkId: 'a', item: [{ linkId: 'x' }] }] }
    const e = expectLensyncError(() => lens.put(q, [{ linkId: 'a', item: [{ linkId: 'x' }, { linkId: 'x', text: 't' }] }]), LensError)
    expect([e.code, e.pointer]).toEqual(['AmbiguousKey', '/1'])
    const dup: Questionnaire = { resourceType: 'Questionnaire', item: [{ linkId: 'a' }, { linkId: 'a', text: 'again' }] }
    expect(expectLensyncError(() => lens.put(dup, [{ linkId: 'a' }]), LensError).code).toBe('DuplicateKey')
  })
})
