/**
 * The receiving side of an ack channel: one signature per (view, round, signer), the last wins. @internal
 */
import { getAddress, type Address, type Hex } from 'viem'
import type { SignedAck } from '../types.js'

/** @internal */
export interface AckInbox {
  /** Parses and stores one wire body; `false` when it is malformed. */
  accept(body: string): boolean
  received(viewId: Hex, round: bigint): readonly SignedAck[]
}

/** The wire form of a {@link SignedAck}. @internal */
export function encodeSignedAck(ack: SignedAck): string {
  return JSON.stringify({ viewId: ack.viewId, round: ack.round.toString(), signer: ack.signer, signature: ack.signature })
}

const hex = (value: unknown, bytes?: number): value is Hex =>
  typeof value === 'string' && /^0x[0-9a-fA-F]*$/.test(value) && (bytes === undefined ? value.length % 2 === 0 && value.length <= 2 + 2 * 4096 : value.length === 2 + 2 * bytes)

/** @internal */
export function createAckInbox(): AckInbox {
  const inbox = new Map<string, Map<Address, SignedAck>>()
  const key = (viewId: Hex, round: bigint) => `${viewId.toLowerCase()}:${round}`
  return {
    accept(body) {
      let ack: SignedAck
      try {
        const o = JSON.parse(body) as Record<string, unknown>
        if (!hex(o.viewId, 32) || typeof o.round !== 'string' || !/^\d{1,20}$/.test(o.round) || typeof o.signer !== 'string' || !hex(o.signature)) return false
        ack = { viewId: o.viewId, round: BigInt(o.round), signer: getAddress(o.signer), signature: o.signature }
      } catch {
        return false
      }
      let round = inbox.get(key(ack.viewId, ack.round))
      if (round === undefined) inbox.set(key(ack.viewId, ack.round), (round = new Map()))
      round.set(ack.signer, ack)
      return true
    },
    received(viewId, round) {
      return [...(inbox.get(key(viewId, round))?.values() ?? [])]
    },
  }
}
