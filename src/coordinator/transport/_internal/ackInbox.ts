/**
 * The receiving side of an ack channel: each signature verified on arrival against the open round it
 * acknowledges, kept under its recovered signer, only for rounds this relayer proposed, bounded, and
 * dropped once the round's deadline passed. @internal
 */
import { getAddress, isAddressEqual, recoverTypedDataAddress, type Address, type Hex } from 'viem'
import { ackDomain, ackTypes } from '../../chain/actions/signAck.js'
import type { SignedAck, ViewRoster } from '../types.js'
import { decodeAddress, decodeBytes32, decodeUint64, errorResponse, parseJson, type WireResponse } from './wire.js'

/** @internal */
export interface AckInbox {
  /** Checks and stores one wire body; answers 200 or the error. Never throws. */
  accept(body: string): Promise<WireResponse>
  received(viewId: Hex, round: bigint): readonly SignedAck[]
}

/** Settings of {@link createAckInbox}. @internal */
export interface AckInboxConfig {
  /** The relayer: only rounds it proposed are accepted. */
  readonly address: Address
  readonly chainId: number
  readonly coordinator: Address
  readonly roster: ViewRoster
  readonly now: () => number
  /**
   * Most rounds held at once (a round holds at most one signature per member).
   * @defaultValue 1024
   */
  readonly maxRounds?: number | undefined
}

/** The wire form of a {@link SignedAck}. @internal */
export function encodeSignedAck(ack: SignedAck): string {
  return JSON.stringify({ viewId: ack.viewId, round: ack.round.toString(), signer: ack.signer, signature: ack.signature })
}

/** @internal */
export function createAckInbox(config: AckInboxConfig): AckInbox {
  const maxRounds = config.maxRounds ?? 1024
  // viewId:round → its deadline (ms) and one signature per recovered signer.
  const inbox = new Map<string, { readonly expiresAt: number; readonly acks: Map<Address, SignedAck> }>()
  const key = (viewId: Hex, round: bigint) => `${viewId.toLowerCase()}:${round}`
  const expire = () => {
    const t = config.now()
    for (const [k, entry] of inbox) if (entry.expiresAt <= t) inbox.delete(k)
  }
  return {
    async accept(body) {
      let ack: SignedAck
      try {
        const o = parseJson(body) as Record<string, unknown>
        if (o === null || typeof o !== 'object' || typeof o.signature !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(o.signature)) return errorResponse('InvalidPayload')
        ack = { viewId: decodeBytes32(o.viewId, '/viewId'), round: decodeUint64(o.round, '/round'), signer: decodeAddress(o.signer, '/signer'), signature: o.signature as Hex }
      } catch {
        return errorResponse('InvalidPayload')
      }
      let open
      try {
        open = await config.roster.openRound({ viewId: ack.viewId, round: ack.round })
      } catch {
        return errorResponse('ServerError')
      }
      // Only the open rounds this relayer proposed: it relays nothing else.
      if (open === undefined || !isAddressEqual(open.proposer, config.address)) return errorResponse('NotFound')
      const expiresAt = Number(open.deadline) * 1000
      if (expiresAt <= config.now()) return errorResponse('NotFound')
      let signer: Address
      try {
        signer = await recoverTypedDataAddress({
          domain: ackDomain({ address: config.coordinator, chainId: config.chainId }),
          types: ackTypes,
          primaryType: 'Ack',
          message: { viewId: ack.viewId, round: ack.round, version: open.version, commitment: open.commitment, deadline: Number(open.deadline) },
          signature: ack.signature,
        })
      } catch {
        return errorResponse('BadSignature')
      }
      if (!isAddressEqual(signer, ack.signer)) return errorResponse('BadSignature')
      let member: boolean
      try {
        member = !isAddressEqual(signer, open.proposer) && (await config.roster.isMember({ viewId: ack.viewId, round: ack.round, account: signer }))
      } catch {
        return errorResponse('ServerError')
      }
      if (!member) return errorResponse('Unauthorized')
      const k = key(ack.viewId, ack.round)
      let entry = inbox.get(k)
      if (entry === undefined) {
        if (inbox.size >= maxRounds) expire()
        if (inbox.size >= maxRounds) return errorResponse('RateLimited')
        inbox.set(k, (entry = { expiresAt, acks: new Map() }))
      }
      entry.acks.set(getAddress(signer), { ...ack, signer: getAddress(signer) })
      return { status: 200, body: '{}' }
    },
    received(viewId, round) {
      expire()
      return [...(inbox.get(key(viewId, round))?.acks.values() ?? [])]
    },
  }
}
