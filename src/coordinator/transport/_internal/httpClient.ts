/**
 * The client side of the HTTP transport and ack channel: which URLs it may send to, and bounded
 * requests.
 *
 * @internal
 */
import { TransportError } from '../errors.js'

/** `base` (a directory URL, trailing slashes allowed) joined with an endpoint `path`. */
export const endpointOf = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/**
 * Refuses a URL the client must not send to: anything but `https:`, except plain `http:` to a loopback
 * host, or to any host when `allowInsecureHttp` is set. `InsecureUrl` names the peer.
 */
export function checkPeerUrl(url: string, allowInsecureHttp: boolean, peer: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new TransportError({ code: 'Unreachable', peer, message: `the directory gave a malformed URL (${url}); fix the directory.`, cause })
  }
  if (parsed.protocol === 'https:') return parsed
  if (parsed.protocol === 'http:' && (allowInsecureHttp || isLoopback(parsed.hostname))) return parsed
  throw new TransportError({
    code: 'InsecureUrl',
    peer,
    message: `refusing to send to ${parsed.origin}: a remote peer must be reached over https (plain http only on loopback, or with allowInsecureHttp: true).`,
  })
}

/** POSTs a JSON `body` to `endpoint` (no redirects); rejects with the `fetch` error. */
export function postJson(endpoint: string, body: string, signal: AbortSignal): Promise<Response> {
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal, redirect: 'error' })
}

/** Reads a response body as text, refusing more than `limit` bytes (`PayloadTooLarge`, with `where`). */
export async function readLimited(res: Response, limit: number, peer: string, where: { viewId?: `0x${string}`; round?: bigint } = {}): Promise<string> {
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
