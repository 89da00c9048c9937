/**
 * Who was a member of a view at each round, for the transport's authorization, sealing and ack inbox.
 *
 * @since 0.2.0
 */
import { isAddressEqual, type Address, type Hex } from 'viem'
import { getBlockNumber } from 'viem/actions'
import { getAction } from 'viem/utils'
import type { CoordinatorReadClient } from '../chain/actions/_internal/write.js'
import { coordinatorEvents } from '../chain/actions/coordinatorEvents.js'
import { createRosterBook } from './_internal/rosterBook.js'
import type { OpenRound, ViewRoster } from './types.js'

/**
 * Options of {@link chainRoster}.
 *
 * @category models
 * @since 0.2.0
 */
export interface ChainRosterOptions {
  /** The ViewCoordinator contract. */
  readonly coordinator: Address
  /**
   * First block to read: the coordinator's deployment block or earlier (membership is rebuilt from
   * every event since).
   * @defaultValue 0n
   */
  readonly fromBlock?: bigint | undefined
  /**
   * Milliseconds an answer may be based on events read that long ago.
   * @defaultValue 2_000
   */
  readonly maxAge?: number | undefined
  /**
   * Least milliseconds between two reads forced by a miss (an unknown view or round, a requester not a
   * member): whatever the requests, the chain is read at most once per interval.
   * @defaultValue 100
   */
  readonly minRefreshInterval?: number | undefined
  /**
   * Clock in milliseconds.
   * @defaultValue Date.now
   */
  readonly now?: (() => number) | undefined
}

/**
 * A {@link ViewRoster} kept fresh from the coordinator's events: no RPC per request.
 *
 * **When to use**
 * - As `roster` of every transport and ack channel of peers on a chain; share one per process.
 *
 * **Details**
 * - Reads `eth_getLogs` of the coordinator (every view) from `fromBlock`, then only new blocks. An answer
 *   older than `maxAge` triggers a read; a miss (the view or round is unknown, the account is not a
 *   member) triggers one at most every `minRefreshInterval` ms, shared by every request waiting for
 *   it. Requests that fail a cheaper check first (signature, freshness, replay) never reach it.
 * - Rounds come from `UpdateProposed`, membership from `PeerPermissionsChanged` (which also records
 *   removals by `evictAndCommit`); the contract forbids membership changes while a round is open, so
 *   each round has one roster.
 * - A failed read rejects; transports answer it as `ServerError`.
 *
 * **Example**
 * ```ts
 * import type { Address, PublicClient } from 'viem'
 * import { chainRoster } from 'lensync/coordinator'
 *
 * declare const publicClient: PublicClient, coordinator: Address, deployBlock: bigint
 * const roster = chainRoster(publicClient, { coordinator, fromBlock: deployBlock })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export function chainRoster(client: CoordinatorReadClient, options: ChainRosterOptions): ViewRoster {
  const { coordinator } = options
  const maxAge = options.maxAge ?? 2_000
  const minInterval = options.minRefreshInterval ?? 100
  const now = options.now ?? Date.now
  const book = createRosterBook()
  let next = options.fromBlock ?? 0n
  let readAt = Number.NEGATIVE_INFINITY
  let reading: Promise<void> | undefined
  let scheduled: Promise<void> | undefined

  const read = (): Promise<void> =>
    (reading ??= (async () => {
      try {
        const started = now()
        const head = await getAction(client, getBlockNumber, 'getBlockNumber')({ cacheTime: 0 })
        if (head >= next) {
          for (const log of await coordinatorEvents(client, { address: coordinator, fromBlock: next, toBlock: head })) book.apply(log)
          next = head + 1n
        }
        readAt = started
      } finally {
        reading = undefined
      }
    })())
  const fresh = async () => {
    if (now() - readAt > maxAge) await read()
  }
  /** A read forced by a miss: at most one per `minInterval`, shared. */
  const reread = (): Promise<void> => {
    if (reading !== undefined) return reading
    const wait = readAt + minInterval - now()
    if (wait <= 0) return read()
    return (scheduled ??= new Promise<void>((resolve) => setTimeout(resolve, wait))
      .then(read)
      .finally(() => {
        scheduled = undefined
      }))
  }

  return {
    async membersAt({ viewId, round }) {
      await fresh()
      const members = book.membersAt(viewId, round)
      if (members !== undefined) return members
      await reread()
      // Still not proposed after a fresh read: the members now.
      return book.membersAt(viewId, round) ?? book.membersAt(viewId, 0n)
    },
    async isMember({ viewId, round, account }) {
      const has = (members: readonly Address[] | undefined) => members?.some((m) => isAddressEqual(m, account)) === true
      await fresh()
      if (has(book.membersAt(viewId, round))) return true
      await reread()
      return has(book.membersAt(viewId, round) ?? book.membersAt(viewId, 0n))
    },
    async openRound({ viewId, round }) {
      await fresh()
      const open = () => {
        const found = book.openRound(viewId)
        return found?.round === round ? found : undefined
      }
      if (open() !== undefined || (book.membersAt(viewId, round) !== undefined && round !== 0n)) return open()
      await reread()
      return open()
    },
    refresh: read,
  }
}
