/**
 * What this process already did for each round, so that a sync does not do it twice. @internal
 */
import type { Hex } from 'viem'
import { type Backoff, backoffDelay } from './refusals.js'

/**
 * A step a peer takes at most once per round in one process:
 * - `published`: it published the payload of a round it proposed (republished on every sync until then);
 * - `acked`: it acked the round, or signed and handed over its ack (relay mode): no second transaction;
 * - `relayed`: it relayed the collected signatures of a round it proposed;
 * - `refused`: it refused the round for good (a transient refusal is retried with backoff, and not marked).
 *
 * @internal
 */
export type RoundStep = 'published' | 'acked' | 'relayed' | 'refused'

interface Entry {
  readonly steps: Set<RoundStep>
  /** Refusal reasons already logged. */
  readonly noted: Set<string>
  /** Failed attempts at a transient refusal, and when the next one is due (ms since the epoch). */
  attempts: number
  nextAt: number
  /** The last transient refusal waits on this peer's own state (a lock, a round to promote). */
  local: boolean
}

/**
 * The round book of one peer process: per open round (`viewId`, `round`), the steps taken and the
 * refusal reasons logged.
 *
 * **Details**
 * - Memory only: a restarted peer starts with an empty book and redoes a step when the chain or its
 *   storage says it is still due (an ack whose bit is missing on chain, a payload not yet served).
 * - View ids are compared in their lowercase spelling.
 * - {@link RoundBook.finish} forgets a round once it closed on chain, so the book holds only the
 *   rounds still open (or closed since the last sync), not every round the peer ever saw.
 *
 * @internal
 */
export class RoundBook {
  readonly #rounds = new Map<string, Entry>()

  /** Records that this process took `step` for the round. */
  mark(viewId: Hex, round: bigint, step: RoundStep): void {
    this.#entry(viewId, round).steps.add(step)
  }

  /** Whether this process took `step` for the round. */
  has(viewId: Hex, round: bigint, step: RoundStep): boolean {
    return this.#rounds.get(key(viewId, round))?.steps.has(step) === true
  }

  /** Records that a refusal of the round for `reason` is logged: `true` the first time, `false` after. */
  noteRefusal(viewId: Hex, round: bigint, reason: string): boolean {
    const { noted } = this.#entry(viewId, round)
    if (noted.has(reason)) return false
    noted.add(reason)
    return true
  }

  /**
   * Records a transient refusal of the round at `now` (ms): the next attempt is due after
   * {@link backoffDelay} for the number of failed attempts so far, or at the next {@link RoundBook.wake}
   * when the refusal is `local`. Returns that delay.
   */
  deferRetry(viewId: Hex, round: bigint, now: number, backoff: Backoff, local = false): number {
    const entry = this.#entry(viewId, round)
    entry.attempts++
    const delay = backoffDelay(backoff, entry.attempts)
    entry.nextAt = now + delay
    entry.local = local
    return delay
  }

  /**
   * Makes the rounds that wait on this peer's own state (`local` refusals: a record locked by another
   * round, a round not promoted yet) due at once: called when this peer promoted or discarded a round,
   * which is what they wait for.
   */
  wake(): void {
    for (const entry of this.#rounds.values()) if (entry.local) entry.nextAt = 0
  }

  /** Whether the round may be tried again at `now` (always, before any transient refusal). */
  retryDue(viewId: Hex, round: bigint, now: number): boolean {
    const entry = this.#rounds.get(key(viewId, round))
    return entry === undefined || now >= entry.nextAt
  }

  /** Forgets a round that closed on chain (completed or aborted): none of its steps is due again. */
  finish(viewId: Hex, round: bigint): void {
    this.#rounds.delete(key(viewId, round))
  }

  /** The number of rounds the book holds. */
  get size(): number {
    return this.#rounds.size
  }

  #entry(viewId: Hex, round: bigint): Entry {
    const k = key(viewId, round)
    let entry = this.#rounds.get(k)
    if (entry === undefined) this.#rounds.set(k, (entry = { steps: new Set(), noted: new Set(), attempts: 0, nextAt: 0, local: false }))
    return entry
  }
}

const key = (viewId: Hex, round: bigint): string => `${viewId.toLowerCase()}:${round}`
