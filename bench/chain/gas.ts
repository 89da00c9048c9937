/**
 * Gas per acknowledgement round of the ViewCoordinator, for n = 2, 3, 5, 10, 20, 40, 64 peers, both
 * ack paths, read from transaction receipts on a local anvil (started here, killed at the end):
 *
 * - per-peer acks: peer 0 proposes (its own ack is recorded with the proposal), peers 1..n-1 each
 *   send `ack` (sent concurrently with a fixed gas limit, since an estimate made before the other acks land
 *   would not cover the completing one; anvil mines each in its own block);
 * - relayed batch: peer 0 proposes, peers 1..n-1 sign the EIP-712 `Ack` (viewId, round, version,
 *   commitment, deadline) off-chain, an outside account relays one `ackWithSignatures` with the
 *   packed entries `index (1 byte) | length (2 bytes) | signature (65 bytes)`.
 *
 * Every round is checked to complete (head = the new commitment, version 1, no open round) before its
 * figures are kept. Round latency is wall time from sending the proposal to the receipt of the
 * completing transaction (signing included for the batch), on anvil with automine: it measures the
 * client and RPC path, not a real chain's block time.
 *
 * Usage: `node --import tsx bench/chain/gas.ts [full|quick]` prints one JSON line.
 */
import { type Address, type Hex, concat, createPublicClient, createWalletClient, http, keccak256, numberToHex, stringToHex, zeroHash } from 'viem'
import { type HDAccount, mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { computeViewId, defaultRoundLimits, READ, viewCoordinatorAbi, viewCoordinatorBytecode, WRITE } from 'lensync/coordinator'
import { startAnvil } from '../../tools/anvil.js'

const MNEMONIC = 'test test test test test test test test test test test junk'
const TTL = 3600
const RW = READ | WRITE

/** Figures of one peer count. */
export interface GasRow {
  readonly n: number
  readonly createView: number
  readonly propose: number
  /** Sum of the n - 1 `ack` transactions. */
  readonly acksTotal: number
  /** Mean gas of one `ack` transaction (the completing one included). */
  readonly ackMean: number
  /** The completing (last) `ack`. */
  readonly ackLast: number
  readonly batch: number
  /** `(batch(n) - batch(previous n)) / (n - previous n)`; undefined for the first row. */
  readonly batchPerExtraSigner: number | undefined
  readonly roundGasPerPeer: number
  readonly roundGasBatch: number
  readonly latencyPerPeerMs: number
  readonly latencyBatchMs: number
}

/** The whole chain result. */
export interface GasResult {
  readonly rows: readonly GasRow[]
  /** Least-squares slope of batch gas over the number of signers (n - 1). */
  readonly batchPerSignerFit: number
  readonly anvil: string
}

async function main(): Promise<void> {
  const quick = process.argv[2] === 'quick'
  const ns = quick ? [2, 3, 5] : [2, 3, 5, 10, 20, 40, 64]
  const peersNeeded = Math.max(...ns)
  const anvil = await startAnvil({ accounts: peersNeeded + 1 })
  try {
    const accounts: HDAccount[] = Array.from({ length: peersNeeded + 1 }, (_, i) => mnemonicToAccount(MNEMONIC, { addressIndex: i }))
    const relayer = accounts[peersNeeded]!
    const transport = http(anvil.rpcUrl)
    const client = createPublicClient({ chain: foundry, transport, pollingInterval: 5, cacheTime: 0 })
    const wallets = new Map(accounts.map((a) => [a, createWalletClient({ account: a, chain: foundry, transport })]))
    const send = async (account: HDAccount, request: Omit<Parameters<ReturnType<typeof createWalletClient>['writeContract']>[0], 'account' | 'chain'>) => {
      const hash = await wallets.get(account)!.writeContract({ ...request, account, chain: foundry } as never)
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 5 })
      if (receipt.status !== 'success') throw new Error(`gas: ${String(request.functionName)} reverted`)
      return receipt
    }
    const deployHash = await wallets.get(accounts[0]!)!.deployContract({ abi: viewCoordinatorAbi, bytecode: viewCoordinatorBytecode, account: accounts[0]!, chain: foundry })
    const coordinator: Address = (await client.waitForTransactionReceipt({ hash: deployHash, pollingInterval: 5 })).contractAddress!
    const c0 = keccak256(stringToHex('commitment 0'))
    const c1 = keccak256(stringToHex('commitment 1'))
    const contract = { address: coordinator, abi: viewCoordinatorAbi } as const

    const open = async (label: string, n: number) => {
      const salt = keccak256(stringToHex(`bench view ${label} ${n}`))
      const viewId = computeViewId({ creator: accounts[0]!.address, salt })
      const peers = accounts.slice(0, n).map((a) => a.address)
      const { maxTtl, grace } = defaultRoundLimits
      const created = await send(accounts[0]!, { ...contract, functionName: 'createView', args: [salt, c0, zeroHash, accounts[0]!.address, peers, peers.map((_, i) => (i === 0 ? RW : READ)), maxTtl, grace] })
      const start = performance.now()
      const proposed = await send(accounts[0]!, { ...contract, functionName: 'proposeUpdate', args: [viewId, 0n, c0, c1, TTL] })
      return { viewId, start, created: Number(created.gasUsed), propose: Number(proposed.gasUsed) }
    }
    const expectComplete = async (viewId: Hex) => {
      const state = await client.readContract({ ...contract, functionName: 'getView', args: [viewId] })
      if (state.head !== c1 || state.version !== 1n || state.roundOpen) throw new Error(`gas: the round of ${viewId} did not complete`)
    }

    const rows: GasRow[] = []
    for (const n of ns) {
      // Per-peer acks.
      const direct = await open('direct', n)
      const acks = await Promise.all(accounts.slice(1, n).map((a) => send(a, { ...contract, functionName: 'ack', args: [direct.viewId, 1n, c1], gas: 300_000n })))
      const latencyPerPeerMs = performance.now() - direct.start
      await expectComplete(direct.viewId)
      const ackGas = acks.map((r) => Number(r.gasUsed))
      const last = acks.reduce((a, b) => (b.blockNumber > a.blockNumber ? b : a))

      // One relayed batch of EIP-712 signatures.
      const relayed = await open('batch', n)
      const state = await client.readContract({ ...contract, functionName: 'getView', args: [relayed.viewId] })
      const entries = await Promise.all(
        accounts.slice(1, n).map(async (a, j) => {
          const signature = await a.signTypedData({
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
            message: { viewId: relayed.viewId, round: state.round, version: state.version + 1n, commitment: state.pending, deadline: state.deadline },
          })
          return concat([numberToHex(j + 1, { size: 1 }), numberToHex(65, { size: 2 }), signature])
        }),
      )
      const batchReceipt = await send(relayer, { ...contract, functionName: 'ackWithSignatures', args: [relayed.viewId, 1n, c1, concat(entries)] })
      const latencyBatchMs = performance.now() - relayed.start
      await expectComplete(relayed.viewId)
      const batch = Number(batchReceipt.gasUsed)
      const previous = rows[rows.length - 1]
      const acksTotal = ackGas.reduce((a, b) => a + b, 0)
      rows.push({
        n,
        createView: direct.created,
        propose: direct.propose,
        acksTotal,
        ackMean: acksTotal / ackGas.length,
        ackLast: Number(last.gasUsed),
        batch,
        batchPerExtraSigner: previous === undefined ? undefined : (batch - previous.batch) / (n - previous.n),
        roundGasPerPeer: direct.propose + acksTotal,
        roundGasBatch: relayed.propose + batch,
        latencyPerPeerMs,
        latencyBatchMs,
      })
    }
    const xs = rows.map((r) => r.n - 1)
    const ys = rows.map((r) => r.batch)
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length
    const my = ys.reduce((a, b) => a + b, 0) / ys.length
    const batchPerSignerFit = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0)
    const version = await client.request({ method: 'web3_clientVersion' as never })
    const result: GasResult = { rows, batchPerSignerFit, anvil: String(version) }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await anvil.stop()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
