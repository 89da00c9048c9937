import type { Hex } from 'viem'
import { describe, expect, test } from 'vitest'
import { RoundBook } from '../../../../src/coordinator/peer/_internal/roundBook.js'

const view = `0x${'ab'.repeat(32)}` as Hex
const other = `0x${'cd'.repeat(32)}` as Hex

describe('RoundBook', () => {
  test('default: an empty book has taken no step', () => {
    const book = new RoundBook()
    expect(book.has(view, 1n, 'acked')).toBe(false)
    expect(book.size).toBe(0)
  })

  test('behavior: mark records one step of one round of one view', () => {
    const book = new RoundBook()
    book.mark(view, 1n, 'acked')
    expect(book.has(view, 1n, 'acked')).toBe(true)
    expect(book.has(view, 1n, 'published')).toBe(false)
    expect(book.has(view, 2n, 'acked')).toBe(false)
    expect(book.has(other, 1n, 'acked')).toBe(false)
    book.mark(view, 1n, 'relayed')
    expect([book.has(view, 1n, 'acked'), book.has(view, 1n, 'relayed'), book.size]).toEqual([true, true, 1])
  })

  test('behavior: view ids match whatever their spelling', () => {
    const book = new RoundBook()
    book.mark(view.toUpperCase().replace('0X', '0x') as Hex, 3n, 'refused')
    expect(book.has(view, 3n, 'refused')).toBe(true)
  })

  test('behavior: noteRefusal is true once per round and reason', () => {
    const book = new RoundBook()
    expect(book.noteRefusal(view, 1n, 'RecordLocked')).toBe(true)
    expect(book.noteRefusal(view, 1n, 'RecordLocked')).toBe(false)
    expect(book.noteRefusal(view, 1n, 'PayloadUnavailable')).toBe(true)
    expect(book.noteRefusal(view, 2n, 'RecordLocked')).toBe(true)
    // A noted reason is not a final refusal.
    expect(book.has(view, 1n, 'refused')).toBe(false)
  })

  test('behavior: finish forgets the round (steps and noted reasons), and only that round', () => {
    const book = new RoundBook()
    book.mark(view, 1n, 'acked')
    book.noteRefusal(view, 1n, 'RecordLocked')
    book.mark(view, 2n, 'published')
    book.finish(view, 1n)
    expect(book.has(view, 1n, 'acked')).toBe(false)
    expect(book.noteRefusal(view, 1n, 'RecordLocked')).toBe(true)
    expect(book.has(view, 2n, 'published')).toBe(true)
    book.finish(view, 1n)
    book.finish(view, 2n)
    book.finish(other, 9n)
    expect(book.size).toBe(0)
  })

  test('behavior: deferRetry backs a round off exponentially; wake makes rounds waiting on local state due at once, not the others', () => {
    const book = new RoundBook()
    const backoff = { initialDelay: 1000, maxDelay: 3000 }
    expect(book.retryDue(view, 1n, 0)).toBe(true)
    expect([1, 2, 3].map((i) => book.deferRetry(view, 1n, 0, backoff))).toEqual([1000, 2000, 3000])
    expect(book.retryDue(view, 1n, 2999)).toBe(false)
    expect(book.retryDue(view, 1n, 3000)).toBe(true)
    book.deferRetry(other, 1n, 0, backoff, true)
    book.wake()
    expect(book.retryDue(other, 1n, 0)).toBe(true)
    expect(book.retryDue(view, 1n, 0)).toBe(false)
  })
})
