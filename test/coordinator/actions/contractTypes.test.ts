/**
 * Contract calls are typed by the ABI end to end: a wrong argument in any action's call is a compile
 * error (checked by `tsc --noEmit`, which covers this file), and a read's result has the ABI's type.
 */
import type { Address, Hex } from 'viem'
import { describe, expectTypeOf, test } from 'vitest'
import { readCoordinator } from '../../../src/coordinator/chain/actions/_internal/read.js'
import { type CoordinatorWalletClient, type WriteRequest, writeCoordinator } from '../../../src/coordinator/chain/actions/_internal/write.js'

describe('contract calls typed by the ABI', () => {
  test('write: each function takes exactly its ABI arguments', () => {
    expectTypeOf<{ functionName: 'ack'; args: readonly [Hex, bigint, Hex]; viewId: Hex }>().toExtend<WriteRequest>()
    expectTypeOf<{ functionName: 'setPeer'; args: readonly [Hex, Address, number]; viewId: Hex }>().toExtend<WriteRequest>()
    // @ts-expect-error `round` is a uint64: a bigint, not a number
    expectTypeOf<{ functionName: 'ack'; args: readonly [Hex, number, Hex]; viewId: Hex }>().toExtend<WriteRequest>()
    // @ts-expect-error `permissions` is a uint8: a number, not a bigint
    expectTypeOf<{ functionName: 'setPeer'; args: readonly [Hex, Address, bigint]; viewId: Hex }>().toExtend<WriteRequest>()
    // @ts-expect-error the arguments of another function (`cancelRound`) do not fit `ack`
    expectTypeOf<{ functionName: 'ack'; args: readonly [Hex]; viewId: Hex }>().toExtend<WriteRequest>()
    // @ts-expect-error a view function is not a write
    expectTypeOf<{ functionName: 'getView'; args: readonly [Hex]; viewId: Hex }>().toExtend<WriteRequest>()
  })

  test('write: a wrong argument at a call site does not compile', () => {
    // Never called: the calls only need to type-check (or fail to, where marked).
    const _calls = (client: CoordinatorWalletClient, address: Address, viewId: Hex) => [
      writeCoordinator(client, { address }, { functionName: 'proposeUpdate', args: [viewId, 0n, viewId, viewId, 600], viewId }),
      // @ts-expect-error `ttl` is a uint32 (number), `baseVersion` a uint64 (bigint): swapped here
      writeCoordinator(client, { address }, { functionName: 'proposeUpdate', args: [viewId, 0, viewId, viewId, 600n], viewId }),
      // @ts-expect-error `evictAndCommit` takes the silent peers' addresses
      writeCoordinator(client, { address }, { functionName: 'evictAndCommit', args: [viewId, [1n]], viewId }),
    ]
    expectTypeOf(_calls).returns.toBeArray()
  })

  test('read: arguments and result come from the ABI', () => {
    type PermissionsOf = typeof readCoordinator<'permissionsOf', readonly [Hex, Address]>
    expectTypeOf<Awaited<ReturnType<PermissionsOf>>>().toEqualTypeOf<number>()
    type PeersOf = typeof readCoordinator<'peersOf', readonly [Hex]>
    expectTypeOf<Awaited<ReturnType<PeersOf>>>().toExtend<readonly [readonly Address[], readonly number[]]>()
    // @ts-expect-error `permissionsOf` takes a view id and an account
    type _Wrong = typeof readCoordinator<'permissionsOf', readonly [Hex]>
  })
})
