/**
 * The signature channel of relay mode: peers hand their EIP-712 acks to the proposer of a round, who
 * relays them all in one `ackWithSignatures`.
 *
 * @since 0.1.0
 */
import { getAddress, isAddressEqual, type Address, type Hex } from 'viem'
import { TransportError } from './errors.js'
import type { TransportHub } from './hub.js'
import type { SignedAck, ViewRoster } from './types.js'
import { createAckInbox, encodeSignedAck } from './_internal/ackInbox.js'
import { errorCodeOf } from './_internal/wire.js'

/**
 * Where relay-mode acks travel.
 *
 * **Details**
 * - Signatures are not secret (they reveal only that a peer acknowledged a commitment), but anyone can
 *   post to a relayer: the receiving side verifies each signature on arrival (EIP-712 `Ack` of the
 *   round as the chain announced it), keeps it under its recovered signer, accepts only members of an
 *   open round that this relayer proposed, holds a bounded number of rounds and drops each at its
 *   deadline. Junk is refused, so it can neither overwrite a member's signature nor fill the inbox.
 * - `send` is idempotent per `(viewId, round, signer)`.
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
  /** The peer's address: where it receives signatures, the proposer of the rounds it relays. */
  readonly address: Address
  /** Chain id of the contract's EIP-712 domain (the `Ack` signatures). */
  readonly chainId: number
  /** The ViewCoordinator contract. */
  readonly coordinator: Address
  /** Open rounds and their members ({@link chainRoster}). */
  readonly roster: ViewRoster
  /**
   * Clock in milliseconds, against which round deadlines expire.
   * @defaultValue Date.now
   */
  readonly now?: (() => number) | undefined
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
 * import type { Address, LocalAccount } from 'viem'
 * import { createTransportHub, inProcessAckChannel, type ViewRoster } from 'lensync/coordinator'
 *
 * declare const account: LocalAccount, coordinator: Address, roster: ViewRoster
 * const acks = createTransportHub()
 * const channel = inProcessAckChannel(acks, { address: account.address, chainId: 31337, coordinator, roster })
 * ```
 *
 * @category transports
 * @since 0.1.0
 */
export function inProcessAckChannel(hub: TransportHub, config: InProcessAckChannelConfig): AckChannel {
  const address = getAddress(config.address)
  const inbox = createAckInbox({ ...config, address, now: config.now ?? Date.now })
  const stop = hub.listen(address, (body) => inbox.accept(body))
  let closed = false
  return {
    address,
    async send(to, ack) {
      checkSend(address, closed, ack)
      const response = await hub.send(to, encodeSignedAck(ack))
      if (response.status !== 200) throw refused(to, response)
    },
    received: (viewId, round) => inbox.received(viewId, round),
    async close() {
      if (closed) return
      closed = true
      stop()
    },
  }
}

/** The error of a relayer's refusal, with its code. @internal */
export function refused(peer: string, response: { readonly status: number; readonly body: string }): TransportError {
  let body: unknown
  try {
    body = JSON.parse(response.body)
  } catch {
    body = undefined
  }
  return new TransportError({
    code: errorCodeOf(body),
    peer,
    status: response.status,
    message: 'the relayer refused the signature (not an open round it proposed, not a member, or a signature of something else).',
  })
}

/** Refuses to send on a closed channel, or another peer's signature. @internal */
export function checkSend(address: Address, closed: boolean, ack: SignedAck): void {
  if (closed) throw new TransportError({ code: 'Closed', peer: address, message: 'this ack channel is closed; create a new one.' })
  if (!isAddressEqual(ack.signer, address))
    throw new TransportError({ code: 'InvalidPayload', pointer: '/signer', peer: address, message: 'send only acks signed by this peer.' })
}
