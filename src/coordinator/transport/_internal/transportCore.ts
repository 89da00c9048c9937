/**
 * What every transport does the same whatever carries the bytes: the checked settings, the payload
 * server, `publish`, `setArchive`, the closed flag, and signing and reading a fetch.
 *
 * @internal
 */
import { TransportError } from '../errors.js'
import { signFetchRequest } from '../fetchRequest.js'
import { signRoundPayload } from '../roundPayload.js'
import type { FetchPayloadParameters, PayloadArchive, SignedRoundPayload, Transport, TransportBaseConfig } from '../types.js'
import { archiveFallback } from './archiveFallback.js'
import { checkFetchParameters } from './checkFetchParameters.js'
import { readFetchResponse } from './fetchClient.js'
import { createPayloadServer, resolveServerConfig, type PayloadServer, type PayloadServerConfig } from './payloadServer.js'
import { checkRoundPayload, encodeFetchRequest, type WireResponse } from './wire.js'

/** The shared half of a transport. */
export interface TransportCore extends Pick<Transport, 'address' | 'publish'> {
  readonly settings: PayloadServerConfig
  /** The payload server: `handle` answers fetch request bodies. */
  readonly payloads: PayloadServer
  /** Serves rounds no longer retained from `archive` (see `PayloadArchive`). */
  setArchive(archive: PayloadArchive | undefined): void
  /** Throws `Closed` once `markClosed` was called. */
  ensureOpen(): void
  /** Marks the transport closed; `false` when it already was. */
  markClosed(): boolean
  /** `ensureOpen`, then checks the arguments of `Transport.fetch`. */
  checkFetch(parameters: FetchPayloadParameters): void
  /** A signed `Fetch` request for `parameters`, as the wire body. */
  signFetch(parameters: FetchPayloadParameters): Promise<string>
  /** Verifies the answer `peer` gave (see `readFetchResponse`). */
  readResponse(parameters: FetchPayloadParameters, response: WireResponse, peer: string): Promise<SignedRoundPayload>
}

/**
 * Resolves and checks `config` (errors name `factory`) and builds the shared half. `peer` names this
 * transport in `Closed` errors.
 */
export function createTransportCore(factory: string, config: TransportBaseConfig, peer: () => string): TransportCore {
  const settings = resolveServerConfig(factory, config)
  const payloads = createPayloadServer(settings)
  const domain = { chainId: settings.chainId, coordinator: settings.coordinator }
  let closed = false
  const ensureOpen = () => {
    if (closed) throw new TransportError({ code: 'Closed', peer: peer(), message: 'this transport is closed; create a new one.' })
  }
  return {
    settings,
    payloads,
    address: settings.address,
    ensureOpen,
    markClosed() {
      const wasOpen = !closed
      closed = true
      return wasOpen
    },
    async publish(payload) {
      ensureOpen()
      checkRoundPayload(payload)
      return payloads.put(await signRoundPayload({ ...domain, account: config.account, payload }))
    },
    setArchive(archive) {
      payloads.setFallback(archiveFallback(domain, config.account, archive))
    },
    checkFetch(parameters) {
      ensureOpen()
      checkFetchParameters(parameters)
    },
    async signFetch(parameters) {
      const request = await signFetchRequest({
        ...domain,
        account: config.account,
        viewId: parameters.viewId,
        round: parameters.round,
        issuedAt: BigInt(Math.floor(settings.now() / 1000)),
      })
      return encodeFetchRequest(request)
    },
    readResponse: (parameters, response, peer) => readFetchResponse(domain, parameters, response, peer),
  }
}
