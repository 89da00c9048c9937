/**
 * The in-process transport.
 *
 * @since 0.1.0
 */
import type { Address } from 'viem'
import { TransportError } from './errors.js'
import type { TransportHub } from './hub.js'
import { invalidConfig } from './_internal/invalidConfig.js'
import { decodeKeyBinding } from './_internal/keyInfo.js'
import { createTransportCore } from './_internal/transportCore.js'
import type { Transport, TransportBaseConfig } from './types.js'

/**
 * Settings of {@link inProcessTransport}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface InProcessTransportConfig extends TransportBaseConfig {
  /**
   * Largest answer `fetch` accepts, in bytes of UTF-8, as the HTTP transport's client does: a larger
   * one is `PayloadTooLarge` (a final refusal of the round for the peer engine).
   * @defaultValue 8_388_608 (8 MiB)
   */
  readonly maxResponseBytes?: number | undefined
}

/**
 * A transport whose peers share a {@link TransportHub} in one process.
 *
 * @category transports
 * @since 0.1.0
 */
export interface InProcessTransport extends Transport {
  /** The hub this transport listens on. */
  readonly hub: TransportHub
}

/**
 * Everything {@link inProcessTransport} and its methods can throw.
 *
 * @category transports
 * @since 0.1.0
 */
export type InProcessTransportErrorType = TransportError

/**
 * Creates a transport for a peer that talks to other peers of the same process through `hub`.
 *
 * **When to use**
 * - Tests, examples and single-process deployments. It behaves like {@link httpTransport}: the same
 *   signatures, sealing, freshness window, nonces, roster check, status codes and errors, minus
 *   sockets and HTTP's own checks (hosts, media types, rate limits); answers above `maxResponseBytes`
 *   are refused as over HTTP.
 *
 * **Details**
 * - Listens on the hub under `account.address` as soon as it is created (`Conflict` if another
 *   transport already does), and publishes its encryption key binding there (endpoint `'info'`);
 *   `close()` stops listening.
 * - `publish` signs with `account`; `fetch` signs a `Fetch` request with `account` and verifies the
 *   answer (see {@link Transport.fetch}).
 * - `setArchive(archive)`: rounds no longer retained in memory are looked up there, signed and served
 *   (see {@link PayloadArchive}).
 * - Errors: every code of {@link TransportErrorCode} but the HTTP ones (`Timeout`, `InvalidHost`,
 *   `UnsupportedMediaType`, `RateLimited`, `InsecureUrl`); `Unreachable` when no peer listens for
 *   `from`; `PayloadTooLarge` for an answer above `maxResponseBytes`; `InvalidConfig` (pointer
 *   `/maxResponseBytes`) for a limit that is not a positive integer.
 *
 * **Example** (publish, then fetch)
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { createTransportHub, inProcessTransport, type RoundPayload, type ViewRoster } from 'lensync/coordinator'
 *
 * declare const aliceAccount: LocalAccount, bobAccount: LocalAccount, coordinator: Address, roster: ViewRoster
 * declare const payload: RoundPayload // proposed by alice; alice and bob are the view's members
 * const hub = createTransportHub()
 * const alice = inProcessTransport(hub, { account: aliceAccount, chainId: 31337, coordinator, roster })
 * const bob = inProcessTransport(hub, { account: bobAccount, chainId: 31337, coordinator, roster })
 * await alice.publish(payload)
 * const got = await bob.fetch({ viewId: payload.viewId, round: payload.round, from: alice.address })
 * got.salt === payload.salt
 * // Output: true
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export function inProcessTransport(hub: TransportHub, config: InProcessTransportConfig): InProcessTransport {
  const address = config.account.address
  const maxResponseBytes = config.maxResponseBytes ?? 8 * 1024 * 1024
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw invalidConfig('inProcessTransport', '/maxResponseBytes', `maxResponseBytes must be a positive integer, got ${maxResponseBytes}.`)
  const lookup = async (peer: Address) => {
    const response = await hub.send(peer, '', 'info')
    return response.status === 200 ? decodeKeyBinding(response.body) : undefined
  }
  const core = createTransportCore('inProcessTransport', config, () => address, lookup)
  const stopListening = hub.listen(address, async (body, endpoint) =>
    endpoint === 'info' ? { status: 200, body: await core.info() } : core.payloads.handle(body),
  )
  return {
    hub,
    address,
    publish: core.publish,
    withdraw: core.withdraw,
    async fetch(parameters) {
      core.checkFetch(parameters)
      const body = await core.signFetch(parameters)
      const peer = parameters.from
      let response
      try {
        response = await hub.send(peer, body)
      } catch (error) {
        if (error instanceof TransportError) throw new TransportError({ code: error.code, viewId: parameters.viewId, round: parameters.round, peer, message: 'no peer listens for this address on the hub (not started, or closed).', cause: error })
        throw error
      }
      if (Buffer.byteLength(response.body) > maxResponseBytes)
        throw new TransportError({ code: 'PayloadTooLarge', viewId: parameters.viewId, round: parameters.round, peer, status: response.status, message: `the peer's answer exceeds maxResponseBytes (${maxResponseBytes}); raise it if the patch is legitimately this large.` })
      return core.readResponse(parameters, response, peer)
    },
    async close() {
      if (core.markClosed()) stopListening()
    },
    setArchive: core.setArchive,
  }
}
