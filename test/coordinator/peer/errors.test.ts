import { describe, expect, test } from 'vitest'
import { isPeerError, PeerError, RoundOpenError } from 'lensync/coordinator'
import { LensyncError } from 'lensync'

describe('PeerError', () => {
  test('default: code, pointer, where, source and the message layout', () => {
    const error = new PeerError({
      code: 'RoundOpen',
      viewId: '0x01',
      recordId: 'record',
      round: 3n,
      message: 'round 3 is staged over this record; sync, then retry.',
    })
    expect(error).toBeInstanceOf(LensyncError)
    expect(error.name).toBe('PeerError')
    expect(error.code).toBe('RoundOpen')
    expect(error.pointer).toBe('')
    expect(error.source).toBe('local')
    expect(error.message).toMatchInlineSnapshot(`
      "RoundOpen: round 3 is staged over this record; sync, then retry.

      View: 0x01
      Record: record
      Round: 3

      Version: lensync@0.1.0"
    `)
  })

  test('behavior: a pointer is named, and the cause is reachable with walk()', () => {
    const cause = new RoundOpenError({ errorName: 'RoundOpen', args: { viewId: '0x01', round: 1n, deadline: 10 } } as never)
    const error = new PeerError({ code: 'RoundOpen', source: 'chain', pointer: '/edit', message: 'refused.', cause })
    expect(error.shortMessage).toBe('RoundOpen at "/edit": refused.')
    expect(error.source).toBe('chain')
    expect(error.walk((e) => e instanceof RoundOpenError)).toBe(cause)
  })

  test('isPeerError: by class, and by code', () => {
    const error = new PeerError({ code: 'StaleBase', message: 'x' })
    expect(isPeerError(error)).toBe(true)
    expect(isPeerError(error, 'StaleBase')).toBe(true)
    expect(isPeerError(error, 'RoundOpen')).toBe(false)
    expect(isPeerError(new Error('x'))).toBe(false)
  })
})
