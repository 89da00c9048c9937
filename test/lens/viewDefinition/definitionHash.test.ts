import { describe, expect, test } from 'vitest'
import { fhir, id, pipe } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import { type LensDefinition, ViewDefinitionError, definitionHash, lensDefinition, verifyDefinition } from 'lensync/views'
import { canonicalize } from '../../../src/coordinator/commitment/canonicalize.js'
import { keccak256, stringToBytes } from 'viem'
import type { Patient } from '../../../src/lens/fhir/types.js'
import { lawRuns } from '../../_helpers/lawRuns.js'

function code(f: () => unknown): [string, string] {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ViewDefinitionError)
    return [(e as ViewDefinitionError).code, (e as ViewDefinitionError).pointer]
  }
  throw new Error('expected a ViewDefinitionError')
}

describe('lensDefinition', () => {
  test('default: a JSON lens definition compiles to the same lens as the code', () => {
    const def: LensDefinition = { pipe: [{ keyed: 'identifier' }] }
    const fromData = lensDefinition(def)
    const fromCode = pipe(id<Patient>(), fhir.identifiers())
    const p: Patient = { resourceType: 'Patient', identifier: [{ system: 'urn:mrn', value: '7', use: 'usual' }] }
    expect(fromData.get(p)).toEqual(fromCode.get(p))
    expect(checkLaws(fromData as never, { source: arbitraries.patient(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: navigation, pick, redact and filters by field values', () => {
    const _officialFamily = lensDefinition({ pipe: [{ prop: 'name' }, { where: { use: 'official' } }, { path: [0, 'family'] }] })
    const p = { resourceType: 'Patient', name: [{ use: 'usual', family: 'Jim' }, { use: 'official', family: 'Chalmers' }], birthDate: '1974' }
    expect(_officialFamily.get(p)).toBe('Chalmers')
    expect(lensDefinition({ pipe: [{ redact: 'birthDate' }, { pick: ['resourceType', 'birthDate'] }] }).get(p)).toEqual({ resourceType: 'Patient' })
    expect(lensDefinition({ pipe: [{ keyed: 'extension', where: { url: 'u' } }] }).get({ extension: [{ url: 'u', valueCode: 'F' }, { url: 'v' }] })).toEqual([{ url: 'u', valueCode: 'F' }])
  })

  test('error: unknown combinators and bad arguments are InvalidLensDefinition with a pointer', () => {
    expect(code(() => lensDefinition({ pipe: [{ prop: 'a' }, { zoom: 1 }] } as never))).toEqual(['InvalidLensDefinition', '/pipe/1'])
    expect(code(() => lensDefinition({ pipe: [{ keyed: 'names' }] } as never))).toEqual(['InvalidLensDefinition', '/pipe/0/keyed'])
    expect(code(() => lensDefinition({ pipe: [{ prop: 'a', pick: ['b'] }] } as never))).toEqual(['InvalidLensDefinition', '/pipe/0'])
  })
})

describe('definitionHash', () => {
  const view = { resourceType: 'ViewDefinition', resource: 'Observation', select: [{ column: [{ name: 'code', path: 'code.coding.code.first()' }] }] } as const

  test('default: keccak256 of the RFC 8785 canonical JSON; key order does not matter', () => {
    const hash = definitionHash(view)
    expect(hash).toBe(keccak256(stringToBytes(canonicalize(view))))
    expect(definitionHash({ select: view.select, resource: 'Observation', resourceType: 'ViewDefinition' })).toBe(hash)
    expect(definitionHash({ ...view, resource: 'Patient' })).not.toBe(hash)
  })

  test('behavior: verifyDefinition returns a matching definition (any hex case)', () => {
    expect(verifyDefinition(view, definitionHash(view).toUpperCase().replace('0X', '0x') as `0x${string}`)).toBe(view)
  })

  test('error: a definition that does not hash to the recorded hash is DefinitionMismatch', () => {
    const recorded = definitionHash(view)
    // The attacker's definition: the same view with one more column (the patient's name).
    const widened = { ...view, resource: 'Observation', select: [{ column: [...view.select[0].column, { name: 'who', path: 'subject.display' }] }] }
    expect(code(() => verifyDefinition(widened, recorded))).toEqual(['DefinitionMismatch', ''])
  })
})
