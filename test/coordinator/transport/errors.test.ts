import { describe, expect, test } from 'vitest'
import { LensyncError } from 'lensync'
import { isTransportError, TransportError } from 'lensync/coordinator'

describe('TransportError', () => {
  test('default: message layout, fields and class chain', () => {
    const error = new TransportError({
      code: 'NotFound',
      pointer: '/round',
      viewId: '0xab',
      round: 7n,
      peer: 'http://127.0.0.1:1',
      status: 404,
      message: 'the peer holds no payload for this round.',
    })
    expect(error.message).toMatchInlineSnapshot(`
      "NotFound at "/round" (view 0xab, round 7, peer http://127.0.0.1:1): the peer holds no payload for this round.

      Version: lensync@0.1.0"
    `)
    expect(error).toBeInstanceOf(LensyncError)
    expect(error).toMatchObject({ name: 'TransportError', code: 'NotFound', pointer: '/round', round: 7n, status: 404 })
    expect(isTransportError(error)).toBe(true)
    expect(isTransportError(error, 'NotFound')).toBe(true)
    expect(isTransportError(error, 'Timeout')).toBe(false)
    expect(isTransportError(new Error('x'))).toBe(false)
  })
})
