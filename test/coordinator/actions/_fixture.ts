/**
 * One anvil + one deployed ViewCoordinator per test file, with clients for its dev accounts and a helper
 * that creates a fresh view. Real node, real compiled contract.
 */
import { type Address, type Chain, type Hex, type PublicClient, type TestClient, type TransactionReceipt, type Transport, type WalletClient, createPublicClient, createTestClient, createWalletClient, http, keccak256, stringToHex } from 'viem'
import { type HDAccount, mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { createView, deployCoordinator, READ, WRITE } from 'lensync/coordinator'
import { type Anvil, startAnvil } from '../../../tools/anvil.js'
import {  } from '../../_helpers/expectError.js'

export const MNEMONIC = 'test test test test test test test test test test test junk'
export { READ, WRITE }
export const RW = READ | WRITE

export const label = (text: string): Hex => keccak256(stringToHex(text))

export interface Fixture {
  readonly anvil: Anvil
  readonly accounts: HDAccount[]
  readonly publicClient: PublicClient<Transport, Chain>
  readonly wallet: (i: number) => WalletClient<Transport, Chain, HDAccount>
  readonly testClient: TestClient<'anvil', Transport, Chain>
  readonly address: Address
  readonly deployReceipt: TransactionReceipt
  readonly freshView: (
    n?: number,
    writers?: number,
    initial?: Hex,
  ) => Promise<{ viewId: Hex; peers: { address: Address; permissions: number }[]; initial: Hex; receipt: TransactionReceipt }>
}

export async function setupCoordinator(options: { accounts?: number; hardfork?: string } = {}): Promise<Fixture> {
  const count = options.accounts ?? 6
  const anvil: Anvil = await startAnvil({ accounts: count, ...(options.hardfork ? { hardfork: options.hardfork } : {}) })
  const accounts: HDAccount[] = Array.from({ length: count }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }))
  const transport = http(anvil.rpcUrl)
  const publicClient: PublicClient<Transport, Chain> = createPublicClient({ chain: foundry, transport, pollingInterval: 50 })
  const wallet = (i: number) => createWalletClient({ account: accounts[i]!, chain: foundry, transport, pollingInterval: 50 })
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const { address, receipt } = await deployCoordinator(wallet(0))
  let counter = 0
  /** Creates a view of peers 0..n-1 (the first `writers` with READ|WRITE), controller account 0. */
  async function freshView(n = 3, writers = 2, initial: Hex = label('c0')) {
    const salt = label(`view ${counter++} ${Math.random()}`)
    const peers = accounts.slice(0, n).map((a, i) => ({ address: a.address as Address, permissions: i < writers ? RW : READ }))
    const result = await createView(wallet(0), { address, salt, initialCommitment: initial, controller: accounts[0]!.address, peers })
    return { viewId: result.viewId, peers, initial, receipt: result.receipt }
  }
  return { anvil, accounts, publicClient, wallet, testClient, address, deployReceipt: receipt, freshView }
}
