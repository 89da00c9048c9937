/**
 * The HTTP transport.
 *
 * @since 0.1.0
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Address } from 'viem'
import { TransportError } from './errors.js'
import { closer, endpointOf, listen, pathOf, postJson, readBody, send, wrongMethod } from './_internal/httpPlumbing.js'
import { invalidConfig } from './_internal/payloadServer.js'
import { createTransportCore } from './_internal/transportCore.js'
import { errorResponse, type WireResponse } from './_internal/wire.js'
import type { PayloadArchive, Transport, TransportBaseConfig } from './types.js'

/** The path of the fetch endpoint. @internal */
export const fetchPath = '/lensync/v1/fetch'
/** The path of the info endpoint. @internal */
export const infoPath = '/lensync/v1/info'

/**
 * Settings of {@link httpTransport}.
 *
 * @category transports
 * @since 0.1.0
 */
export interface HttpTransportConfig extends TransportBaseConfig {
  /**
   * Where this peer's server listens. Port `0` picks a free port (read it from `url`).
   * @defaultValue { host: '127.0.0.1', port: 0 }
   */
  readonly listen?: { readonly host?: string | undefined; readonly port?: number | undefined } | undefined
  /**
   * The base URL of a peer's server (`http://127.0.0.1:8545`), or `undefined` when unknown.
   * May be async (a registry, DNS, the chain).
   */
  readonly directory: (address: Address) => string | undefined | Promise<string | undefined>
  /**
   * Milliseconds a fetch may take from request to last response byte; also the server's limit for
   * receiving one request.
   * @defaultValue 10_000
   */
  readonly timeout?: number | undefined
  /**
   * Largest request body the server accepts, in bytes (fetch requests are about 300 bytes).
   * @defaultValue 16_384
   */
  readonly maxRequestBytes?: number | undefined
  /**
   * Largest response body the client accepts, in bytes.
   * @defaultValue 8_388_608 (8 MiB)
   */
  readonly maxResponseBytes?: number | undefined
}

/**
 * A transport whose peers talk HTTP/1.1 with JSON bodies.
 *
 * @category transports
 * @since 0.1.0
 */
export interface HttpTransport extends Transport {
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
 * - Peers in separate processes or machines. For one process, {@link inProcessTransport} behaves the
 *   same without sockets.
 *
 * **Details**
 * - Server (`node:http`): `POST /lensync/v1/fetch` takes a signed `Fetch` request as JSON and answers
 *   `200 {"payload":…}`, or `{"error":{"code":…}}` with 400/401/403/404/413/500 — an error body holds
 *   the code only, never view data. `GET /lensync/v1/info` answers `{ address, chainId, coordinator }`.
 * - Checks, in order: body size (`PayloadTooLarge`), JSON shape (`InvalidPayload`), freshness
 *   (`StaleRequest`), signature (`BadSignature`), `authorize` (`Unauthorized`), then the round
 *   (`NotFound`): a non-member learns nothing, not even whether the round exists. A round no longer
 *   retained in memory is looked up in the archive set with `setArchive` (see {@link PayloadArchive}).
 * - Client (`fetch`): resolves `from` through `directory` (`Unreachable` when unknown or the
 *   connection fails), aborts after `timeout` (`Timeout`), stops reading past `maxResponseBytes`
 *   (`PayloadTooLarge`), then verifies the payload like {@link verifyRoundPayload}.
 * - Bigints travel as decimal strings. The server binds `127.0.0.1` unless told otherwise; HTTP is
 *   not encrypted, so across machines put TLS in front and give the directory `https://` URLs.
 * - `close()` stops the server, drops its keep-alive connections and frees the port.
 *
 * **Example** (two peers on loopback)
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { httpTransport, type AuthorizeFetch, type RoundPayload } from 'lensync/coordinator'
 *
 * declare const aliceAccount: LocalAccount, bobAccount: LocalAccount, coordinator: Address, authorize: AuthorizeFetch
 * declare const payload: RoundPayload // proposed by alice, version 4n
 * const urls = new Map<Address, string>()
 * const directory = (address: Address) => urls.get(address)
 * const alice = await httpTransport({ account: aliceAccount, chainId: 31337, coordinator, authorize, directory })
 * const bob = await httpTransport({ account: bobAccount, chainId: 31337, coordinator, authorize, directory })
 * urls.set(alice.address, alice.url)
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
  let url = ''
  const core = createTransportCore('httpTransport', config, () => url)
  const { settings } = core
  const timeout = config.timeout ?? 10_000
  const maxRequestBytes = config.maxRequestBytes ?? 16_384
  const maxResponseBytes = config.maxResponseBytes ?? 8 * 1024 * 1024
  const host = config.listen?.host ?? '127.0.0.1'
  const port = config.listen?.port ?? 0
  if (!Number.isFinite(timeout) || timeout <= 0) throw invalidConfig('httpTransport', '/timeout', `timeout must be a positive number of milliseconds, got ${timeout}.`)
  if (!Number.isSafeInteger(maxRequestBytes) || maxRequestBytes < 1)
    throw invalidConfig('httpTransport', '/maxRequestBytes', `maxRequestBytes must be a positive integer, got ${maxRequestBytes}.`)
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1)
    throw invalidConfig('httpTransport', '/maxResponseBytes', `maxResponseBytes must be a positive integer, got ${maxResponseBytes}.`)
  if (!Number.isSafeInteger(port) || port < 0 || port > 65_535)
    throw invalidConfig('httpTransport', '/listen/port', `listen.port must be an integer in 0..65535, got ${port}.`)
  if (typeof config.directory !== 'function') throw invalidConfig('httpTransport', '/directory', 'directory must be a function.')

  const info = JSON.stringify({ address: settings.address, chainId: settings.chainId, coordinator: settings.coordinator })
  const server = createServer((req, res) => void serve(req, res))
  server.requestTimeout = timeout
  server.headersTimeout = Math.min(timeout, 60_000)

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req)
    if (path === infoPath) return send(res, req.method === 'GET' ? { status: 200, body: info } : wrongMethod)
    if (path !== fetchPath) return send(res, errorResponse('NotFound'))
    if (req.method !== 'POST') return send(res, wrongMethod)
    const body = await readBody(req, res, maxRequestBytes)
    if (body !== undefined) send(res, await core.payloads.handle(body))
  }

  url = await listen('httpTransport', server, host, port)
  const close = closer(server)

  return {
    url,
    address: settings.address,
    publish: core.publish,
    async fetch(parameters) {
      core.checkFetch(parameters)
      const where = { viewId: parameters.viewId, round: parameters.round }
      let base: string | undefined
      try {
        base = await config.directory(parameters.from)
      } catch (cause) {
        throw new TransportError({ code: 'Unreachable', peer: parameters.from, message: 'the directory failed to resolve this peer; check the directory.', ...where, cause })
      }
      if (base === undefined)
        throw new TransportError({ code: 'Unreachable', peer: parameters.from, message: 'the directory has no URL for this peer; register its server URL.', ...where })
      const endpoint = endpointOf(base, fetchPath)
      const body = await core.signFetch(parameters)
      const signal = AbortSignal.timeout(timeout)
      let response: WireResponse
      try {
        const res = await postJson(endpoint, body, signal)
        response = { status: res.status, body: await readLimited(res, maxResponseBytes, endpoint, where) }
      } catch (error) {
        if (error instanceof TransportError) throw error
        if (signal.aborted)
          throw new TransportError({ code: 'Timeout', peer: endpoint, message: `the peer did not answer within ${timeout} ms; retry, or raise timeout.`, ...where, cause: error })
        throw new TransportError({ code: 'Unreachable', peer: endpoint, message: 'cannot connect to the peer; check the directory URL and that its server runs.', ...where, cause: error })
      }
      return core.readResponse(parameters, response, endpoint)
    },
    setArchive: core.setArchive,
    close() {
      core.markClosed()
      return close()
    },
  }
}

/** Reads a response body as text, refusing more than `limit` bytes. */
async function readLimited(res: Response, limit: number, peer: string, where: { viewId: `0x${string}`; round: bigint }): Promise<string> {
  const tooLarge = () =>
    new TransportError({ code: 'PayloadTooLarge', peer, status: res.status, message: `the peer's answer exceeds maxResponseBytes (${limit}); raise it if the patch is legitimately this large.`, ...where })
  const declared = Number(res.headers.get('content-length') ?? 0)
  if (declared > limit) {
    await res.body?.cancel()
    throw tooLarge()
  }
  if (res.body === null) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
