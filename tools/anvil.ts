/**
 * A real anvil for tests, examples and benchmarks (dev tooling, not part of the package): spawns the
 * `anvil` binary of the `@foundry-rs/anvil` npm package (node_modules/.bin/anvil) on 127.0.0.1 with a
 * free port, waits until it answers JSON-RPC and kills it on `stop()` and on process exit.
 *
 * **When to use**: in vitest `beforeAll`/`afterAll` of any test that needs a chain (the coordinator client,
 * peer engine and integration tests), and in `examples/` and `bench/chain/` scripts that start their own
 * local chain.
 *
 * **Details**: anvil's default mnemonic gives the usual deterministic accounts; `accounts` sets how many
 * (up to 64 peers need 64). Blocks are mined on every transaction unless the test calls
 * `testClient.setAutomine(false)`. `evm_revert` consumes its snapshot id: take a new snapshot after each
 * revert. viem caches `getBlockNumber` for `pollingInterval`: pass `cacheTime: 0` in tests.
 *
 * **Example**
 * ```ts
 * let anvil: Anvil
 * beforeAll(async () => { anvil = await startAnvil({ accounts: 3 }) })
 * afterAll(async () => { await anvil.stop() })
 * ```
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/** Options of {@link startAnvil}. */
export interface StartAnvilOptions {
  /** Number of funded dev accounts. @defaultValue 10 */
  accounts?: number
  /** Chain id. @defaultValue 31337 */
  chainId?: number
  /** Milliseconds to wait for anvil to answer before failing. @defaultValue 20_000 */
  timeoutMs?: number
  /** EVM hardfork of the chain (`'paris'`, `'shanghai'`, `'byzantium'`…). @defaultValue anvil's latest */
  hardfork?: string
  /** Extra command-line arguments passed to anvil as-is. @defaultValue [] */
  args?: readonly string[]
}

/** A running anvil. */
export interface Anvil {
  /** HTTP JSON-RPC URL, e.g. `http://127.0.0.1:40123`. */
  readonly rpcUrl: string
  /** The TCP port anvil listens on (127.0.0.1 only). */
  readonly port: number
  /** The chain id anvil was started with. */
  readonly chainId: number
  /** Stops anvil and waits for the process to exit (idempotent). */
  stop(): Promise<void>
}

const anvilBin = fileURLToPath(new URL('../node_modules/.bin/anvil', import.meta.url))
const running = new Set<ChildProcess>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // 'exit' handlers must be synchronous: a SIGKILL cannot be refused and needs no waiting.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL')
  })
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('anvil: no free port'))))
    })
  })
}

async function answers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    })
    return response.ok
  } catch {
    return false
  }
}

/**
 * Starts anvil and resolves once it answers `eth_chainId`. Rejects (and kills the process) if it exits or
 * does not answer within `timeoutMs`.
 */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const { accounts = 10, chainId = 31337, timeoutMs = 20_000, hardfork, args = [] } = options
  installExitHook()
  // A port can be taken between freePort() and anvil's bind: retry a few times.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    const child = spawn(
      anvilBin,
      [
        '--host', '127.0.0.1',
        '--port', String(port),
        '--accounts', String(accounts),
        '--chain-id', String(chainId),
        '--silent',
        ...(hardfork ? ['--hardfork', hardfork] : []),
        ...args,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    running.add(child)
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    let hasExited = false
    void exited.then(() => {
      hasExited = true
      running.delete(child)
    })

    const rpcUrl = `http://127.0.0.1:${port}`
    const deadline = Date.now() + timeoutMs
    while (!hasExited && Date.now() < deadline && !(await answers(rpcUrl))) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    if (!hasExited && (await answers(rpcUrl))) {
      const stop = async (): Promise<void> => {
        if (!hasExited) {
          child.kill('SIGTERM')
          await exited
        }
      }
      return { rpcUrl, port, chainId, stop }
    }
    child.kill('SIGKILL')
    await exited
    if (attempt >= 3 || !/address already in use|os error 98/i.test(stderr)) {
      throw new Error(
        `anvil did not answer on ${rpcUrl} within ${timeoutMs} ms (${anvilBin}): ${stderr.trim() || 'no output'}`,
      )
    }
  }
}
