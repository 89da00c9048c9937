import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { decodePatch, decodeRoundPayload, decodeUint64, encodeUint64, errorCodeOf, errorResponse } from '../../../src/coordinator/transport/_internal/wire.js'
import { payload } from './_fixtures.js'

describe('wire (internal)', () => {
  test('behavior: every uint64 round-trips through its decimal string', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => decodeUint64(encodeUint64(n, '/n'), '/n') === n))
  })

  test('error: non-canonical or out-of-range integers are InvalidPayload with the pointer', () => {
    for (const bad of ['01', '-1', '1e3', ' 1', '18446744073709551616', 7, null])
      expect(() => decodeUint64(bad, '/round')).toThrowError(expect.objectContaining({ code: 'InvalidPayload', pointer: '/round' }))
    expect(() => encodeUint64(2n ** 64n, '/version')).toThrowError(expect.objectContaining({ pointer: '/version' }))
  })

  test('error: patch shape errors point at the op and member', () => {
    const cases: [unknown, string][] = [
      [{}, '/patch'],
      [[null], '/patch/0'],
      [[{ op: 'frobnicate', path: '/a' }], '/patch/0/op'],
      [[{ op: 'remove' }], '/patch/0/path'],
      [[{ op: 'remove', path: 'a' }], '/patch/0/path'],
      [[{ op: 'remove', path: '/a' }, { op: 'move', path: '/b' }], '/patch/1/from'],
      [[{ op: 'test', path: '/a' }], '/patch/0/value'],
    ]
    for (const [patch, pointer] of cases) expect(() => decodePatch(patch, '/patch')).toThrowError(expect.objectContaining({ code: 'InvalidPayload', pointer }))
  })

  test('behavior: a valid patch is returned as parsed (same objects, members untouched)', () => {
    const patch = [{ path: '/a', op: 'add', value: null, comment: 'kept' }]
    expect(decodePatch(patch, '/patch')).toBe(patch)
  })

  test('error: decodeRoundPayload names the bad field under the given prefix', () => {
    const good = { ...payload(), round: '7', baseVersion: '6', version: '7', signature: `0x${'ab'.repeat(65)}` }
    expect(decodeRoundPayload(good).round).toBe(7n)
    expect(() => decodeRoundPayload({ ...good, proposer: '0x12' }, '/payload')).toThrowError(expect.objectContaining({ pointer: '/payload/proposer' }))
    expect(() => decodeRoundPayload({ ...good, signature: '0x12' }, '/payload')).toThrowError(expect.objectContaining({ pointer: '/payload/signature' }))
    expect(() => decodeRoundPayload([], '/payload')).toThrowError(expect.objectContaining({ pointer: '/payload' }))
  })

  test('behavior: error bodies hold the code only; unknown codes read as ServerError', () => {
    expect(errorResponse('Unauthorized')).toEqual({ status: 403, body: '{"error":{"code":"Unauthorized"}}' })
    expect(errorCodeOf(JSON.parse(errorResponse('NotFound').body))).toBe('NotFound')
    expect(errorCodeOf({ error: { code: 'toString' } })).toBe('ServerError')
    expect(errorCodeOf(null)).toBe('ServerError')
  })
})
