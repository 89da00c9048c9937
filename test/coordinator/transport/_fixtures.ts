/**
 * Accounts, a coordinator address and payloads shared by the transport tests.
 */
import { keccak256, stringToBytes, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { RoundPayload, ViewRoster } from 'lensync/coordinator'

// anvil's well-known development keys (public test keys, never funded outside a devnet).
export const alice = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
export const bob = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
export const carol = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
export const mallory = privateKeyToAccount('0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6')

export const chainId = 31337
export const coordinator: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

export const bytes32 = (label: string): Hex => keccak256(stringToBytes(label))
export const viewId = bytes32('view: clinical')
export const otherViewId = bytes32('view: research')

/**
 * A roster that answers the same members for every round of a view: alice, bob for `viewId`; alice,
 * bob, carol for `otherViewId`; mallory is a member of nothing. `calls` records every membership
 * check; `set` changes a view's members from now on.
 */
export function membership(): { roster: ViewRoster; calls: { viewId: Hex; round: bigint; account: Address }[]; set(viewId: Hex, members: readonly Address[]): void } {
  const members = new Map<Hex, readonly Address[]>([
    [viewId, [alice.address, bob.address]],
    [otherViewId, [alice.address, bob.address, carol.address]],
  ])
  const calls: { viewId: Hex; round: bigint; account: Address }[] = []
  return {
    calls,
    set: (id, list) => void members.set(id, list),
    roster: {
      membersAt: async ({ viewId }) => members.get(viewId),
      isMember: async ({ viewId, round, account }) => {
        calls.push({ viewId, round, account })
        return members.get(viewId)?.includes(account) ?? false
      },
      openRound: async () => undefined,
      refresh: async () => undefined,
    },
  }
}

/** A payload proposed by alice for `round` of `viewId`, with FHIR-like values. */
export function payload(round = 7n, overrides: Partial<RoundPayload> = {}): RoundPayload {
  return {
    viewId,
    round,
    baseVersion: round - 1n,
    version: round,
    patch: [
      { op: 'test', path: '/meta/versionId', value: String(round - 1n) },
      { op: 'replace', path: '/birthDate', value: '1970-01-01' },
      { op: 'add', path: '/name/0/given/-', value: 'Zoë 李' },
      { op: 'add', path: '/extension/-', value: { url: 'http://example.org/x', valueDecimal: 1.5, valueBoolean: false } },
      { op: 'remove', path: '/telecom/1' },
      { op: 'move', from: '/address/1', path: '/address/0' },
      { op: 'copy', from: '/name/0', path: '/name/-' },
    ],
    salt: bytes32(`salt ${round}`),
    commitment: bytes32(`commitment ${round}`),
    proposer: alice.address,
    ...overrides,
  }
}
