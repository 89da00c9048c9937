/**
 * The HTTP transport with a server of its own.
 *
 * @since 0.1.0
 */
import { TransportError } from './errors.js'
import { createHttpTransportHandler, type HttpTransportHandler, type HttpTransportHandlerConfig } from './httpHandler.js'
import { closer, hardenedServer, listen } from './_internal/httpServer.js'
import { invalidConfig } from './_internal/invalidConfig.js'

/**
 * Settings of {@link httpTransport}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface HttpTransportConfig extends HttpTransportHandlerConfig {
  /**
   * Where this peer's server listens. Port `0` picks a free port (read it from `url`).
   * @defaultValue { host: '127.0.0.1', port: 0 }
   */
  readonly listen?: { readonly host?: string | undefined; readonly port?: number | undefined } | undefined
  /**
   * Most connections the server keeps open at once; more are dropped as they arrive.
   * @defaultValue 256
   */
  readonly maxConnections?: number | undefined
}

/**
 * A transport whose peers talk HTTP/1.1 with JSON bodies, with its own server.
 *
 * @category transports
 * @since 0.1.0
 */
export interface HttpTransport extends HttpTransportHandler {
  /** This peer's server base URL, e.g. `http://127.0.0.1:41234`: what other peers' directories map this address to. */
  readonly url: string
}

/**
 * Everything {@link httpTransport} and its methods can throw.
 *
 * @category transports
 * @since 0.1.0
 */
export type HttpTransportErrorType = TransportError

/**
 * Starts a peer's HTTP server and returns a transport that publishes into it and fetches from the
 * other peers' servers.
 *
 * **When to use**
 * - Peers in separate processes or machines with no HTTP server of their own. To mount the transport
 *   in an existing server, {@link httpTransportHandler}; for one process, {@link inProcessTransport}.
 *
 * **Details**
 * - Serves {@link httpTransportHandler}'s handler (same endpoints, checks and errors) from a node:http
 *   server bound to `127.0.0.1` unless told otherwise; the listen host is added to `allowedHosts`.
 * - Hardened: at most `maxConnections` connections; a connection whose headers or body do not arrive
 *   within `timeout`, or that stays silent that long, is closed within `timeout` plus half a second.
 * - TLS is not its job: across machines put a TLS terminator in front and give the directory
 *   `https://` URLs (remote `http://` URLs are refused by the client unless `allowInsecureHttp`).
 * - `close()` stops the server, drops its keep-alive connections and frees the port.
 *
 * **Example** (two peers on loopback)
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { httpTransport, type RoundPayload, type ViewRoster } from 'lensync/coordinator'
 *
 * declare const aliceAccount: LocalAccount, bobAccount: LocalAccount, coordinator: Address, roster: ViewRoster
 * declare const payload: RoundPayload // proposed by alice, version 4n
 * const urls = new Map<Address, string>()
 * const directory = (address: Address) => urls.get(address)
 * const alice = await httpTransport({ account: aliceAccount, chainId: 31337, coordinator, roster, directory })
 * const bob = await httpTransport({ account: bobAccount, chainId: 31337, coordinator, roster, directory })
 * urls.set(alice.address, alice.url)
 * urls.set(bob.address, bob.url)
 * await alice.publish(payload)
 * const got = await bob.fetch({ viewId: payload.viewId, round: payload.round, from: alice.address })
 * got.version
 * // Output: 4n
 * await Promise.all([alice.close(), bob.close()])
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export async function httpTransport(config: HttpTransportConfig): Promise<HttpTransport> {
  const host = config.listen?.host ?? '127.0.0.1'
  const port = config.listen?.port ?? 0
  const timeout = config.timeout ?? 10_000
  const maxConnections = config.maxConnections ?? 256
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535)
    throw invalidConfig('httpTransport', '/listen/port', `listen.port must be an integer in 0..65535, got ${port}.`)
  if (!Number.isSafeInteger(maxConnections) || maxConnections < 1)
    throw invalidConfig('httpTransport', '/maxConnections', `maxConnections must be a positive integer, got ${maxConnections}.`)
  let url = ''
  const handler = createHttpTransportHandler('httpTransport', { ...config, allowedHosts: [...(config.allowedHosts ?? []), host] }, () => url)
  const server = hardenedServer((req, res) => void handler.handleNode(req, res), { timeout: Number.isFinite(timeout) ? timeout : 10_000, maxConnections })
  url = await listen('httpTransport', server, host, port)
  const stop = closer(server)
  return {
    ...handler,
    url,
    async close() {
      await handler.close()
      await stop()
    },
  }
}
