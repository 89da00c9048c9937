/**
 * HTTP as an attacker speaks it: node:http requests with any headers (fetch fixes `Host`), and raw
 * sockets that send partial requests and go silent.
 */
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'

/** Sends one request with exactly these headers; resolves with the status and body. */
export function rawRequest(base: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Opens a socket to `base` and writes `data`; resolves once connected. */
export function rawSocket(base: string, data: string): Promise<Socket> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => {
      socket.write(data)
      resolve(socket)
    })
    socket.on('error', () => undefined)
    socket.once('error', reject)
  })
}

/** Resolves with the milliseconds until `socket` is closed by the other side (or `limit`, if it never is). */
export function closedWithin(socket: Socket, limit: number): Promise<number> {
  const started = performance.now()
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(limit), limit)
    socket.resume()
    socket.once('close', () => {
      clearTimeout(timer)
      resolve(performance.now() - started)
    })
  })
}
