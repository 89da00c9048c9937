import { describe, expect, test } from 'vitest'
import { fhirViolations } from './_fhirRules.js'

// The checker the arbitraries' tests rely on must itself catch every rule it claims to check.
const rules = (value: unknown) => fhirViolations(value).map((v) => `${v.pointer}: ${v.rule}`)

describe('fhirViolations', () => {
  test('default: a lawful Patient has no violations', () => {
    expect(
      rules({
        resourceType: 'Patient',
        id: 'p1',
        identifier: [{ system: 's', value: '1' }, { system: 's', value: '2' }, { value: '1' }],
        name: [{ given: ['A', 'B'], _given: [null, { extension: [{ url: 'u', valueString: 'x' }] }] }],
        _birthDate: { id: 'b' },
        contained: [{ resourceType: 'Organization', id: 'o' }],
        managingOrganization: { reference: '#o' },
      }),
    ).toEqual([])
  })

  test.each([
    ['empty array', { resourceType: 'Patient', name: [] }, '/name: empty array'],
    ['empty object', { resourceType: 'Patient', maritalStatus: {} }, '/maritalStatus: empty object'],
    ['null outside _ arrays', { resourceType: 'Patient', gender: null }, '/gender: null outside a `_` parallel array'],
    ['null in a primitive array', { resourceType: 'Patient', name: [{ given: ['A', null] }] }, '/name/0/given: null in a non-`_` array'],
    ['undefined value', { resourceType: 'Patient', gender: undefined }, '/gender: undefined value'],
    ['blank string', { resourceType: 'Patient', gender: ' ' }, '/gender: empty or blank string'],
    ['-0', { resourceType: 'Observation', valueQuantity: { value: -0 } }, '/valueQuantity/value: negative zero'],
    ['_x length', { given: ['A', 'B'], _given: [{ id: 'x' }] }, '/_given: parallel array of length 1, `given` has 2'],
    ['_x of nulls', { given: ['A'], _given: [null] }, '/_given: parallel array of nulls only'],
    ['_x without array', { given: 'A', _given: [{ id: 'x' }] }, '/_given: parallel array without an array `given`'],
    ['_x not an Element', { birthDate: '2000', _birthDate: 'x' }, '/_birthDate: primitive extension is not an Element object'],
    ['_x of an object', { code: { text: 'a' }, _code: { id: 'x' } }, '/_code: `code` is not a primitive'],
    ['duplicate identifier', { resourceType: 'Patient', identifier: [{ system: 's', value: '1' }, { system: 's', value: '1' }] }, '/identifier/1: duplicate identifier system|value s|1'],
    ['duplicate identifier without system', { resourceType: 'Patient', identifier: [{ value: '1' }, { value: '1' }] }, '/identifier/1: duplicate identifier system|value |1'],
    ['duplicate extension url', { extension: [{ url: 'u', valueString: 'a' }, { url: 'u', valueString: 'b' }] }, '/extension/1: duplicate extension url u'],
    ['extension without value', { extension: [{ url: 'u' }] }, '/extension/0: extension with neither value[x] nor extension'],
    ['duplicate coding', { coding: [{ system: 's', code: 'c' }, { system: 's', code: 'c' }] }, '/coding/1: duplicate coding system|code s|c'],
    ['two value[x]', { resourceType: 'Observation', valueString: 'a', valueBoolean: true }, ': more than one value[x]: valueString, valueBoolean'],
    ['dangling #ref', { resourceType: 'Patient', managingOrganization: { reference: '#o' } }, '/managingOrganization/reference: dangling local reference #o'],
    ['unreferenced contained', { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'o' }] }, '/contained/0: contained resource o is not referenced'],
    ['contained without id', { resourceType: 'Patient', contained: [{ resourceType: 'Organization' }] }, '/contained/0: contained resource without id'],
    ['duplicate linkId', { resourceType: 'Questionnaire', item: [{ linkId: 'a', type: 'group', item: [{ linkId: 'a', type: 'string' }] }] }, '/item/0/item/0: duplicate linkId a'],
    ['answer and item', { resourceType: 'QuestionnaireResponse', item: [{ linkId: 'a', answer: [{ valueBoolean: true }], item: [{ linkId: 'b' }] }] }, '/item/0: item with both answer and item'],
    ['group without items', { resourceType: 'Questionnaire', item: [{ linkId: 'a', type: 'group' }] }, '/item/0: group without items'],
    ['invalid id', { resourceType: 'Patient', id: 'a b' }, '/id: invalid id'],
  ])('error: %s', (_, value, expected) => {
    expect(rules(value)).toContain(expected)
  })

  describe('Bundle', () => {
    const entry = (id: string, extra: object = {}) => ({ fullUrl: `urn:uuid:${id}`, resource: { resourceType: 'Patient', id, ...extra } })
    const a = '00000000-0000-4000-8000-00000000000a'
    const b = '00000000-0000-4000-8000-00000000000b'

    test('default: entries with unique ids and resolving references', () => {
      expect(rules({ resourceType: 'Bundle', type: 'collection', entry: [entry(a), entry(b, { link: [{ other: { reference: `urn:uuid:${a}` } }] })] })).toEqual([])
    })

    test('error: duplicate resource.id and fullUrl', () => {
      expect(rules({ resourceType: 'Bundle', type: 'collection', entry: [entry(a), entry(a)] })).toEqual([
        `/entry/1: duplicate resource.id ${a}`,
        `/entry/1: duplicate fullUrl urn:uuid:${a}`,
      ])
    })

    test('error: unresolved urn:uuid reference', () => {
      expect(rules({ resourceType: 'Bundle', type: 'collection', entry: [entry(a, { generalPractitioner: [{ reference: `urn:uuid:${b}` }] })] })).toEqual([
        `/entry/0/resource/generalPractitioner/0/reference: unresolved urn:uuid:${b}`,
      ])
    })

    test('error: transaction entry without request, fullUrl not a urn:uuid', () => {
      expect(rules({ resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'Patient/1', resource: { resourceType: 'Patient', id: '1' } }] })).toEqual([
        '/entry/0: fullUrl is not urn:uuid',
        '/entry/0: transaction entry without request',
      ])
    })

    test('behavior: contained references are checked per entry resource', () => {
      expect(
        rules({
          resourceType: 'Bundle',
          type: 'collection',
          entry: [entry(a, { contained: [{ resourceType: 'Organization', id: 'o' }], managingOrganization: { reference: '#o' } }), entry(b, { managingOrganization: { reference: '#o' } })],
        }),
      ).toEqual(['/entry/1/resource/managingOrganization/reference: dangling local reference #o'])
    })
  })
})
