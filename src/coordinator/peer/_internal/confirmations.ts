/**
 * How many blocks a peer waits before acting on an event when it is not told. @internal
 */

/** Chain ids of local development nodes (anvil, hardhat: 31337; ganache and others: 1337), which never reorg. */
const localDevChainIds: ReadonlySet<number> = new Set([31337, 1337])

/** Blocks to wait on any other chain: enough for the short reorgs of live networks. */
export const SAFE_CONFIRMATIONS = 2

/** The default `confirmations` of a peer on chain `chainId`: 0 on a local dev chain, {@link SAFE_CONFIRMATIONS} elsewhere. @internal */
export function defaultConfirmations(chainId: number): number {
  return localDevChainIds.has(chainId) ? 0 : SAFE_CONFIRMATIONS
}
