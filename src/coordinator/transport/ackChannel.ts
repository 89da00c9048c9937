/**
 * The signature channel of relay mode: peers hand their EIP-712 acks to the proposer of a round, who
 * relays them all in one `ackWithSignatures`.
 *
 * @since 0.1.0
 */
import { getAddress, isAddressEqual, type Address, type Hex } from 'viem'
import { TransportError } from './errors.js'
import type { TransportHub } from './hub.js'
import type { SignedAck } from './types.js'
import { createAckInbox, encodeSignedAck } from './_internal/ackInbox.js'

/**
 * Where relay-mode acks travel.
 *
 * **Details**
 * - Signatures are not secret (they reveal only that a peer acknowledged a commitment) and the contract
 *   verifies every one, so the channel needs no authentication of its own.
 * - `send` is idempotent per `(viewId, round, signer)`: the last signature wins. Since anyone can
 *   post to a relayer, the engine checks every signature (EIP-712 recovery) before relaying it.
 *
 * @category models
 * @since 0.1.0
 */
export interface AckChannel {
  /** This peer's address. */
  readonly address: Address
  /** Hands `ack` (signed by this peer) to the peer at `to` (the round's proposer). */
  send(to: Address, ack: SignedAck): Promise<void>
  /** The signatures received for a round, one per signer. */
  received(viewId: Hex, round: bigint): readonly SignedAck[]
  /** Stops receiving. Idempotent. */
  close(): Promise<void>
}

/**
 * Config of {@link inProcessAckChannel}.
 *
 * @category models
 * @since 0.1.0
 */
export interface InProcessAckChannelConfig {
  /** The peer's address: where it receives signatures. */
  readonly address: Address
}

/**
 * An {@link AckChannel} between peers of one process, over a {@link TransportHub} of its own (not the
 * hub of the payload transport: each hub serves one handler per address).
 *
 * **When to use**
 * - Tests and demos running every peer in one process with `ackMode: 'relay'`.
 *
 * **Example**
 * ```ts
 * import type { LocalAccount } from 'viem'
 * import { createTransportHub, inProcessAckChannel } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount
 * const acks = createTransportHub()
 * const channel = inProcessAckChannel(acks, { address: account.address })
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export function inProcessAckChannel(hub: TransportHub, config: InProcessAckChannelConfig): AckChannel {
  const address = getAddress(config.address)
  const inbox = createAckInbox()
  const stop = hub.listen(address, async (body) =>
    inbox.accept(body) ? { status: 200, body: '{}' } : { status: 400, body: JSON.stringify({ error: { code: 'InvalidPayload' } }) },
  )
  let closed = false
  return {
    address,
    async send(to, ack) {
      checkSend(address, closed, ack)
      const response = await hub.send(to, encodeSignedAck(ack))
      if (response.status !== 200)
        throw new TransportError({ code: 'InvalidPayload', peer: to, status: response.status, message: 'the relayer refused the signature.' })
    },
    received: (viewId, round) => inbox.received(viewId, round),
    async close() {
      if (closed) return
      closed = true
      stop()
    },
  }
}

/** Refuses to send on a closed channel, or another peer's signature. @internal */
export function checkSend(address: Address, closed: boolean, ack: SignedAck): void {
  if (closed) throw new TransportError({ code: 'Closed', peer: address, message: 'this ack channel is closed; create a new one.' })
  if (!isAddressEqual(ack.signer, address))
    throw new TransportError({ code: 'InvalidPayload', pointer: '/signer', peer: address, message: 'send only acks signed by this peer.' })
}
