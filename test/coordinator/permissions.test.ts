import { describe, expect, test } from 'vitest'
import { hasPermission, MissingPermissionError, READ, WRITE } from 'lensync/coordinator'

describe('permissions', () => {
  test('default: READ and WRITE are distinct bits, combined with |', () => {
    expect([READ, WRITE, READ | WRITE]).toEqual([1, 2, 3])
  })

  test('hasPermission: true when every required bit is set', () => {
    const table = [0, READ, WRITE, READ | WRITE].map((mask) => [
      hasPermission(mask, READ),
      hasPermission(mask, WRITE),
      hasPermission(mask, READ | WRITE),
    ])
    expect(table).toEqual([
      [false, false, false],
      [true, false, false],
      [false, true, false],
      [true, true, true],
    ])
  })

  test('behavior: a MissingPermission revert names the permission, not its number', () => {
    const viewId = `0x${'01'.repeat(32)}` as const
    const account = '0x0000000000000000000000000000000000000001'
    const error = new MissingPermissionError({ args: { viewId, account, required: WRITE } })
    expect(error.shortMessage).toBe(`${account} lacks the WRITE permission on view 0x01010101…: ask the controller to grant it.`)
  })
})
