import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
} from 'viem'
import { describe, expect, test } from 'vitest'
import { id, LensError, LensyncError, pipe, redact, StorageError } from 'lensync'
import type { Patient } from 'lensync'
import { canonicalize, getCoordinatorError, PeerError, StaleBaseError, viewCoordinatorAbi } from 'lensync/coordinator'

const viewId: Hex = `0x${'ab'.repeat(32)}`
const coordinator = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

/** What viem throws for a reverted `proposeUpdate`: the decoded revert inside an execution error. */
function viemRevert(): ContractFunctionExecutionError {
  const data = encodeErrorResult({ abi: viewCoordinatorAbi, errorName: 'StaleBase', args: [viewId, 0n, 3n] })
  const revert = new ContractFunctionRevertedError({ abi: viewCoordinatorAbi, data, functionName: 'proposeUpdate' })
  return new ContractFunctionExecutionError(revert, {
    abi: viewCoordinatorAbi,
    functionName: 'proposeUpdate',
    args: [viewId, 0n, viewId, viewId, 600],
    contractAddress: coordinator,
  })
}

describe('LensyncError', () => {
  test('default: an error without a cause prints its message, meta lines and the version', () => {
    const lens = pipe(id<Patient>(), redact('birthDate', { mask: (d: string) => d.slice(0, 4) }))
    const patient: Patient = { resourceType: 'Patient', birthDate: '1970-03-14' }
    expect(() => lens.put(patient, { ...lens.get(patient), birthDate: '1971' })).toThrow(LensError)
    expect(() => lens.put(patient, { ...lens.get(patient), birthDate: '1971' })).toThrowErrorMatchingInlineSnapshot(`
      [LensError: HiddenFieldEdited at "/birthDate" in redact("birthDate", mask): This field is masked; a view cannot change its masked value — restore the value the view was given.

      expected: "1970"
      got: "1971"

      Version: lensync@0.1.0]
    `)
  })

  test('default: a canonicalization error names the offending value', () => {
    expect(() => canonicalize({ resourceType: 'Patient', birthDate: new Date(0) })).toThrow(LensyncError)
    expect(() => canonicalize({ resourceType: 'Patient', birthDate: new Date(0) })).toThrowErrorMatchingInlineSnapshot(`
      [CanonicalizeError: NonPlainObject at "/birthDate": only plain objects and arrays can be canonicalized; convert this object to JSON data first (e.g. a Date to its ISO string).

      Found: a Date

      Version: lensync@0.1.0]
    `)
  })

  test('behavior: a viem cause contributes its details, not its formatted message', () => {
    const error = getCoordinatorError(viemRevert(), { functionName: 'proposeUpdate' })
    expect(error).toBeInstanceOf(StaleBaseError)
    expect(error.message).toMatchInlineSnapshot(`
      "View 0xabababab… is at version 3, not 0: rebase the update on the current head and propose again.

      Function: proposeUpdate
      Error:    StaleBase(viewId: 0xabababababababababababababababababababababababababababababababab, baseVersion: 0n, currentVersion: 3n)

      Version: lensync@0.1.0"
    `)
    expect(error.message).not.toContain('viem@')
    expect(error.message).not.toContain('Docs:')
  })

  test('behavior: a lensync cause contributes its details: no repeated text, the version once', () => {
    const driver = new Error('connect ECONNREFUSED 127.0.0.1:5432')
    const storage = new StorageError({ code: 'Driver', operation: 'promote', message: 'the database failed; retry once it is back.', cause: driver })
    const peer = new PeerError({ code: 'ChainError', viewId, round: 4n, message: 'promoting round 4 failed; it is retried on the next sync.', cause: storage })
    expect(storage.details).toBe(driver.message)
    expect(peer.details).toBe(driver.message)
    expect(peer.message).toMatchInlineSnapshot(`
      "ChainError: promoting round 4 failed; it is retried on the next sync.

      View: 0xabababababababababababababababababababababababababababababababab
      Round: 4

      Details: connect ECONNREFUSED 127.0.0.1:5432

      Version: lensync@0.1.0"
    `)
    expect(peer.message.match(/Version:/g)).toHaveLength(1)
    expect(peer.message).not.toContain(storage.shortMessage)
    expect(peer.walk()).toBe(driver)
  })

  test('behavior: a wrapped chain error keeps one version line and reaches the revert with walk()', () => {
    const staleBase = getCoordinatorError(viemRevert(), { functionName: 'proposeUpdate' })
    const peer = new PeerError({ code: 'StaleBase', source: 'chain', viewId, message: 'the view moved on; sync, then redo the edit.', cause: staleBase })
    expect(peer.message).toMatchInlineSnapshot(`
      "StaleBase: the view moved on; sync, then redo the edit.

      View: 0xabababababababababababababababababababababababababababababababab

      Version: lensync@0.1.0"
    `)
    expect(peer.message.match(/Version:/g)).toHaveLength(1)
    expect(peer.walk((e) => e instanceof ContractFunctionRevertedError)).toBeInstanceOf(ContractFunctionRevertedError)
  })

  test('behavior: a cause that is not an Error is printed as a string', () => {
    const error = new StorageError({ code: 'Driver', operation: 'getRecord', message: 'the driver failed.', cause: 'socket closed' })
    expect(error.details).toBe('socket closed')
  })

  test('behavior: every lensync error has a code; viem errors are told apart by shape, not class', () => {
    const storage = new StorageError({ code: 'Closed', operation: 'getRecord', message: 'closed.' })
    expect(storage.code).toBe('Closed')
    const viem = new BaseError('short', { details: 'from the node' })
    expect(new PeerError({ code: 'ChainError', message: 'failed.', cause: viem }).details).toBe('from the node')
  })
})
