import { existsSync, readFileSync } from 'node:fs'
import { type Abi, type Address, createWalletClient, type Hex, http } from 'viem'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PeerError, permissionsOf } from 'lensync/coordinator'
import { clinicalLens, patientRecord } from '../../_helpers/fixtures.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'
import { READ, READ_WRITE, startWorld, type World } from './_harness.js'

// A contract account (an ERC-1271 wallet deployed on anvil) cannot be made a member: the engine refuses
// it before any transaction; an EOA with an EIP-7702 delegation is still an EOA.

const ARTIFACT = new URL('../../../out/ERC1271WalletMock.sol/ERC1271WalletMock.json', import.meta.url)

let world: World
let wallet: Address
beforeAll(async () => {
  if (!existsSync(ARTIFACT)) throw new Error('out/ERC1271WalletMock.sol is missing: run `npm run contracts:build` first.')
  const { abi, bytecode } = JSON.parse(readFileSync(ARTIFACT, 'utf8')) as { abi: Abi; bytecode: { object: Hex } }
  world = await startWorld()
  const owner = world.accounts[3]!
  const deployer = createWalletClient({ account: owner, chain: foundry, transport: http(world.anvil.rpcUrl) })
  const hash = await deployer.deployContract({ abi, bytecode: bytecode.object, args: [owner.address] })
  wallet = (await world.publicClient.waitForTransactionReceipt({ hash })).contractAddress!
})
afterAll(async () => {
  await world?.stop()
})

describe('smart-account members', () => {
  test('error: shareView with an ERC-1271 wallet among the peers is UnsupportedAccount at its pointer; no view is created', async () => {
    world.freshHubs()
    const patient = world.peer(0)
    const doctor = world.peer(1)
    await patient.peer.putRecord('record', patientRecord())
    const blockBefore = await world.publicClient.getBlockNumber({ cacheTime: 0 })
    const error = await expectLensyncErrorAsync(
      patient.peer.shareView({
        recordId: 'record',
        lens: clinicalLens,
        peers: [
          { address: doctor.account.address, permissions: READ_WRITE },
          { address: wallet, permissions: READ },
        ],
      }),
      PeerError,
      { code: 'UnsupportedAccount', pointer: '/peers/1/address' },
    )
    expect(error.message).toContain(wallet)
    expect(await patient.storage.listViews()).toEqual([])
    expect(await world.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore)
  })

  test('error: setMember of an ERC-1271 wallet is UnsupportedAccount at /address, before any transaction; an EOA with an EIP-7702 delegation is accepted', async () => {
    world.freshHubs()
    const patient = world.peer(0)
    const doctor = world.peer(1)
    await patient.peer.putRecord('record', patientRecord())
    const { viewId } = await patient.peer.shareView({ recordId: 'record', lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
    const blockBefore = await world.publicClient.getBlockNumber({ cacheTime: 0 })
    await expectLensyncErrorAsync(patient.peer.setMember(viewId, { address: wallet, permissions: READ }), PeerError, { code: 'UnsupportedAccount', pointer: '/address', viewId })
    expect(await world.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore)
    expect(await permissionsOf(world.publicClient, { address: world.coordinator, viewId, account: wallet })).toBe(0)

    const delegating = world.accounts[2]!.address
    await world.testClient.setCode({ address: delegating, bytecode: `0xef0100${wallet.slice(2).toLowerCase()}` })
    await patient.peer.setMember(viewId, { address: delegating, permissions: READ })
    expect(await permissionsOf(world.publicClient, { address: world.coordinator, viewId, account: delegating })).toBe(READ)
  })
})
