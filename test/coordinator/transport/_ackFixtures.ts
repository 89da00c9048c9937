/**
 * An open round proposed by alice, a roster that knows it, and real EIP-712 `Ack` signatures: what an
 * ack inbox verifies against.
 */
import type { Address, Hex, LocalAccount } from 'viem'
import { signAck } from '../../../src/coordinator/chain/actions/signAck.js'
import type { OpenRound, ViewRoster } from 'lensync/coordinator'
import { alice, bob, bytes32, carol, chainId, coordinator, viewId } from './_fixtures.js'

/** Round 7 of `viewId`, proposed by alice, deadline an hour from now; members alice, bob, carol. */
export function openRoundFixture(options: { proposer?: Address; deadline?: bigint } = {}): { round: OpenRound; roster: ViewRoster; members: Address[] } {
  const round: OpenRound = {
    viewId,
    round: 7n,
    proposer: options.proposer ?? alice.address,
    version: 5n,
    commitment: bytes32('pending 7'),
    deadline: options.deadline ?? BigInt(Math.floor(Date.now() / 1000) + 3600),
  }
  const members = [alice.address, bob.address, carol.address]
  const roster: ViewRoster = {
    membersAt: async ({ viewId: id }) => (id === viewId ? members : undefined),
    isMember: async ({ viewId: id, account }) => id === viewId && members.includes(account),
    openRound: async ({ viewId: id, round: r }) => (id === viewId && r === round.round ? round : undefined),
    refresh: async () => undefined,
  }
  return { round, roster, members }
}

/** `account`'s `Ack` signature of `round` (as `signAck` makes it for the contract). */
export function ackOf(account: LocalAccount, round: OpenRound, change: Partial<OpenRound> = {}): Promise<Hex> {
  const r = { ...round, ...change }
  return signAck(account, { address: coordinator, chainId, viewId: r.viewId, round: r.round, version: r.version, commitment: r.commitment, deadline: r.deadline })
}
