import { describe, expect, test } from 'vitest'
import { PeerError, TransportError } from 'lensync/coordinator'
import type { TransportErrorCode } from 'lensync/coordinator'
import { backoffDelay, backoffOf, fetchRefusal, isFinalRefusal } from '../../../../src/coordinator/peer/_internal/refusals.js'
import { expectLensyncError } from '../../../_helpers/expectError.js'

const served = (code: TransportErrorCode, status?: number) => new TransportError({ code, status, message: 'x' })

describe('fetchRefusal', () => {
  test.each([
    ['BadSignature', undefined, 'BadSignature'],
    ['PayloadTooLarge', 200, 'PayloadTooLarge'],
    ['InvalidPayload', undefined, 'PayloadInvalid'],
    ['DecryptionFailed', undefined, 'PayloadInvalid'],
    ['NotRecipient', 403, 'PayloadInvalid'],
  ] as const)('behavior: %s found in what the proposer served (status %s) is final (%s)', (code, status, reason) => {
    expect(fetchRefusal(served(code, status))).toBe(reason)
    expect(isFinalRefusal(fetchRefusal(served(code, status)))).toBe(true)
  })

  test.each([
    ['Unreachable', undefined],
    ['Timeout', undefined],
    ['NotFound', 404],
    ['RateLimited', 429],
    ['ServerError', 500],
    ['Unauthorized', 403],
    ['StaleRequest', 401],
    ['BadSignature', 401], // the server refused this peer's request signature, not the payload
    ['InvalidPayload', 400],
  ] as const)('behavior: %s (status %s) is transient (PayloadUnavailable)', (code, status) => {
    expect(fetchRefusal(served(code, status))).toBe('PayloadUnavailable')
    expect(isFinalRefusal('PayloadUnavailable')).toBe(false)
  })

  test('behavior: an error that is not a TransportError is transient', () => {
    expect(fetchRefusal(new Error('socket hang up'))).toBe('PayloadUnavailable')
  })
})

describe('backoff', () => {
  test('default: 1 s doubling to at most 60 s', () => {
    const backoff = backoffOf(undefined)
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => backoffDelay(backoff, n))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000])
  })

  test('behavior: maxDelay defaults to at least initialDelay', () => {
    expect(backoffOf({ initialDelay: 120_000 })).toEqual({ initialDelay: 120_000, maxDelay: 120_000 })
  })

  test('error: a negative initialDelay or a maxDelay below it is InvalidArgument naming the field', () => {
    expectLensyncError(() => backoffOf({ initialDelay: -1 }), PeerError, { code: 'InvalidArgument', pointer: '/retry/initialDelay' })
    expectLensyncError(() => backoffOf({ initialDelay: 10, maxDelay: 5 }), PeerError, { code: 'InvalidArgument', pointer: '/retry/maxDelay' })
    expectLensyncError(() => backoffOf({ maxDelay: Number.NaN }), PeerError, { code: 'InvalidArgument', pointer: '/retry/maxDelay' })
  })
})
