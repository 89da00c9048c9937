/**
 * A small EHR backend: its patient records live in the hospital's FHIR server, and it embeds the
 * patient's lensync peer, whose record is the patient's FHIR compartment (`fhirStorage`).
 *
 * Routes of its node:http server:
 * - `GET /patients/<id>`: the patient's chart, the `Patient/<id>/$everything` Bundle as the peer reads it.
 * - `GET|POST /lensync/lensync/v1/*`: the peer's payload transport (`httpTransportHandler` with
 *   `prefix: '/lensync'`), where the doctor's and the researcher's peers fetch rounds and snapshots.
 * - anything else: 404.
 *
 * Clinicians keep using the EHR's FHIR API directly; the peer notices their writes at its next `sync()`.
 *
 * @since 0.2.0
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Address, Chain, LocalAccount, PublicClient, Transport as ViemTransport, WalletClient } from 'viem'
import { createPeer, httpTransportHandler, type Peer, type ViewRoster } from 'lensync/coordinator'
import { fhirStorage, type FhirStorage } from 'lensync/storage/fhir'
import { memoryStorage } from 'lensync/storage/memory'

/** What {@link startEhr} needs. */
export interface EhrConfig {
  /** The FHIR server's base URL, e.g. `http://127.0.0.1:41234/fhir/R4`. */
  readonly fhirBaseUrl: string
  /** The patient's account (the controller of the views of its record). */
  readonly account: LocalAccount
  readonly publicClient: PublicClient<ViemTransport, Chain>
  readonly walletClient: WalletClient<ViemTransport, Chain>
  readonly coordinator: Address
  readonly fromBlock: bigint
  readonly roster: ViewRoster
  /** Where the other peers' transports are (this EHR's own URL is added by the caller). */
  readonly directory: (address: Address) => string | undefined
  /** Seconds the other peers have to ack a round this peer proposes. @defaultValue 3600 */
  readonly ttl?: number | undefined
}

/** A running EHR backend. */
export interface Ehr {
  /** Base URL of the EHR, e.g. `http://127.0.0.1:41235`. */
  readonly url: string
  /** What other peers' directories map the patient's address to: `${url}/lensync`. */
  readonly transportUrl: string
  /** The embedded patient peer. */
  readonly peer: Peer
  readonly storage: FhirStorage
  close(): Promise<void>
}

/** Starts the EHR backend on 127.0.0.1 with a free port. */
export async function startEhr(config: EhrConfig): Promise<Ehr> {
  const chainId = config.publicClient.chain.id
  const transport = httpTransportHandler({ account: config.account, chainId, coordinator: config.coordinator, roster: config.roster, directory: config.directory, prefix: '/lensync' })
  // discoverEveryMs: 0 looks for resources created outside lensync at every read (a demo; the default polls less often).
  const storage = fhirStorage({ baseUrl: config.fhirBaseUrl, side: memoryStorage(), discoverEveryMs: 0 })
  const peer = createPeer({ account: config.account, publicClient: config.publicClient, walletClient: config.walletClient, coordinator: config.coordinator, storage, transport, fromBlock: config.fromBlock, ttl: config.ttl })

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ehr').pathname
    if (path.startsWith('/lensync/')) return void transport.handleNode(req, res)
    const chart = /^\/patients\/([A-Za-z0-9\-.]{1,64})$/.exec(path)
    if (req.method === 'GET' && chart) {
      void peer.record(`Patient/${chart[1]}/$everything`).then(
        (record) => {
          res.writeHead(record === undefined ? 404 : 200, { 'content-type': 'application/fhir+json' })
          res.end(JSON.stringify(record ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }))
        },
        () => {
          res.writeHead(502, { 'content-type': 'application/fhir+json' })
          res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'the FHIR server did not answer' }] }))
        },
      )
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    transportUrl: `${url}/lensync`,
    peer,
    storage,
    async close() {
      await peer.stop()
      await transport.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await storage.close()
    },
  }
}
