/**
 * The node:http plumbing shared by {@link httpTransport} and {@link httpAckChannel}: listening,
 * closing, bounded request bodies, JSON answers and JSON posts.
 *
 * @internal
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { TransportError } from '../errors.js'
import { errorResponse, type WireResponse } from './wire.js'

/** The answer to a known path asked with the wrong method. */
export const wrongMethod: WireResponse = { status: 405, body: JSON.stringify({ error: { code: 'NotFound' } }) }

/** The path of a request, without its query. */
export const pathOf = (req: IncomingMessage): string | undefined => (req.url ?? '').split('?')[0]

/** `base` (a directory URL, trailing slashes allowed) joined with an endpoint `path`. */
export const endpointOf = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`

/** Starts `server` on `host:port`; resolves with its base URL. `Unreachable` (naming `factory`) when it cannot listen. */
export async function listen(factory: string, server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const onError = (cause: Error) =>
      reject(new TransportError({ code: 'Unreachable', peer: `${host}:${port}`, message: `${factory}: cannot listen on ${host}:${port} (${cause.message}).`, cause }))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
  const bound = server.address() as AddressInfo
  return `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`
}

/** An idempotent `close()`: stops `server`, drops its keep-alive connections and frees the port. */
export function closer(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }))
}

/** Answers `response` as JSON (nothing when an answer already went out or the client left). */
export function send(res: ServerResponse, response: WireResponse): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(response.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(response.body),
    'cache-control': 'no-store',
  })
  res.end(response.body)
}

/**
 * Reads a request body of at most `limit` bytes as text. Past the limit (declared or sent) it answers
 * `413 PayloadTooLarge` itself, closes the connection and resolves `undefined`; also `undefined` when
 * the client went away (or the request timed out) while sending: nobody to answer.
 */
export async function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0)
  const body = declared > limit ? tooLarge : await readAtMost(req, limit)
  if (body !== tooLarge) return body
  // Answer, then close the connection instead of reading the rest of the body.
  const socket = req.socket as Socket | null
  res.setHeader('connection', 'close')
  res.once('finish', () => socket?.destroySoon())
  send(res, errorResponse('PayloadTooLarge'))
  return undefined
}

const tooLarge = Symbol('tooLarge')

/** Reads a request body as text; stops (and pauses the request) past `limit` bytes. */
function readAtMost(req: IncomingMessage, limit: number): Promise<string | typeof tooLarge | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (value: string | typeof tooLarge | undefined) => {
      if (settled) return
      settled = true
      resolve(value)
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        req.pause()
        settle(tooLarge)
      } else chunks.push(chunk)
    })
    req.on('end', () => settle(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => settle(undefined))
    req.on('close', () => settle(undefined))
  })
}

/** POSTs a JSON `body` to `endpoint` (no redirects); rejects with the `fetch` error. */
export function postJson(endpoint: string, body: string, signal: AbortSignal): Promise<Response> {
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal, redirect: 'error' })
}
