import { describe, expect, test } from 'vitest'
import { LensError, validatePatch } from 'lensync/lens'

function invalid(patch: unknown, pointer: string, opIndex: number, field: string): void {
  try {
    validatePatch(patch)
  } catch (e) {
    expect(e).toBeInstanceOf(LensError)
    expect(e).toMatchObject({ code: 'InvalidPatch', pointer, data: { opIndex, field } })
    return
  }
  throw new Error('expected InvalidPatch')
}

describe('validatePatch', () => {
  test('default: accepts every well-formed op', () => {
    expect(() =>
      validatePatch([
        { op: 'add', path: '/a/-', value: 1 },
        { op: 'remove', path: '/a/0' },
        { op: 'replace', path: '', value: {} },
        { op: 'move', from: '/a/0', path: '/b/-' },
        { op: 'copy', from: '/a~1b', path: '/c' },
        { op: 'test', path: '/m~0n', value: null },
      ]),
    ).not.toThrow()
  })

  test('error: not an array, not an object, unknown op', () => {
    invalid({ op: 'add' }, '', -1, 'op')
    invalid([null], '', 0, 'op')
    invalid([{ op: 'remove', path: '/a' }, { op: 'merge', path: '/a' }], '/a', 1, 'op')
  })

  test('error: bad pointers', () => {
    invalid([{ op: 'remove', path: 'a' }], 'a', 0, 'path')
    invalid([{ op: 'remove', path: '/a~2' }], '/a~2', 0, 'path')
    invalid([{ op: 'remove' }], '', 0, 'path')
    invalid([{ op: 'copy', from: 'x', path: '/a' }], 'x', 0, 'from')
    invalid([{ op: 'add', path: '/__proto__/x', value: 1 }], '/__proto__/x', 0, 'path')
  })

  test('error: missing value or from', () => {
    invalid([{ op: 'add', path: '/a' }], '/a', 0, 'value')
    invalid([{ op: 'replace', path: '/a', value: undefined }], '/a', 0, 'value')
    invalid([{ op: 'test', path: '/a' }], '/a', 0, 'value')
    invalid([{ op: 'move', path: '/a' }], '', 0, 'from')
  })

  test('error: `-` only as the last token of an add/move/copy path', () => {
    invalid([{ op: 'add', path: '/a/-/b', value: 1 }], '/a/-/b', 0, 'path')
    invalid([{ op: 'remove', path: '/a/-' }], '/a/-', 0, 'path')
    invalid([{ op: 'replace', path: '/a/-', value: 1 }], '/a/-', 0, 'path')
    invalid([{ op: 'test', path: '/a/-', value: 1 }], '/a/-', 0, 'path')
    invalid([{ op: 'move', from: '/a/-', path: '/b' }], '/a/-', 0, 'from')
  })

  test('error: a move into its own child', () => {
    invalid([{ op: 'move', from: '/a', path: '/a/b' }], '/a/b', 0, 'from')
  })
})
