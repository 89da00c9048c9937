/**
 * The HTTP face of a transport, independent of the server that hosts it: routing, the `Host` and
 * `Content-Type` checks, a per-client rate limit, bounded and timed bodies — as a Web-standard
 * `Request → Response` handler and a node:http `(req, res)` handler over the same logic.
 *
 * @internal
 */
import type { HandleOptions, NodeRequest, NodeResponse } from '../types.js'
import { createRateLimiter } from './rateLimiter.js'
import { errorResponse, type WireResponse } from './wire.js'

/** One endpoint: its method and what it answers to a body (`''` for GET). */
export interface Route {
  readonly method: 'GET' | 'POST'
  handle(body: string): Promise<WireResponse>
}

/** Settings of {@link createHttpEndpoint}, checked by the caller. */
export interface HttpEndpointConfig {
  /** Full path → route. */
  readonly routes: ReadonlyMap<string, Route>
  /** Host names (without port, lowercase) answered besides loopback names. */
  readonly allowedHosts: readonly string[]
  /** Requests per second per client, and the burst allowed. */
  readonly rateLimit: { readonly rate: number; readonly burst: number }
  readonly maxRequestBytes: number
  /** Milliseconds a request body may take to arrive. */
  readonly timeout: number
  readonly now: () => number
}

/** Both handlers of one endpoint. */
export interface HttpEndpoint {
  handle(request: Request, options?: HandleOptions): Promise<Response>
  handleNode(req: NodeRequest, res: NodeResponse): Promise<void>
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** The host name of a `Host` header, lowercase, without its port (brackets kept for IPv6). */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.indexOf(':')
  return colon < 0 ? h : h.slice(0, colon)
}

const isLoopbackName = (hostname: string) => loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

const tooLarge = Symbol('tooLarge')
const timedOut = Symbol('timedOut')
type Body = string | typeof tooLarge | typeof timedOut | undefined

/** What the adapters hand the shared logic. */
interface Incoming {
  readonly method: string
  readonly pathname: string
  readonly host: string | undefined
  readonly contentType: string | undefined
  readonly contentLength: number | undefined
  readonly client: string
  /** Reads the body: text, or why not (`undefined`: the client went away). */
  body(limit: number, timeout: number): Promise<Body>
}

export function createHttpEndpoint(config: HttpEndpointConfig): HttpEndpoint {
  const limiter = createRateLimiter(config.rateLimit.rate, config.rateLimit.burst, config.now)
  const allowed = new Set(config.allowedHosts.map((h) => hostnameOf(h)))

  /** The answer, or `undefined` when nobody is left to answer. */
  async function serve(incoming: Incoming): Promise<WireResponse | undefined> {
    // The host first: a page on another origin (DNS rebinding) learns nothing, not even which paths exist.
    const hostname = incoming.host === undefined ? undefined : hostnameOf(incoming.host)
    if (hostname === undefined || !(isLoopbackName(hostname) || allowed.has(hostname))) return errorResponse('InvalidHost')
    const route = config.routes.get(incoming.pathname)
    if (route === undefined) return errorResponse('NotFound')
    if (incoming.method !== route.method) return wrongMethod
    if (!limiter.take(incoming.client)) return errorResponse('RateLimited')
    if (route.method === 'GET') return route.handle('')
    if (!/^application\/json\s*(;|$)/i.test(incoming.contentType ?? '')) return errorResponse('UnsupportedMediaType')
    if (incoming.contentLength !== undefined && incoming.contentLength > config.maxRequestBytes) return errorResponse('PayloadTooLarge')
    const body = await incoming.body(config.maxRequestBytes, config.timeout)
    if (body === undefined) return undefined
    if (body === tooLarge) return errorResponse('PayloadTooLarge')
    if (body === timedOut) return errorResponse('Timeout')
    return route.handle(body)
  }

  return {
    async handle(request, options = {}) {
      const url = new URL(request.url)
      const declared = request.headers.get('content-length')
      const answer = await serve({
        method: request.method,
        pathname: url.pathname,
        host: request.headers.get('host') ?? url.host,
        contentType: request.headers.get('content-type') ?? undefined,
        contentLength: declared === null ? undefined : Number(declared),
        client: options.clientAddress ?? '',
        body: (limit, timeout) => readWebBody(request, limit, timeout),
      })
      const response = answer ?? errorResponse('Timeout')
      return new Response(response.body, { status: response.status, headers: responseHeaders(response) })
    },
    async handleNode(req, res) {
      const declared = header(req, 'content-length')
      const answer = await serve({
        method: req.method ?? 'GET',
        pathname: (req.url ?? '').split('?')[0] ?? '',
        host: header(req, 'host'),
        contentType: header(req, 'content-type'),
        contentLength: declared === undefined ? undefined : Number(declared),
        client: req.socket.remoteAddress ?? '',
        body: (limit, timeout) => readNodeBody(req, limit, timeout),
      })
      if (answer === undefined) return
      // An error answer before the whole body was read: close instead of reading the rest.
      if (answer.status !== 200 && !req.complete) {
        res.setHeader('connection', 'close')
        res.once('finish', () => req.socket.destroySoon())
      }
      send(res, answer)
    },
  }
}

/** The answer to a known path asked with the wrong method. */
const wrongMethod: WireResponse = { status: 405, body: JSON.stringify({ error: { code: 'NotFound' } }) }

function responseHeaders(response: WireResponse): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(response.status === 429 ? { 'retry-after': '1' } : {}),
  }
}

/** Answers `response` as JSON (nothing when an answer already went out or the client left). */
function send(res: NodeResponse, response: WireResponse): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(response.status, { ...responseHeaders(response), 'content-length': Buffer.byteLength(response.body) })
  res.end(response.body)
}

/** Reads a Web request body: at most `limit` bytes within `timeout` ms. */
async function readWebBody(request: Request, limit: number, timeout: number): Promise<Body> {
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), timeout)
  })
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), expired])
      if (next === timedOut) {
        void reader.cancel().catch(() => undefined)
        return timedOut
      }
      if (next.done) break
      size += next.value.byteLength
      if (size > limit) {
        void reader.cancel().catch(() => undefined)
        return tooLarge
      }
      chunks.push(next.value)
    }
  } catch {
    return undefined
  } finally {
    clearTimeout(timer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A request header's value (the first, when it was sent several times). */
function header(req: NodeRequest, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Reads a node:http request body: at most `limit` bytes within `timeout` ms. */
function readNodeBody(req: NodeRequest, limit: number, timeout: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = []
    let size = 0
    let settled = false
    const settle = (value: Body) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (value === tooLarge || value === timedOut) req.pause()
      resolve(value)
    }
    const timer = setTimeout(() => settle(timedOut), timeout)
    req.on('data', (chunk) => {
      if (settled) return
      size += chunk.length
      if (size > limit) settle(tooLarge)
      else chunks.push(chunk)
    })
    req.on('end', () => settle(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => settle(undefined))
    req.on('close', () => settle(undefined))
  })
}
