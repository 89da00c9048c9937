/**
 * The callers waiting for the outcome of a round, and this peer's own final refusals. @internal
 */
import type { Hex } from 'viem'
import { PeerError, type RoundRefusalCode } from '../errors.js'
import type { RoundOutcome } from '../roundOutcome.js'

interface Waiter {
  readonly resolve: (outcome: RoundOutcome) => void
  readonly reject: (error: PeerError) => void
  readonly timer: ReturnType<typeof setTimeout> | undefined
}

/** Why this peer refused a round for good (kept until the round closes). @internal */
export interface OwnRefusal {
  readonly code: Exclude<RoundRefusalCode, 'Cancelled'>
  readonly message: string
  readonly cause: unknown
}

/**
 * Pending `waitForRound` calls per round. Every waiter leaves the registry exactly once: when the
 * round's outcome is known ({@link RoundWaiters.settle}), when its timeout fires, or on
 * {@link RoundWaiters.close}. @internal
 */
export class RoundWaiters {
  readonly #waiters = new Map<string, { readonly viewId: Hex; readonly round: bigint; readonly set: Set<Waiter> }>()
  readonly #refusals = new Map<string, OwnRefusal>()
  #closed = false

  /** Whether `close` was called. */
  get closed(): boolean {
    return this.#closed
  }

  /** The number of pending waiters (all rounds). */
  get size(): number {
    let n = 0
    for (const { set } of this.#waiters.values()) n += set.size
    return n
  }

  /** The number of rounds with a refusal of this peer kept. */
  get refusals(): number {
    return this.#refusals.size
  }

  /** Whether a caller waits for the round. */
  has(viewId: Hex, round: bigint): boolean {
    return this.#waiters.has(key(viewId, round))
  }

  /** Registers a waiter; rejects at once with `Closed` after `close`, and with `Timeout` after `timeoutMs`. */
  wait(viewId: Hex, round: bigint, timeoutMs: number | undefined): Promise<RoundOutcome> {
    if (this.#closed) return Promise.reject(closedError(viewId, round))
    const k = key(viewId, round)
    return new Promise<RoundOutcome>((resolve, reject) => {
      let entry = this.#waiters.get(k)
      if (entry === undefined) this.#waiters.set(k, (entry = { viewId, round, set: new Set() }))
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.#remove(k, waiter)
              reject(
                new PeerError({
                  code: 'Timeout',
                  pointer: '/timeoutMs',
                  viewId,
                  round,
                  message: `no outcome of the round within ${timeoutMs} ms; it goes on: wait again, or sync() the peers.`,
                }),
              )
            }, timeoutMs)
      const waiter: Waiter = { resolve, reject, timer }
      entry.set.add(waiter)
    })
  }

  /** Resolves (and removes) every waiter of the round with `outcome`; forgets the round's own refusal. */
  settle(viewId: Hex, round: bigint, outcome: RoundOutcome): void {
    const k = key(viewId, round)
    this.#refusals.delete(k)
    const entry = this.#waiters.get(k)
    if (entry === undefined) return
    this.#waiters.delete(k)
    for (const waiter of entry.set) {
      if (waiter.timer !== undefined) clearTimeout(waiter.timer)
      waiter.resolve(outcome)
    }
  }

  /** Forgets this peer's own refusal of a round that closed while nobody waited for it. */
  forget(viewId: Hex, round: bigint): void {
    this.#refusals.delete(key(viewId, round))
  }

  /** Records that this peer refused the round for good. */
  noteRefusal(viewId: Hex, round: bigint, refusal: OwnRefusal): void {
    this.#refusals.set(key(viewId, round), refusal)
  }

  /** This peer's final refusal of the round, if any. */
  refusalOf(viewId: Hex, round: bigint): OwnRefusal | undefined {
    return this.#refusals.get(key(viewId, round))
  }

  /** Rejects every pending waiter with `Closed`; later waits reject at once. */
  close(): void {
    this.#closed = true
    const all = [...this.#waiters.values()]
    this.#waiters.clear()
    this.#refusals.clear()
    for (const { viewId, round, set } of all) {
      for (const waiter of set) {
        if (waiter.timer !== undefined) clearTimeout(waiter.timer)
        waiter.reject(closedError(viewId, round))
      }
    }
  }

  #remove(k: string, waiter: Waiter): void {
    const entry = this.#waiters.get(k)
    if (entry === undefined) return
    entry.set.delete(waiter)
    if (entry.set.size === 0) this.#waiters.delete(k)
  }
}

const key = (viewId: Hex, round: bigint): string => `${viewId.toLowerCase()}:${round}`

const closedError = (viewId: Hex, round: bigint): PeerError =>
  new PeerError({ code: 'Closed', viewId, round, message: 'the peer was closed; no outcome will be reported.' })
