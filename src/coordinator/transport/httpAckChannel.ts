/**
 * The signature channel of relay mode over HTTP.
 *
 * @since 0.1.0
 */
import { getAddress, type Address } from 'viem'
import { checkSend, refused, type AckChannel, type InProcessAckChannelConfig } from './ackChannel.js'
import { TransportError } from './errors.js'
import type { HandleOptions, NodeRequest, NodeResponse } from './types.js'
import { createAckInbox, encodeSignedAck } from './_internal/ackInbox.js'
import { checkPeerUrl, endpointOf, postJson } from './_internal/httpClient.js'
import { createHttpEndpoint } from './_internal/httpEndpoint.js'
import { closer, hardenedServer, listen } from './_internal/httpServer.js'

/** The path of the ack endpoint. @internal */
export const ackPath = '/lensync/v1/ack'

/**
 * Config of {@link httpAckChannel}.
 *
 * @category models
 * @since 0.1.0
 */
export interface HttpAckChannelConfig extends InProcessAckChannelConfig {
  /**
   * Where to listen.
   * @defaultValue `{ host: '127.0.0.1', port: 0 }` (a free port)
   */
  readonly listen?: { readonly host?: string | undefined; readonly port?: number | undefined } | undefined
  /** Maps a peer's address to its ack channel's base URL (`url` of its channel). */
  readonly directory: (address: Address) => string | undefined | Promise<string | undefined>
  /**
   * Milliseconds a send may take; also the server's header, body and idle timeout.
   * @defaultValue 10_000
   */
  readonly timeout?: number | undefined
  /**
   * Host names the server answers for besides loopback names (`InvalidHost` otherwise).
   * @defaultValue [] (plus the listen host)
   */
  readonly allowedHosts?: readonly string[] | undefined
  /**
   * Requests per second per client address, and the burst allowed.
   * @defaultValue { rate: 50, burst: 100 }
   */
  readonly rateLimit?: { readonly rate?: number | undefined; readonly burst?: number | undefined } | undefined
  /**
   * Most connections open at once.
   * @defaultValue 256
   */
  readonly maxConnections?: number | undefined
  /**
   * Lets `send` post to plain `http://` URLs of remote hosts (`InsecureUrl` otherwise).
   * @defaultValue false
   */
  readonly allowInsecureHttp?: boolean | undefined
}

/**
 * An {@link AckChannel} over HTTP, with its server's `url` and its handlers.
 *
 * @category models
 * @since 0.1.0
 */
export interface HttpAckChannel extends AckChannel {
  /** This channel's base URL, e.g. `http://127.0.0.1:41235`: what other peers' directories map this address to. */
  readonly url: string
  /** Answers a Web-standard request to `/lensync/v1/ack` (to mount the channel in another server as well). */
  handle(request: Request, options?: HandleOptions): Promise<Response>
  /** Answers a node:http request to `/lensync/v1/ack`. */
  handleNode(req: NodeRequest, res: NodeResponse): Promise<void>
}

/**
 * An {@link AckChannel} between peers on a network: each peer serves `POST /lensync/v1/ack` and posts
 * its signed acks to the relayer's URL (from `directory`).
 *
 * **When to use**
 * - `ackMode: 'relay'` with peers in different processes or machines (pair it with `httpTransport`).
 *
 * **Details**
 * - Each signature is verified on arrival against the open round it acknowledges (see
 *   {@link AckChannel}); refusals carry a code: `InvalidPayload` (400), `BadSignature` (401),
 *   `Unauthorized` (403, not a member of the round), `NotFound` (404, not an open round this peer
 *   proposed), `RateLimited` (429).
 * - The same hardening as {@link httpTransport}: `Host` and `Content-Type` checks, a per-client rate
 *   limit, 4 KiB bodies, header, body and idle timeouts, a connection cap; remote URLs over https only.
 *
 * **Example**
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { httpAckChannel, type ViewRoster } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount, coordinator: Address, roster: ViewRoster
 * const ackUrls = new Map<Address, string>()
 * const acks = await httpAckChannel({ address: account.address, chainId: 31337, coordinator, roster, directory: (a) => ackUrls.get(a) })
 * ackUrls.set(account.address, acks.url)
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export async function httpAckChannel(config: HttpAckChannelConfig): Promise<HttpAckChannel> {
  const address = getAddress(config.address)
  const timeout = config.timeout ?? 10_000
  const host = config.listen?.host ?? '127.0.0.1'
  const port = config.listen?.port ?? 0
  const now = config.now ?? Date.now
  const inbox = createAckInbox({ ...config, address, now })
  const endpoint = createHttpEndpoint({
    routes: new Map([[ackPath, { method: 'POST', handle: (body) => inbox.accept(body) }]]),
    allowedHosts: [...(config.allowedHosts ?? []), host],
    rateLimit: { rate: config.rateLimit?.rate ?? 50, burst: config.rateLimit?.burst ?? 100 },
    maxRequestBytes: 4096,
    timeout,
    now,
  })
  const server = hardenedServer((req, res) => void endpoint.handleNode(req, res), { timeout, maxConnections: config.maxConnections ?? 256 })
  const url = await listen('httpAckChannel', server, host, port)
  const close = closer(server)
  let closed = false

  return {
    address,
    url,
    handle: endpoint.handle,
    handleNode: endpoint.handleNode,
    async send(to, ack) {
      checkSend(address, closed, ack)
      const base = await config.directory(to)
      if (base === undefined) throw new TransportError({ code: 'Unreachable', peer: to, message: 'the directory has no ack channel URL for this peer; register it.' })
      checkPeerUrl(base, config.allowInsecureHttp === true, to)
      let response: { status: number; body: string }
      try {
        const res = await postJson(endpointOf(base, ackPath), encodeSignedAck(ack), AbortSignal.timeout(timeout))
        response = { status: res.status, body: (await res.text()).slice(0, 1024) }
      } catch (cause) {
        throw new TransportError({ code: 'Unreachable', peer: base, message: 'cannot reach the relayer; check the directory URL and that its channel runs.', cause })
      }
      if (response.status !== 200) throw refused(base, response)
    },
    received: (viewId, round) => inbox.received(viewId, round),
    close() {
      closed = true
      return close()
    },
  }
}
