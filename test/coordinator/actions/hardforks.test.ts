/**
 * The compiled ViewCoordinator deploys and runs a round on the oldest EVM version it targets (`paris`) and
 * on anvil's latest; an older chain gets a typed error naming the version.
 */
import { createWalletClient, http } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { afterEach, describe, expect, test } from 'vitest'
import { ack, coordinatorEvmVersion, deployCoordinator, getView, proposeUpdate, UnsupportedEvmError } from 'lensync/coordinator'
import { type Anvil, startAnvil } from '../../../tools/anvil.js'
import { type Fixture, MNEMONIC, label, setupCoordinator } from './_fixture.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'

let fixture: Fixture | undefined
let anvil: Anvil | undefined
afterEach(async () => {
  await fixture?.anvil.stop()
  await anvil?.stop()
  fixture = anvil = undefined
})

describe('deployCoordinator across hardforks', () => {
  for (const hardfork of ['paris', undefined]) {
    test(`default: deploys and completes a round on ${hardfork ?? 'the default hardfork'}`, async () => {
      fixture = await setupCoordinator({ accounts: 3, ...(hardfork ? { hardfork } : {}) })
      const f = fixture
      const { viewId } = await f.freshView(2, 1)
      const p = await proposeUpdate(f.wallet(0), { address: f.address, viewId, baseVersion: 0n, baseCommitment: label('c0'), newCommitment: label('c1'), ttl: 60 })
      const { completed } = await ack(f.wallet(1), { address: f.address, viewId, round: p.round, commitment: label('c1') })
      expect(completed).toBe(true)
      expect(await getView(f.publicClient, { address: f.address, viewId })).toMatchObject({ version: 1n, head: label('c1') })
    })
  }

  test('error: a chain older than paris gets UnsupportedEvmError naming the EVM version', async () => {
    anvil = await startAnvil({ accounts: 1, hardfork: 'byzantium' })
    const wallet = createWalletClient({ account: mnemonicToAccount(MNEMONIC), chain: foundry, transport: http(anvil.rpcUrl), pollingInterval: 50 })
    const error = await expectLensyncErrorAsync(deployCoordinator(wallet), UnsupportedEvmError)
    expect(error).toMatchObject({ code: 'UnsupportedEvm', evmVersion: coordinatorEvmVersion })
    expect((error as UnsupportedEvmError).shortMessage).toContain('paris')
  })
})
