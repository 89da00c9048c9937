import { describe, expect, expectTypeOf, test } from 'vitest'
import type * as fhir4 from 'fhir/r4'
import { fhir, id, omit, pipe, prop, translate } from 'lensync/lens'
import type { Lens } from 'lensync/lens'

const patient: fhir4.Patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [
    { system: 'urn:oid:2.999.1', value: '7', type: { text: 'MRN' } },
    { system: 'urn:oid:2.999.2', value: '8' },
  ],
  extension: [{ url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex', valueCode: 'F' }],
  name: [{ family: 'Norvel', given: ['Ana'] }],
}
const observation: fhir4.Observation = {
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8310-5', display: 'Body temperature' }] },
  valueQuantity: { value: 37.2, unit: 'Cel' },
}
const bundle: fhir4.Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    { fullUrl: 'urn:uuid:p1', resource: patient },
    { fullUrl: 'urn:uuid:o1', resource: observation },
    { fullUrl: 'urn:uuid:a1', resource: { resourceType: 'Account', id: 'a1', status: 'active' } },
  ],
}

describe('fhir presets over @types/fhir (fhir4) resources', () => {
  test('default: fhir.entries on a fhir4.Bundle keeps fhir4.BundleEntry, without casts', () => {
    const _entries = pipe(id<fhir4.Bundle>(), fhir.entries())
    expectTypeOf(_entries).toEqualTypeOf<Lens<fhir4.Bundle, fhir4.BundleEntry[]>>()
    const view = _entries.get(bundle)
    expect(view.map(fhir.entryKey)).toEqual(['urn:uuid:p1', 'urn:uuid:o1', 'urn:uuid:a1'])
    const reordered = _entries.put(bundle, [view[2]!, view[0]!])
    expectTypeOf(reordered).toEqualTypeOf<fhir4.Bundle>()
    expect(reordered.entry?.map((e) => e.resource?.id)).toEqual(['a1', 'p1'])
  })

  test('behavior: fhir.entries with where on a fhir4.Bundle; the view is edited by a patch', () => {
    const _observations = pipe(id<fhir4.Bundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' }))
    expectTypeOf(_observations.get).returns.toEqualTypeOf<fhir4.BundleEntry[]>()
    expect(_observations.get(bundle)).toEqual([bundle.entry![1]])
    const patch = translate(_observations, bundle, [{ op: 'replace', path: '/0/resource/status', value: 'amended' }])
    expect(patch).toEqual([{ op: 'replace', path: '/entry/1/resource/status', value: 'amended' }])
  })

  test('behavior: fhir.entries() on a fhir4.Bundle<fhir4.Observation> keeps the resource type', () => {
    const _obs = pipe(id<fhir4.Bundle<fhir4.Observation>>(), fhir.entries())
    expectTypeOf(_obs.get).returns.toEqualTypeOf<fhir4.BundleEntry<fhir4.Observation>[]>()
    const only: fhir4.Bundle<fhir4.Observation> = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:o1', resource: observation }] }
    expect(_obs.get(only)[0]?.resource?.code.coding?.[0]?.code).toBe('8310-5')
    // A bundle of any resource is not a bundle of observations.
    // @ts-expect-error: fhir4.Bundle holds every FhirResource, not only fhir4.Observation
    pipe(id<fhir4.Bundle>(), fhir.entries<fhir4.Observation>())
  })

  test('behavior: fhir.identifiers and fhir.extensions on a fhir4.Patient keep fhir4 item types', () => {
    const _ids = pipe(id<fhir4.Patient>(), fhir.identifiers({ where: (i) => i.system === 'urn:oid:2.999.1' }))
    expectTypeOf(_ids).toEqualTypeOf<Lens<fhir4.Patient, fhir4.Identifier[]>>()
    const [mrn] = _ids.get(patient)
    expect(mrn?.type?.text).toBe('MRN')
    const next = _ids.put(patient, [{ system: 'urn:oid:2.999.1', value: '9' }])
    expect(next.identifier).toEqual([{ system: 'urn:oid:2.999.2', value: '8' }, { system: 'urn:oid:2.999.1', value: '9' }])

    const _ext = pipe(id<fhir4.Patient>(), fhir.extensions())
    expectTypeOf(_ext.get).returns.toEqualTypeOf<fhir4.Extension[]>()
    expect(_ext.get(patient).map(fhir.extensionKey)).toEqual(['http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex'])

    // @ts-expect-error: a fhir4.Patient has no coding list
    pipe(id<fhir4.Patient>(), fhir.codings())
    // @ts-expect-error: a fhir4.Observation has no item list
    pipe(id<fhir4.Observation>(), fhir.items())
  })

  test('behavior: fhir.codings on a fhir4.Observation code, fhir.byType on a fhir4 resource', () => {
    const _codes = pipe(id<fhir4.Observation>(), prop('code'), fhir.codings())
    expectTypeOf(_codes).toEqualTypeOf<Lens<fhir4.Observation, fhir4.Coding[]>>()
    expect(_codes.get(observation).map(fhir.codingKey)).toEqual(['http://loinc.org|8310-5'])

    const _anonymous = pipe(id<fhir4.FhirResource>(), fhir.byType({ Patient: pipe(id<fhir4.Patient>(), omit(['name'])) }))
    expectTypeOf(_anonymous).toEqualTypeOf<Lens<fhir4.FhirResource, fhir4.FhirResource>>()
    expect(_anonymous.get(patient)).not.toHaveProperty('name')
    expect(_anonymous.get(observation)).toBe(observation)
  })

  test('behavior: fhir.items on a fhir4.Questionnaire keeps fhir4.QuestionnaireItem', () => {
    const q: fhir4.Questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        { linkId: 'internal.score', type: 'integer' },
        { linkId: 'pain', type: 'group', item: [{ linkId: 'pain.level', type: 'integer' }] },
      ],
    }
    const _public = pipe(id<fhir4.Questionnaire>(), fhir.items({ where: (i) => !i.linkId.startsWith('internal.') }))
    expectTypeOf(_public.get).returns.toEqualTypeOf<fhir4.QuestionnaireItem[]>()
    expect(_public.get(q).map(fhir.itemKey)).toEqual(['pain'])
    const _typed = pipe(id<fhir4.Questionnaire>(), fhir.items<fhir4.QuestionnaireItem>({ create: (i) => ({ ...i, required: true }) }))
    expect(_typed.put(q, [..._typed.get(q), { linkId: 'new', type: 'string' }]).item?.[2]).toEqual({ linkId: 'new', type: 'string', required: true })
  })

  test('behavior: create/conceal options take the fhir4 item type as a type argument', () => {
    const _ids = pipe(
      id<fhir4.Patient>(),
      fhir.identifiers<fhir4.Identifier>({ create: (i) => ({ ...i, use: 'usual' }), where: (i) => i.use !== 'old' }),
    )
    expectTypeOf(_ids.get).returns.toEqualTypeOf<fhir4.Identifier[]>()
    const next = _ids.put(patient, [..._ids.get(patient), { system: 'urn:oid:2.999.3', value: '1' }])
    expect(next.identifier?.[2]).toEqual({ system: 'urn:oid:2.999.3', value: '1', use: 'usual' })
  })
})
