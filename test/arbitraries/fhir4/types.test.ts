import type fc from 'fast-check'
import type * as fhir4 from 'fhir/r4'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { arbitraries as lensyncArbitraries } from 'lensync/testing'
import { arbitraries, Fhir4SampleError, InvalidConstraintsError } from 'lensync/testing/fhir4'
import { holeless, present } from '../../../src/testing/fhir4/_internal/narrow.js'
import { expectAlways, expectFhirJson, expectSometimes } from '../_fhirRules.js'

const hasNull = (value: unknown): boolean =>
  value === null || (typeof value === 'object' && Object.values(value).some(hasNull))

describe('lensync/testing/fhir4: types', () => {
  test('types: every builder is an fc.Arbitrary of its @types/fhir (fhir4) type', () => {
    expectTypeOf(arbitraries.address()).toEqualTypeOf<fc.Arbitrary<fhir4.Address>>()
    expectTypeOf(arbitraries.allergyIntolerance()).toEqualTypeOf<fc.Arbitrary<fhir4.AllergyIntolerance>>()
    expectTypeOf(arbitraries.bundle()).toEqualTypeOf<fc.Arbitrary<fhir4.Bundle>>()
    expectTypeOf(arbitraries.codeableConcept()).toEqualTypeOf<fc.Arbitrary<fhir4.CodeableConcept>>()
    expectTypeOf(arbitraries.coding()).toEqualTypeOf<fc.Arbitrary<fhir4.Coding>>()
    expectTypeOf(arbitraries.condition()).toEqualTypeOf<fc.Arbitrary<fhir4.Condition>>()
    expectTypeOf(arbitraries.contactPoint()).toEqualTypeOf<fc.Arbitrary<fhir4.ContactPoint>>()
    expectTypeOf(arbitraries.element()).toEqualTypeOf<fc.Arbitrary<fhir4.Element>>()
    expectTypeOf(arbitraries.extension()).toEqualTypeOf<fc.Arbitrary<fhir4.Extension>>()
    expectTypeOf(arbitraries.humanName()).toEqualTypeOf<fc.Arbitrary<fhir4.HumanName>>()
    expectTypeOf(arbitraries.identifier()).toEqualTypeOf<fc.Arbitrary<fhir4.Identifier>>()
    expectTypeOf(arbitraries.medicationRequest()).toEqualTypeOf<fc.Arbitrary<fhir4.MedicationRequest>>()
    expectTypeOf(arbitraries.meta()).toEqualTypeOf<fc.Arbitrary<fhir4.Meta>>()
    expectTypeOf(arbitraries.observation()).toEqualTypeOf<fc.Arbitrary<fhir4.Observation>>()
    expectTypeOf(arbitraries.patient()).toEqualTypeOf<fc.Arbitrary<fhir4.Patient>>()
    expectTypeOf(arbitraries.period()).toEqualTypeOf<fc.Arbitrary<fhir4.Period>>()
    expectTypeOf(arbitraries.quantity()).toEqualTypeOf<fc.Arbitrary<fhir4.Quantity>>()
    expectTypeOf(arbitraries.questionnaire()).toEqualTypeOf<fc.Arbitrary<fhir4.Questionnaire>>()
    expectTypeOf(arbitraries.questionnaireResponse()).toEqualTypeOf<fc.Arbitrary<fhir4.QuestionnaireResponse>>()
    expectTypeOf(arbitraries.reference()).toEqualTypeOf<fc.Arbitrary<fhir4.Reference>>()
    expectTypeOf(Object.keys(arbitraries).sort()).toEqualTypeOf<string[]>()
    expect(Object.keys(arbitraries).sort()).toEqual(Object.keys(lensyncArbitraries).sort())
  })

  test('types: wrong types are refused', () => {
    // @ts-expect-error: an Observation arbitrary is not a Patient arbitrary
    expectTypeOf(arbitraries.observation()).toEqualTypeOf<fc.Arbitrary<fhir4.Patient>>()
    // @ts-expect-error: lensync's HumanName has `_given: (Element | null)[]`, which fhir4.HumanName (`Element[]`) does not admit
    const _names: fc.Arbitrary<fhir4.HumanName> = lensyncArbitraries.humanName()
    // @ts-expect-error: lensync's Observation may lack `status` and `code`, which fhir4.Observation requires
    const _observations: fc.Arbitrary<fhir4.Observation> = lensyncArbitraries.observation()
    // @ts-expect-error: the constraints are those of lensync/testing, typed
    expect(() => arbitraries.humanName({ maxGiven: '2' })).toThrow(InvalidConstraintsError)
    expect([_names, _observations]).toHaveLength(2)
  })
})

describe('lensync/testing/fhir4: samples', () => {
  test('default: the FHIR JSON rules of lensync/testing hold', () => {
    expectFhirJson(arbitraries.patient(), 200)
    expectFhirJson(arbitraries.allergyIntolerance(), 200)
    expectFhirJson(arbitraries.bundle(), 100)
  })

  test('behavior: parallel arrays with an element in every slot, never a null', () => {
    expectSometimes(arbitraries.humanName(), (n) => n._given !== undefined && n._given.length === n.given?.length, 2000)
    expectSometimes(arbitraries.address(), (a) => a._line !== undefined && a._line.length === a.line?.length, 2000)
    expectSometimes(arbitraries.allergyIntolerance(), (a) => a._category !== undefined && a._category.length === a.category?.length, 2000)
    expectAlways(arbitraries.patient(), (p) => !hasNull(p), 1000)
    expectAlways(arbitraries.bundle(), (b) => !hasNull(b), 200)
  })

  test('behavior: the fields fhir4 requires are always present', () => {
    expectAlways(arbitraries.observation(), (o) => o.status !== undefined && o.code !== undefined)
    expectAlways(arbitraries.condition(), (c) => c.subject !== undefined && (c.note ?? []).every((n) => n.text !== undefined))
    expectAlways(arbitraries.medicationRequest(), (m) => m.subject !== undefined && m.intent !== undefined && (m.medicationCodeableConcept ?? m.medicationReference) !== undefined)
    expectAlways(arbitraries.allergyIntolerance(), (a) => a.patient !== undefined)
    expectAlways(arbitraries.questionnaire(), (q) => q.status !== undefined)
  })

  test('behavior: contained fhir4.Practitioner/Organization, each referenced as #id', () => {
    const patients = arbitraries.patient()
    expectSometimes(patients, (p) => p.contained !== undefined)
    expectAlways(patients, (p) => {
      const refs: string[] = JSON.stringify(p).match(/"#[^"]+"/g) ?? []
      const ids = (p.contained ?? []).map((r) => `"#${r.id}"`)
      return ids.every((id) => refs.includes(id)) && refs.every((ref) => ids.includes(ref))
    })
    expectAlways(arbitraries.patient({ withContained: false }), (p) => p.contained === undefined)
  })

  test('error: invalid constraints throw InvalidConstraintsError, as in lensync/testing', () => {
    for (const [name, build] of Object.entries(arbitraries)) {
      if (name === 'meta' || name === 'period') continue
      expect(() => (build as (c: unknown) => unknown)([]), name).toThrow(`arbitraries.${name}: constraints must be an object.`)
    }
    expect(() => arbitraries.patient({ withContained: 'yes' as unknown as boolean })).toThrow('arbitraries.patient: withContained must be a boolean.')
    expect(() => arbitraries.bundle({ maxEntries: -1 })).toThrow(InvalidConstraintsError)
  })

  test('error: a null hole or a missing required field is refused (Fhir4SampleError), never typed away', () => {
    expect(() => holeless('arbitraries.humanName', { given: ['Ana', 'Bel'], _given: [null, { id: 'x' }] })).toThrow(
      'arbitraries.humanName: the sample has a null at /_given/0, which fhir4 types cannot describe.',
    )
    const error = (() => {
      try {
        present('arbitraries.observation', undefined, 'status')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(Fhir4SampleError)
    expect(error).toMatchObject({ code: 'MissingField', api: 'arbitraries.observation', path: 'status' })
    expect(holeless('x', { a: [{ b: [1] }] })).toEqual({ a: [{ b: [1] }] })
  })
})
