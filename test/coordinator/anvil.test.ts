import {
  type Address,
  type Hex,
  BaseError,
  ContractFunctionRevertedError,
  concat,
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  numberToHex,
  stringToHex,
  zeroHash,
} from 'viem'
import { type HDAccount, mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeViewId, READ, viewCoordinatorAbi, viewCoordinatorBytecode, WRITE } from 'lensync/coordinator'
import { type Anvil, startAnvil } from '../../tools/anvil.js'

// Proves the anvil harness and the generated bindings: the committed bytecode deploys, and the typed ABI
// drives a whole round (direct ack and relayed EIP-712 signatures) on a real chain.

const MNEMONIC = 'test test test test test test test test test test test junk'
const PEERS = 64
const RW = READ | WRITE
const TTL = 3600

let anvil: Anvil
let accounts: HDAccount[]
let coordinator: Address
const publicClient = () => createPublicClient({ chain: foundry, transport: http(anvil.rpcUrl) })
const wallet = (account: HDAccount) => createWalletClient({ account, chain: foundry, transport: http(anvil.rpcUrl) })

let viewCounter = 0
const freshViewId = (): Hex => keccak256(stringToHex(`anvil test view ${viewCounter++} ${Date.now()}`))
const commitment = (label: string): Hex => keccak256(stringToHex(label))

async function send(account: HDAccount, request: Parameters<ReturnType<typeof wallet>['writeContract']>[0]) {
  const hash = await wallet(account).writeContract(request)
  const receipt = await publicClient().waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
  return receipt
}

/** Creates a view (creator and controller: account 0) from `salt` and returns its id. */
async function createView(salt: Hex, n: number, writers: number): Promise<Hex> {
  const peers = accounts.slice(0, n).map((a) => a.address)
  const perms = peers.map((_, i) => (i < writers ? RW : READ))
  await send(accounts[0]!, {
    address: coordinator,
    abi: viewCoordinatorAbi,
    functionName: 'createView',
    args: [salt, commitment('c0'), zeroHash, accounts[0]!.address, peers, perms, 86_400, 3_600],
  })
  return computeViewId({ creator: accounts[0]!.address, salt })
}

/** Peer `i` signs the open round of `viewId` (EIP-712 `Ack`) and returns its packed entry. */
async function ackEntry(viewId: Hex, i: number): Promise<Hex> {
  const state = await publicClient().readContract({
    address: coordinator,
    abi: viewCoordinatorAbi,
    functionName: 'getView',
    args: [viewId],
  })
  const signature = await accounts[i]!.signTypedData({
    domain: { name: 'lensync ViewCoordinator', version: '1', chainId: foundry.id, verifyingContract: coordinator },
    types: {
      Ack: [
        { name: 'viewId', type: 'bytes32' },
        { name: 'round', type: 'uint64' },
        { name: 'version', type: 'uint64' },
        { name: 'commitment', type: 'bytes32' },
        { name: 'deadline', type: 'uint40' },
      ],
    },
    primaryType: 'Ack',
    message: {
      viewId,
      round: state.round,
      version: state.version + 1n,
      commitment: state.pending,
      deadline: state.deadline,
    },
  })
  return concat([numberToHex(i, { size: 1 }), numberToHex(65, { size: 2 }), signature])
}

beforeAll(async () => {
  anvil = await startAnvil({ accounts: PEERS })
  accounts = Array.from({ length: PEERS }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }))
  const hash = await wallet(accounts[0]!).deployContract({ abi: viewCoordinatorAbi, bytecode: viewCoordinatorBytecode })
  const receipt = await publicClient().waitForTransactionReceipt({ hash })
  coordinator = receipt.contractAddress!
})

afterAll(async () => {
  await anvil?.stop()
})

describe('ViewCoordinator on anvil', () => {
  test('startAnvil answers JSON-RPC on 127.0.0.1 with the requested accounts', async () => {
    expect(anvil.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(await publicClient().getChainId()).toBe(foundry.id)
    const rpcAccounts = await createWalletClient({ chain: foundry, transport: http(anvil.rpcUrl) }).getAddresses()
    expect(rpcAccounts).toHaveLength(PEERS)
    expect(rpcAccounts[5]!.toLowerCase()).toBe(accounts[5]!.address.toLowerCase())
  })

  test('createView, proposeUpdate, ack and ackWithSignatures complete a round', async () => {
    const viewId = await createView(freshViewId(), 3, 2)
    const c1 = commitment('c1')
    const { result: round } = await publicClient().simulateContract({
      account: accounts[1]!,
      address: coordinator,
      abi: viewCoordinatorAbi,
      functionName: 'proposeUpdate',
      args: [viewId, 0n, commitment('c0'), c1, TTL],
    })
    expect(round).toBe(1n)
    await send(accounts[1]!, {
      address: coordinator,
      abi: viewCoordinatorAbi,
      functionName: 'proposeUpdate',
      args: [viewId, 0n, commitment('c0'), c1, TTL],
    })
    await send(accounts[0]!, {
      address: coordinator,
      abi: viewCoordinatorAbi,
      functionName: 'ack',
      args: [viewId, round, c1],
    })
    const open = await publicClient().readContract({
      address: coordinator,
      abi: viewCoordinatorAbi,
      functionName: 'getView',
      args: [viewId],
    })
    expect(open).toMatchObject({ roundOpen: true, ackMask: 3n, version: 0n, pending: c1 })

    // Peer 2 (READ only) signs; anyone relays. The proposer's signature rides along and is skipped.
    const sigs = concat([await ackEntry(viewId, 1), await ackEntry(viewId, 2)])
    const receipt = await send(accounts[9]!, {
      address: coordinator,
      abi: viewCoordinatorAbi,
      functionName: 'ackWithSignatures',
      args: [viewId, round, c1, sigs],
    })
    const events = await publicClient().getContractEvents({
      address: coordinator,
      abi: viewCoordinatorAbi,
      args: { viewId },
      fromBlock: receipt.blockNumber,
      toBlock: receipt.blockNumber,
    })
    expect(events.map((e) => e.eventName)).toEqual(['AcksRecorded', 'RoundCompleted'])
    expect(events[0]!.args).toMatchObject({ viewId, round: 1n, signers: 4n })
    expect(events[1]!.args).toMatchObject({ viewId, round: 1n, version: 1n, commitment: c1 })
    const done = await publicClient().readContract({
      address: coordinator,
      abi: viewCoordinatorAbi,
      functionName: 'getView',
      args: [viewId],
    })
    expect(done).toMatchObject({ head: c1, version: 1n, roundOpen: false, ackMask: 0n })
  })

  test('reverts decode into the named custom error with its arguments', async () => {
    const viewId = await createView(freshViewId(), 3, 1)
    const error = await publicClient()
      .simulateContract({
        account: accounts[2]!,
        address: coordinator,
        abi: viewCoordinatorAbi,
        functionName: 'proposeUpdate',
        args: [viewId, 0n, commitment('c0'), commitment('c1'), TTL],
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BaseError)
    const revert = (error as BaseError).walk((e) => e instanceof ContractFunctionRevertedError)
    expect(revert).toBeInstanceOf(ContractFunctionRevertedError)
    expect((revert as ContractFunctionRevertedError).data).toMatchObject({
      errorName: 'MissingPermission',
      args: [viewId, accounts[2]!.address, 2],
    })
  })

  test('gas per round from receipts, n = 2, 3, 10, 64, both ack paths', async () => {
    const batchByN = new Map<number, bigint>()
    for (const n of [2, 3, 10, 64]) {
      const c1 = commitment(`gas ${n}`)
      const direct = await createView(freshViewId(), n, 1)
      const propose = await send(accounts[0]!, {
        address: coordinator,
        abi: viewCoordinatorAbi,
        functionName: 'proposeUpdate',
        args: [direct, 0n, commitment('c0'), c1, TTL],
      })
      const acks: bigint[] = []
      for (let i = 1; i < n; i++) {
        const receipt = await send(accounts[i]!, {
          address: coordinator,
          abi: viewCoordinatorAbi,
          functionName: 'ack',
          args: [direct, 1n, c1],
        })
        acks.push(receipt.gasUsed)
      }
      const batched = await createView(freshViewId(), n, 1)
      const proposeBatched = await send(accounts[0]!, {
        address: coordinator,
        abi: viewCoordinatorAbi,
        functionName: 'proposeUpdate',
        args: [batched, 0n, commitment('c0'), c1, TTL],
      })
      const entries: Hex[] = []
      for (let i = 1; i < n; i++) entries.push(await ackEntry(batched, i))
      const batch = await send(accounts[0]!, {
        address: coordinator,
        abi: viewCoordinatorAbi,
        functionName: 'ackWithSignatures',
        args: [batched, 1n, c1, concat(entries)],
      })
      batchByN.set(n, batch.gasUsed)
      const ack = n > 2 ? acks[0]! : undefined
      expect(propose.gasUsed).toBeLessThanOrEqual(60_000n)
      if (ack !== undefined) expect(ack).toBeLessThanOrEqual(36_000n)
    }
    const perSigner = (batchByN.get(64)! - batchByN.get(2)!) / 62n
    expect(perSigner).toBeLessThanOrEqual(8_500n)
  })
})
