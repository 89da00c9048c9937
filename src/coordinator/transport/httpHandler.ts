/**
 * The HTTP transport as handlers that mount on a route of an existing server.
 *
 * @since 0.2.0
 */
import type { Address } from 'viem'
import { TransportError } from './errors.js'
import { checkPeerUrl, endpointOf, postJson, readLimited } from './_internal/httpClient.js'
import { createHttpEndpoint, type Route } from './_internal/httpEndpoint.js'
import { invalidConfig } from './_internal/invalidConfig.js'
import { decodeKeyBinding } from './_internal/keyInfo.js'
import { createTransportCore } from './_internal/transportCore.js'
import { errorResponse, type WireResponse } from './_internal/wire.js'
import type { HandleOptions, NodeRequest, NodeResponse, Transport, TransportBaseConfig } from './types.js'

/** The path of the fetch endpoint, under a handler's `prefix`. @internal */
export const fetchPath = '/lensync/v1/fetch'
/** The path of the info endpoint, under a handler's `prefix`. @internal */
export const infoPath = '/lensync/v1/info'

/**
 * Settings the HTTP handlers and clients share.
 *
 * @category models
 * @since 0.2.0
 */
export interface HttpTransportHandlerConfig extends TransportBaseConfig {
  /**
   * The base URL of a peer's transport (`https://peer.example.org`, with the path it is mounted under
   * if any), or `undefined` when unknown. May be async (a registry, DNS, the chain).
   */
  readonly directory: (address: Address) => string | undefined | Promise<string | undefined>
  /**
   * Path the handler is mounted under: it answers `{prefix}/lensync/v1/fetch` and `{prefix}/lensync/v1/info`.
   * @defaultValue ''
   */
  readonly prefix?: string | undefined
  /**
   * Host names this server answers for (the `Host` header, port ignored), besides loopback names.
   * Any other host is refused with `InvalidHost` (421): a page whose DNS name was rebound to this
   * server reads nothing.
   * @defaultValue [] (loopback only)
   */
  readonly allowedHosts?: readonly string[] | undefined
  /**
   * Requests per second per client address, and the burst allowed; more are refused with `RateLimited` (429).
   * @defaultValue { rate: 50, burst: 100 }
   */
  readonly rateLimit?: { readonly rate?: number | undefined; readonly burst?: number | undefined } | undefined
  /**
   * Milliseconds a fetch may take from request to last response byte; also the time a request body
   * may take to arrive (`Timeout`, 408).
   * @defaultValue 10_000
   */
  readonly timeout?: number | undefined
  /**
   * Largest request body the server accepts, in bytes (fetch requests are about 500 bytes).
   * @defaultValue 16_384
   */
  readonly maxRequestBytes?: number | undefined
  /**
   * Largest response body the client accepts, in bytes.
   * @defaultValue 8_388_608 (8 MiB)
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * Lets the client send to plain `http://` URLs of remote hosts. Off, only `https://` and loopback
   * `http://` URLs are used (`InsecureUrl` otherwise). Payloads are sealed either way; requests and
   * the key exchange are not.
   * @defaultValue false
   */
  readonly allowInsecureHttp?: boolean | undefined
}

/**
 * A {@link Transport} whose server side is a pair of handlers for the host server to call.
 *
 * @category transports
 * @since 0.2.0
 */
export interface HttpTransportHandler extends Transport {
  /** Answers a Web-standard request (Hono, Bun, Deno, `@hono/node-server`…). */
  handle(request: Request, options?: HandleOptions): Promise<Response>
  /** Answers a node:http request (a `request` listener, Express, Fastify's raw request…). */
  handleNode(req: NodeRequest, res: NodeResponse): Promise<void>
}

/**
 * Everything {@link httpTransportHandler} and its methods can throw.
 *
 * @category transports
 * @since 0.2.0
 */
export type HttpTransportHandlerErrorType = TransportError

/**
 * The HTTP transport without a server of its own: mount its handler on a route of a server you run.
 *
 * **When to use**
 * - The peer already runs an HTTP server (an EHR integration, an API): mount the transport on it,
 *   behind the TLS that server terminates. For a server of its own, {@link httpTransport}.
 *
 * **Details**
 * - `POST {prefix}/lensync/v1/fetch` takes a signed `Fetch` request as JSON and answers
 *   `200 {"payload":…}` (a {@link SealedRoundPayload} holding only the requester's key), or
 *   `{"error":{"code":…}}` — the code only, never view data. `GET {prefix}/lensync/v1/info` answers
 *   `{ address, chainId, coordinator, encryptionKey }` (the key binding other peers seal to).
 * - Checks, in order: `Host` (`InvalidHost`, 421), path and method (404/405), the client's rate
 *   (`RateLimited`, 429), `Content-Type: application/json` (415), body size (413) and time (408), JSON
 *   shape (400), audience (`WrongAudience`, 421), freshness (`StaleRequest`, 401), signature
 *   (`BadSignature`, 401), nonce (`Replay`, 401), membership at the round by the roster
 *   (`Unauthorized`, 403), then the round (`NotFound`, 404; `NotRecipient`, 403).
 * - Connection limits and header timeouts belong to the server that hosts the handler; TLS too.
 * - Client: resolves `from` through `directory`, refuses non-https remote URLs (`InsecureUrl`), aborts
 *   after `timeout` (`Timeout`), stops reading past `maxResponseBytes` (`PayloadTooLarge`), opens the
 *   sealed payload and verifies it like {@link verifyRoundPayload}.
 *
 * **Example** (mounted in Hono on node)
 * ```ts
 * import { Hono } from 'hono'
 * import { serve } from '@hono/node-server'
 * import { getConnInfo } from '@hono/node-server/conninfo'
 * import type { Address, LocalAccount } from 'viem'
 * import { httpTransportHandler, type ViewRoster } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount, coordinator: Address, roster: ViewRoster
 * declare const directory: (address: Address) => string | undefined
 * const transport = httpTransportHandler({ account, chainId: 31337, coordinator, roster, directory, allowedHosts: ['peer.example.org'] })
 * const app = new Hono()
 * app.all('/lensync/*', (c) => transport.handle(c.req.raw, { clientAddress: getConnInfo(c).remote.address }))
 * serve({ fetch: app.fetch, port: 8080 })
 * ```
 *
 * @category transports
 * @since 0.2.0
 */
export function httpTransportHandler(config: HttpTransportHandlerConfig): HttpTransportHandler {
  return createHttpTransportHandler('httpTransportHandler', config)
}

/** {@link httpTransportHandler} whose errors name `factory`. @internal */
export function createHttpTransportHandler(factory: string, config: HttpTransportHandlerConfig, self: () => string = () => config.account.address): HttpTransportHandler {
  const timeout = config.timeout ?? 10_000
  const maxRequestBytes = config.maxRequestBytes ?? 16_384
  const maxResponseBytes = config.maxResponseBytes ?? 8 * 1024 * 1024
  const prefix = (config.prefix ?? '').replace(/\/+$/, '')
  const rate = config.rateLimit?.rate ?? 50
  const burst = config.rateLimit?.burst ?? 100
  const allowInsecureHttp = config.allowInsecureHttp === true
  if (!Number.isFinite(timeout) || timeout <= 0) throw invalidConfig(factory, '/timeout', `timeout must be a positive number of milliseconds, got ${timeout}.`)
  if (!Number.isSafeInteger(maxRequestBytes) || maxRequestBytes < 1)
    throw invalidConfig(factory, '/maxRequestBytes', `maxRequestBytes must be a positive integer, got ${maxRequestBytes}.`)
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw invalidConfig(factory, '/maxResponseBytes', `maxResponseBytes must be a positive integer, got ${maxResponseBytes}.`)
  if (!(rate > 0) || !(burst >= 1)) throw invalidConfig(factory, '/rateLimit', `rateLimit needs a positive rate and a burst of at least 1, got ${rate}/${burst}.`)
  if (prefix !== '' && !prefix.startsWith('/')) throw invalidConfig(factory, '/prefix', `prefix must start with "/", got ${prefix}.`)
  if (typeof config.directory !== 'function') throw invalidConfig(factory, '/directory', 'directory must be a function.')

  /** The base URL of `peer`, checked against the URL policy. */
  const baseOf = async (peer: Address, where: { viewId?: `0x${string}`; round?: bigint } = {}): Promise<string> => {
    let base: string | undefined
    try {
      base = await config.directory(peer)
    } catch (cause) {
      throw new TransportError({ code: 'Unreachable', peer, message: 'the directory failed to resolve this peer; check the directory.', ...where, cause })
    }
    if (base === undefined) throw new TransportError({ code: 'Unreachable', peer, message: 'the directory has no URL for this peer; register its server URL.', ...where })
    checkPeerUrl(base, allowInsecureHttp, peer)
    return base
  }

  const lookup = async (peer: Address) => {
    const endpoint = endpointOf(await baseOf(peer), infoPath)
    const res = await fetch(endpoint, { signal: AbortSignal.timeout(timeout), redirect: 'error' })
    const text = await readLimited(res, 16_384, endpoint)
    return res.status === 200 ? decodeKeyBinding(text) : undefined
  }
  const core = createTransportCore(factory, config, self, lookup)
  const routes = new Map<string, Route>([
    [`${prefix}${fetchPath}`, { method: 'POST', handle: async (body) => (core.isClosed() ? errorResponse('Closed') : core.payloads.handle(body)) }],
    [`${prefix}${infoPath}`, { method: 'GET', handle: async () => ({ status: 200, body: await core.info() }) }],
  ])
  const endpoint = createHttpEndpoint({ routes, allowedHosts: config.allowedHosts ?? [], rateLimit: { rate, burst }, maxRequestBytes, timeout, now: core.settings.now })

  return {
    address: core.address,
    publish: core.publish,
    withdraw: core.withdraw,
    handle: endpoint.handle,
    handleNode: endpoint.handleNode,
    async fetch(parameters) {
      core.checkFetch(parameters)
      const where = { viewId: parameters.viewId, round: parameters.round }
      const url = endpointOf(await baseOf(parameters.from, where), fetchPath)
      const body = await core.signFetch(parameters)
      const signal = AbortSignal.timeout(timeout)
      let response: WireResponse
      try {
        const res = await postJson(url, body, signal)
        response = { status: res.status, body: await readLimited(res, maxResponseBytes, url, where) }
      } catch (error) {
        if (error instanceof TransportError) throw error
        if (signal.aborted)
          throw new TransportError({ code: 'Timeout', peer: url, message: `the peer did not answer within ${timeout} ms; retry, or raise timeout.`, ...where, cause: error })
        throw new TransportError({ code: 'Unreachable', peer: url, message: 'cannot connect to the peer; check the directory URL and that its server runs.', ...where, cause: error })
      }
      return core.readResponse(parameters, response, url)
    },
    setArchive: core.setArchive,
    async close() {
      core.markClosed()
    },
  }
}
