import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { arbitraries, InvalidConstraintsError } from 'lensync/testing'
import type { Patient } from 'lensync/lens'
import { expectAlways, expectFhirJson, expectSometimes, share } from './_fhirRules.js'

const patients = arbitraries.patient()
const size = (p: Patient) => JSON.stringify(p).length

describe('patient', () => {
  test('default: obeys the FHIR JSON rules', () => {
    expectFhirJson(patients, 1000)
  })

  test('behavior: resourceType always, id / meta.versionId / meta.lastUpdated sometimes', () => {
    expectAlways(patients, (p) => p.resourceType === 'Patient')
    expectSometimes(patients, (p) => p.id !== undefined)
    expectSometimes(patients, (p) => p.meta?.versionId !== undefined)
    expectSometimes(patients, (p) => p.meta?.lastUpdated !== undefined)
  })

  test('behavior: a Patient is about 0.5–3 KB of JSON', () => {
    const sizes = fc.sample(patients, { numRuns: 1000, seed: 7 }).map(size).sort((a, b) => a - b)
    const median = sizes[500]!
    expect(median).toBeGreaterThanOrEqual(500)
    expect(median).toBeLessThanOrEqual(3000)
    expect(sizes[900]!).toBeLessThanOrEqual(3000)
  })

  test('behavior: identifiers share systems and some have none', () => {
    expectSometimes(patients, (p) => (p.identifier ?? []).some((i) => i.system === undefined))
    expectSometimes(patients, (p) => {
      const systems = (p.identifier ?? []).flatMap((i) => (i.system ? [i.system] : []))
      return new Set(systems).size < systems.length
    })
  })

  test('behavior: primitive extensions (_birthDate, with and without birthDate; _given parallel arrays)', () => {
    expectSometimes(patients, (p) => p._birthDate !== undefined && p.birthDate !== undefined)
    expectSometimes(patients, (p) => p._birthDate !== undefined && p.birthDate === undefined)
    expectSometimes(patients, (p) => (p.name ?? []).some((n) => n._given !== undefined && n._given.includes(null)))
  })

  test('behavior: contained resources referenced as #id', () => {
    expectSometimes(patients, (p) => p.contained !== undefined)
    expectSometimes(patients, (p) => p.managingOrganization?.reference?.startsWith('#') === true)
  })

  test('behavior: key order varies', () => {
    expectSometimes(patients, (p) => Object.keys(p)[0] !== 'resourceType')
    expectSometimes(patients, (p) => Object.keys(p)[0] === 'resourceType')
  })

  test('behavior: choice types deceased[x] and multipleBirth[x]', () => {
    expectSometimes(patients, (p) => p.deceasedDateTime !== undefined)
    expectSometimes(patients, (p) => p.deceasedBoolean !== undefined)
    expectSometimes(patients, (p) => p.multipleBirthInteger !== undefined)
    expectAlways(patients, (p) => !(p.deceasedBoolean !== undefined && p.deceasedDateTime !== undefined))
  })

  test('behavior: generation is deterministic for a seed', () => {
    expect(fc.sample(patients, { numRuns: 5, seed: 11 })).toEqual(fc.sample(arbitraries.patient(), { numRuns: 5, seed: 11 }))
  })

  test('behavior: shrinks towards a bare Patient', () => {
    const result = fc.check(fc.property(patients, (p) => p.name === undefined), { seed: 3 })
    expect(result.failed).toBe(true)
    const shrunk = result.counterexample![0]
    expect(Object.keys(shrunk).sort()).toEqual(['name', 'resourceType'])
    expect(shrunk.name).toHaveLength(1)
  })

  test('constraints: maxIdentifiers', () => {
    expectAlways(arbitraries.patient({ maxIdentifiers: 0 }), (p) => p.identifier === undefined)
    expectAlways(arbitraries.patient({ maxIdentifiers: 6 }), (p) => (p.identifier?.length ?? 0) <= 6)
    expect(share(arbitraries.patient({ maxIdentifiers: 6 }), (p) => (p.identifier?.length ?? 0) > 3)).toBeGreaterThan(0)
    expectFhirJson(arbitraries.patient({ maxIdentifiers: 8 }), 200)
  })

  test('constraints: maxNames, maxTelecoms, maxAddresses', () => {
    expectAlways(arbitraries.patient({ maxNames: 0, maxTelecoms: 0, maxAddresses: 0 }), (p) => p.name === undefined && p.telecom === undefined && p.address === undefined)
    expectAlways(arbitraries.patient({ maxNames: 1, maxTelecoms: 1, maxAddresses: 1 }), (p) => (p.name?.length ?? 0) <= 1 && (p.telecom?.length ?? 0) <= 1 && (p.address?.length ?? 0) <= 1)
  })

  test('constraints: withExtensions: false leaves out every extension and `_x` sibling', () => {
    expectAlways(arbitraries.patient({ withExtensions: false }), (p) => !/"(_[A-Za-z]+|extension)":/.test(JSON.stringify(p)))
  })

  test('constraints: withContained: false, withText: false', () => {
    expectAlways(arbitraries.patient({ withContained: false }), (p) => p.contained === undefined && !JSON.stringify(p).includes('"#'))
    expectAlways(arbitraries.patient({ withText: false }), (p) => p.text === undefined)
  })

  test.each([
    [{ maxIdentifiers: -1 }, 'maxIdentifiers'],
    [{ maxNames: 1.5 }, 'maxNames'],
    [{ withContained: 'yes' as unknown as boolean }, 'withContained'],
    ['nope' as unknown as object, 'constraints'],
  ])('error: invalid constraints %j', (constraints, constraint) => {
    expect(() => arbitraries.patient(constraints)).toThrow(InvalidConstraintsError)
    try {
      arbitraries.patient(constraints)
    } catch (error) {
      expect(error).toMatchObject({ name: 'InvalidConstraintsError', api: 'arbitraries.patient', constraint })
      expect((error as Error).message).toContain(`arbitraries.patient: ${constraint} must be`)
    }
  })
})
