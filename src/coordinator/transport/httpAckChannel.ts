/**
 * The signature channel of relay mode over HTTP (node:http).
 *
 * @since 0.1.0
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { getAddress, type Address } from 'viem'
import { checkSend, type AckChannel } from './ackChannel.js'
import { TransportError } from './errors.js'
import { createAckInbox, encodeSignedAck } from './_internal/ackInbox.js'
import { closer, endpointOf, listen, pathOf, postJson, readBody, send, wrongMethod } from './_internal/httpPlumbing.js'
import { errorResponse } from './_internal/wire.js'

/** The path of the ack endpoint. @internal */
export const ackPath = '/lensync/v1/ack'

/**
 * Config of {@link httpAckChannel}.
 *
 * @category models
 * @since 0.1.0
 */
export interface HttpAckChannelConfig {
  /** This peer's address: the signer of what it sends. */
  readonly address: Address
  /**
   * Where to listen.
   * @defaultValue `{ host: '127.0.0.1', port: 0 }` (a free port)
   */
  readonly listen?: { readonly host?: string | undefined; readonly port?: number | undefined } | undefined
  /** Maps a peer's address to its ack channel's base URL (`url` of its channel). */
  readonly directory: (address: Address) => string | undefined | Promise<string | undefined>
  /**
   * Milliseconds a send may take.
   * @defaultValue 10_000
   */
  readonly timeout?: number | undefined
}

/**
 * An {@link AckChannel} over HTTP, with its server's `url`.
 *
 * @category models
 * @since 0.1.0
 */
export interface HttpAckChannel extends AckChannel {
  /** This channel's base URL, e.g. `http://127.0.0.1:41235`: what other peers' directories map this address to. */
  readonly url: string
}

/**
 * An {@link AckChannel} between peers on a network: each peer serves `POST /lensync/v1/ack` and posts
 * its signed acks to the relayer's URL (from `directory`).
 *
 * **When to use**
 * - `ackMode: 'relay'` with peers in different processes or machines (pair it with `httpTransport`).
 *
 * **Details**
 * - Bodies are at most 4 KiB (`413` beyond); malformed bodies get `400`; anything else `404`/`405`.
 * - No authentication: a signature proves itself, and the engine checks each one (EIP-712 recovery)
 *   before relaying. Across machines, put the URLs behind TLS.
 *
 * **Example**
 * ```ts
 * import type { Address, LocalAccount } from 'viem'
 * import { httpAckChannel } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount
 * const ackUrls = new Map<Address, string>()
 * const acks = await httpAckChannel({ address: account.address, directory: (a) => ackUrls.get(a) })
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
  const inbox = createAckInbox()
  const maxBytes = 4096

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (pathOf(req) !== ackPath) return send(res, errorResponse('NotFound'))
    if (req.method !== 'POST') return send(res, wrongMethod)
    const body = await readBody(req, res, maxBytes)
    if (body !== undefined) send(res, { status: inbox.accept(body) ? 200 : 400, body: '{}' })
  }
  const server = createServer((req, res) => void serve(req, res))
  const url = await listen('httpAckChannel', server, host, port)
  const close = closer(server)
  let closed = false

  return {
    address,
    url,
    async send(to, ack) {
      checkSend(address, closed, ack)
      const base = await config.directory(to)
      if (base === undefined) throw new TransportError({ code: 'Unreachable', peer: to, message: 'the directory has no ack channel URL for this peer; register it.' })
      let status: number
      try {
        const res = await postJson(endpointOf(base, ackPath), encodeSignedAck(ack), AbortSignal.timeout(timeout))
        status = res.status
        await res.body?.cancel()
      } catch (cause) {
        throw new TransportError({ code: 'Unreachable', peer: base, message: 'cannot reach the relayer; check the directory URL and that its channel runs.', cause })
      }
      if (status !== 200) throw new TransportError({ code: 'InvalidPayload', peer: base, status, message: 'the relayer refused the signature.' })
    },
    received: (viewId, round) => inbox.received(viewId, round),
    close() {
      closed = true
      return close()
    },
  }
}
