/**
 * A standalone node:http server for a transport's handler, hardened: a connection cap, header and body
 * timeouts that Node checks often enough to enforce, and an idle timer on every socket.
 *
 * @internal
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TransportError } from '../errors.js'

/** Limits of {@link startServer}. */
export interface ServerLimits {
  /** Milliseconds for the headers, for the whole request, and of silence on a socket. */
  readonly timeout: number
  /** Most connections open at once; more are dropped as they arrive. */
  readonly maxConnections: number
}

/**
 * Creates a node:http server whose slow or silent connections are closed within `timeout` plus at most
 * half a second: Node enforces `headersTimeout` and `requestTimeout` only when it checks its
 * connections (every 30 s by default), so the check runs every 250 ms, and an idle timer closes a
 * socket that sends nothing for `timeout`.
 */
export function hardenedServer(handler: (req: IncomingMessage, res: ServerResponse) => void, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.timeout,
      requestTimeout: limits.timeout,
      keepAliveTimeout: Math.min(5_000, limits.timeout),
      connectionsCheckingInterval: Math.min(250, limits.timeout),
    },
    handler,
  )
  server.maxConnections = limits.maxConnections
  server.on('connection', (socket) => {
    socket.setTimeout(limits.timeout, () => socket.destroy())
  })
  return server
}

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
