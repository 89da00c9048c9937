import { BaseError, ContractFunctionRevertedError, encodeErrorResult, keccak256, stringToHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { viewCoordinatorAbi } from 'lensync/coordinator'
import {
  CoordinatorError,
  StaleBaseError,
  coordinatorErrorClasses,
  coordinatorErrorNames,
  getCoordinatorError,
} from '../../src/coordinator/chain/errors.js'
import { LensyncError } from 'lensync'

const viewId = keccak256(stringToHex('v'))
const revert = (data: `0x${string}`, functionName = 'proposeUpdate') =>
  new BaseError('outer', { cause: new ContractFunctionRevertedError({ abi: viewCoordinatorAbi, data, functionName }) })

describe('getCoordinatorError', () => {
  test('default: a declared custom error becomes its class, args named', () => {
    const data = encodeErrorResult({ abi: viewCoordinatorAbi, errorName: 'StaleBase', args: [viewId, 0n, 3n] })
    const error = getCoordinatorError(revert(data), { functionName: 'proposeUpdate' })
    expect(error).toBeInstanceOf(StaleBaseError)
    expect(error).toBeInstanceOf(CoordinatorError)
    expect(error).toBeInstanceOf(LensyncError)
    const e = error as StaleBaseError
    expect({ name: e.name, code: e.code, args: e.args, viewId: e.viewId, pointer: e.pointer }).toEqual({
      name: 'StaleBaseError', code: 'StaleBase', args: { viewId, baseVersion: 0n, currentVersion: 3n }, viewId, pointer: '/baseVersion',
    })
    expect(e.message.split('\n')[0]).toBe(`View ${viewId.slice(0, 10)}… is at version 3, not 0: rebase the update on the current head and propose again.`)
    expect(e.message).toContain('Error:    StaleBase(viewId: ' + viewId + ', baseVersion: 0n, currentVersion: 3n)')
  })

  test('behavior: every contract error in the ABI has a class that round-trips', () => {
    const abiErrors = viewCoordinatorAbi.filter((x) => x.type === 'error').map((x) => x.name)
    expect([...coordinatorErrorNames].sort()).toEqual([...abiErrors].sort())
    for (const item of viewCoordinatorAbi) {
      if (item.type !== 'error') continue
      const args = item.inputs.map((input) =>
        input.type === 'bytes32' ? viewId : input.type === 'address' ? '0x0000000000000000000000000000000000000001' : input.type === 'string' ? 'x' : input.type === 'uint8' || input.type === 'uint32' || input.type === 'uint40' ? 1 : 1n,
      )
      const data = encodeErrorResult({ abi: viewCoordinatorAbi, errorName: item.name, args } as never)
      const error = getCoordinatorError(revert(data)) as CoordinatorError
      expect(error).toBeInstanceOf(coordinatorErrorClasses[item.name])
      expect(error.name).toBe(`${item.name}Error`)
      expect(error.errorName).toBe(item.name)
      expect(Object.keys(error.args)).toEqual(item.inputs.map((input) => input.name))
      expect(error.shortMessage.length).toBeGreaterThan(20)
    }
  })

  test('behavior: an undeclared revert becomes CoordinatorError Unknown; the call viewId is kept', () => {
    const error = getCoordinatorError(revert('0xdeadbeef'), { viewId, functionName: 'ack' }) as CoordinatorError
    expect(error.constructor).toBe(CoordinatorError)
    expect(error.errorName).toBe('Unknown')
    expect(error.args).toEqual({ reason: undefined, signature: '0xdeadbeef' })
    expect(error.viewId).toBe(viewId)
    expect(error.shortMessage).toBe('The coordinator call ack reverted with undeclared error 0xdeadbeef.')
  })

  test('behavior: non-revert errors and coordinator errors are returned unchanged', () => {
    const network = new Error('socket hang up')
    expect(getCoordinatorError(network)).toBe(network)
    const typed = getCoordinatorError(revert(encodeErrorResult({ abi: viewCoordinatorAbi, errorName: 'EmptyView', args: [viewId] })))
    expect(getCoordinatorError(typed)).toBe(typed)
  })
})
