import type { Hex } from 'viem'
import { describe, expect, test } from 'vitest'
import { PeerError, type RoundOutcome } from 'lensync/coordinator'
import { RoundWaiters } from '../../../../src/coordinator/peer/_internal/roundWaiters.js'
import { expectLensyncErrorAsync } from '../../../_helpers/expectError.js'

const view = `0x${'ab'.repeat(32)}` as Hex
const other = `0x${'cd'.repeat(32)}` as Hex
const expired = (round: bigint): RoundOutcome => ({ status: 'expired', viewId: view, round })

describe('RoundWaiters', () => {
  test('default: settle resolves every waiter of that round only, and removes them', async () => {
    const waiters = new RoundWaiters()
    const a = waiters.wait(view, 1n, undefined)
    const b = waiters.wait(view.toUpperCase().replace('0X', '0x') as Hex, 1n, 10_000)
    const c = waiters.wait(view, 2n, undefined)
    const d = waiters.wait(other, 1n, undefined)
    expect(waiters.size).toBe(4)
    waiters.settle(view, 1n, expired(1n))
    expect(await a).toEqual(expired(1n))
    expect(await b).toEqual(expired(1n))
    expect(waiters.size).toBe(2)
    expect(waiters.has(view, 1n)).toBe(false)
    waiters.settle(view, 2n, expired(2n))
    waiters.settle(other, 1n, expired(1n))
    await Promise.all([c, d])
    expect(waiters.size).toBe(0)
  })

  test('error: a timeout rejects with PeerError Timeout at /timeoutMs and removes only that waiter', async () => {
    const waiters = new RoundWaiters()
    const patient = waiters.wait(view, 1n, undefined)
    const error = await expectLensyncErrorAsync(waiters.wait(view, 1n, 5), PeerError, { code: 'Timeout', pointer: '/timeoutMs', round: 1n })
    expect(error.viewId).toBe(view)
    expect(waiters.size).toBe(1)
    waiters.settle(view, 1n, expired(1n))
    expect(await patient).toEqual(expired(1n))
    expect(waiters.size).toBe(0)
  })

  test('error: close rejects every pending waiter with Closed, clears their timers, and every later wait', async () => {
    const waiters = new RoundWaiters()
    const pending = [waiters.wait(view, 1n, 60_000), waiters.wait(other, 3n, undefined)].map((p) => expectLensyncErrorAsync(p, PeerError, { code: 'Closed' }))
    waiters.noteRefusal(view, 1n, { code: 'PatchRejected', message: 'no', cause: undefined })
    waiters.close()
    const [first, second] = await Promise.all(pending)
    expect([first!.round, second!.round]).toEqual([1n, 3n])
    expect(waiters.size).toBe(0)
    expect(waiters.refusals).toBe(0)
    await expectLensyncErrorAsync(waiters.wait(view, 2n, undefined), PeerError, { code: 'Closed' })
    expect(waiters.size).toBe(0)
  })

  test('behavior: an own refusal is kept until the round settles or is forgotten', () => {
    const waiters = new RoundWaiters()
    waiters.noteRefusal(view, 1n, { code: 'CommitmentMismatch', message: 'no', cause: undefined })
    waiters.noteRefusal(view, 2n, { code: 'PatchRejected', message: 'no', cause: undefined })
    expect(waiters.refusalOf(view, 1n)?.code).toBe('CommitmentMismatch')
    waiters.settle(view, 1n, expired(1n))
    waiters.forget(view, 2n)
    expect(waiters.refusalOf(view, 1n)).toBeUndefined()
    expect(waiters.refusals).toBe(0)
  })
})
