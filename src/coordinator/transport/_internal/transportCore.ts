/**
 * What every transport does the same whatever carries the bytes: the checked settings, this peer's
 * key, the payload server, `publish` (sign, seal, store), `setArchive`, the closed flag, signing a
 * fetch and opening its answer.
 *
 * @internal
 */
import { getAddress, isAddressEqual, type Address } from 'viem'
import { TransportError } from '../errors.js'
import { signFetchRequest } from '../fetchRequest.js'
import { signRoundPayload } from '../roundPayload.js'
import type { FetchPayloadParameters, PayloadArchive, RoundPayload, SealedRoundPayload, SignedRoundPayload, Transport, TransportBaseConfig } from '../types.js'
import { archiveFallback } from './archiveFallback.js'
import { checkFetchParameters } from './checkFetchParameters.js'
import { readFetchResponse } from './fetchClient.js'
import { createPayloadServer, payloadDigest, resolveServerConfig, type PayloadServer, type PayloadServerConfig } from './payloadServer.js'
import { createKeyBook, createPeerKey, type KeyLookup, type PeerKey } from './peerKey.js'
import { openPayload, sealPayload } from './seal.js'
import { checkRoundPayload, encodeFetchRequest, encodeRoundPayload, type WireResponse } from './wire.js'

/** The shared half of a transport. */
export interface TransportCore extends Pick<Transport, 'address' | 'publish' | 'withdraw'> {
  readonly settings: PayloadServerConfig
  /** The payload server: `handle` answers fetch request bodies. */
  readonly payloads: PayloadServer
  /** This peer's key and binding (derived once, on first use). */
  key(): Promise<PeerKey>
  /** The transport info this peer publishes: its address, domain and key binding, as JSON text. */
  info(): Promise<string>
  /** Serves rounds no longer retained from `archive` (see `PayloadArchive`). */
  setArchive(archive: PayloadArchive | undefined): void
  /** Throws `Closed` once `markClosed` was called. */
  ensureOpen(): void
  /** Whether `markClosed` was called. */
  isClosed(): boolean
  /** Marks the transport closed; `false` when it already was. */
  markClosed(): boolean
  /** `ensureOpen`, then checks the arguments of `Transport.fetch`. */
  checkFetch(parameters: FetchPayloadParameters): void
  /** A signed `Fetch` request for `parameters` (audience: `from`), as the wire body. */
  signFetch(parameters: FetchPayloadParameters): Promise<string>
  /** Opens and verifies the answer `peer` gave (see `readFetchResponse`). */
  readResponse(parameters: FetchPayloadParameters, response: WireResponse, peer: string): Promise<SignedRoundPayload>
}

/** Whether `sealed` is sealed for exactly `members`. */
function sameAccounts(sealed: SealedRoundPayload, members: readonly Address[]): boolean {
  const a = sealed.recipients.map((r) => r.account.toLowerCase()).sort()
  const b = members.map((m) => m.toLowerCase()).sort()
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * Resolves and checks `config` (errors name `factory`) and builds the shared half. `peer` names this
 * transport in `Closed` errors; `lookup` finds other peers' published key bindings.
 */
export function createTransportCore(factory: string, config: TransportBaseConfig, peer: () => string, lookup: KeyLookup): TransportCore {
  const settings = resolveServerConfig(factory, config)
  const payloads = createPayloadServer(settings)
  const domain = { chainId: settings.chainId, coordinator: settings.coordinator }
  const keys = createKeyBook(domain, lookup, settings.now)
  let own: Promise<PeerKey> | undefined
  const key = () => (own ??= createPeerKey(factory, domain, config.account, config.encryptionKey))
  let closed = false
  const ensureOpen = () => {
    if (closed) throw new TransportError({ code: 'Closed', peer: peer(), message: 'this transport is closed; create a new one.' })
  }

  const sign = async (payload: RoundPayload) => {
    checkRoundPayload(payload)
    const signed = await signRoundPayload({ ...domain, account: config.account, payload })
    return { signed, digest: payloadDigest(JSON.stringify(encodeRoundPayload(signed))) }
  }
  /** Seals `signed` for `recipients` (this peer excluded: it holds the plaintext). */
  const seal = async (signed: SignedRoundPayload, recipients: readonly Address[]) => {
    const resolved =
      settings.encryption === 'none' ? [] : await Promise.all(recipients.map(async (account) => ({ account, publicKey: await keys.publicKeyOf(account) })))
    return sealPayload(domain, signed, resolved, settings.encryption)
  }
  const sealFor = async (payload: RoundPayload, requester: Address) => seal((await sign(payload)).signed, [requester])

  return {
    settings,
    payloads,
    address: settings.address,
    key,
    async info() {
      const { binding } = await key()
      return JSON.stringify({ address: settings.address, chainId: settings.chainId, coordinator: settings.coordinator, encryptionKey: binding })
    },
    ensureOpen,
    isClosed: () => closed,
    markClosed() {
      const wasOpen = !closed
      closed = true
      return wasOpen
    },
    async publish(payload) {
      ensureOpen()
      checkRoundPayload(payload)
      // The roster of a proposed round, else (a round about to be proposed) the members now, read fresh.
      await settings.roster.refresh()
      const members = ((await settings.roster.membersAt({ viewId: payload.viewId, round: payload.round })) ?? []).filter((m) => !isAddressEqual(m, settings.address))
      const { signed, digest } = await sign(payload)
      const existing = payloads.get(payload.viewId, payload.round)
      if (existing !== undefined && existing.digest !== digest)
        throw new TransportError({
          code: 'Conflict',
          viewId: payload.viewId,
          round: payload.round,
          message: 'a different payload is already published for this round; a round carries exactly one patch and salt.',
        })
      // The same payload again: sealed again only when the round's members changed since.
      if (existing !== undefined && (settings.encryption === 'none' || sameAccounts(existing.sealed, members))) return existing.sealed
      return payloads.put(await seal(signed, members), digest)
    },
    withdraw(viewId, round) {
      payloads.remove(viewId, round)
    },
    setArchive(archive) {
      payloads.setFallback(archiveFallback(settings.address, sealFor, archive))
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
        audience: getAddress(parameters.from),
        issuedAt: BigInt(Math.floor(settings.now() / 1000)),
      })
      return encodeFetchRequest(request)
    },
    async readResponse(parameters, response, peer) {
      const { pair } = await key()
      return readFetchResponse(domain, parameters, response, peer, (sealed) => openPayload(domain, sealed, settings.address, pair))
    },
  }
}
