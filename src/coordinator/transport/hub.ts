/**
 * An in-memory network for peers in one process.
 *
 * @since 0.1.0
 */
import { getAddress, type Address } from 'viem'
import { TransportError } from './errors.js'

/**
 * What a hub listener answers: an HTTP-like status and a JSON body.
 *
 * @category transports
 * @since 0.1.0
 */
export interface HubResponse {
  /** 200 for a payload, the error's status otherwise (403, 404, …). */
  readonly status: number
  /** JSON text. */
  readonly body: string
}

/**
 * A listener on a hub: answers one request body sent to one of its endpoints (`'fetch'` unless told).
 *
 * @category transports
 * @since 0.1.0
 */
export type HubHandler = (body: string, endpoint: string) => Promise<HubResponse>

/**
 * An in-memory network shared by the {@link inProcessTransport}s of one process.
 *
 * **Details**
 * - Only strings cross it, never objects, so peers share no mutable state, and bigints and patches go
 *   through the same JSON wire format as over HTTP.
 * - `listen` and `send` are the low-level API the in-process transport uses; applications normally
 *   only pass the hub around.
 *
 * @category transports
 * @since 0.1.0
 */
export interface TransportHub {
  /** Serves requests addressed to `address`. Returns a function that stops listening. `Conflict` if taken. */
  listen(address: Address, handler: HubHandler): () => void
  /** Delivers a request body to an endpoint (`'fetch'` by default; `'info'`) of the peer at `address`. `Unreachable` when no peer listens there. */
  send(address: Address, body: string, endpoint?: string): Promise<HubResponse>
  /** Addresses listening now. */
  readonly addresses: readonly Address[]
}

/**
 * Creates an empty hub.
 *
 * **When to use**
 * - Tests, demos and single-process setups where several peers run side by side; pass the same hub to
 *   every peer's {@link inProcessTransport}.
 *
 * **Example** (two peers, one hub)
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { createTransportHub, inProcessTransport, type ViewRoster } from 'lensync/coordinator'
 *
 * declare const aliceAccount: LocalAccount, bobAccount: LocalAccount, coordinator: Address, roster: ViewRoster
 * const hub = createTransportHub()
 * const alice = inProcessTransport(hub, { account: aliceAccount, chainId: 31337, coordinator, roster })
 * const bob = inProcessTransport(hub, { account: bobAccount, chainId: 31337, coordinator, roster })
 * hub.addresses.length
 * // Output: 2
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export function createTransportHub(): TransportHub {
  const handlers = new Map<Address, HubHandler>()
  return {
    listen(address, handler) {
      const key = getAddress(address)
      if (handlers.has(key))
        throw new TransportError({
          code: 'Conflict',
          peer: key,
          message: 'another transport already listens for this account on the hub; close it first.',
        })
      handlers.set(key, handler)
      return () => {
        if (handlers.get(key) === handler) handlers.delete(key)
      }
    },
    async send(address, body, endpoint = 'fetch') {
      const key = getAddress(address)
      const handler = handlers.get(key)
      if (handler === undefined)
        throw new TransportError({ code: 'Unreachable', peer: key, message: 'no peer listens for this address on the hub (not started, or closed).' })
      // Copy the string boundary semantics of a socket: the handler runs on a later tick.
      await Promise.resolve()
      return handler(body, endpoint)
    },
    get addresses() {
      return [...handlers.keys()]
    },
  }
}
