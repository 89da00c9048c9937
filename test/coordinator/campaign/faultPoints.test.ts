/**
 * A crash at each fault point of a round is survivable: the peer that reaches the point throws
 * `InjectedFault`, is restarted over the same store (whatever it staged still staged), and the
 * peers settle to the same data as if nothing had happened.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type FaultPoint, faultPoints } from 'lensync/coordinator'
import { addObservation } from '../../_helpers/fixtures.js'
import { startWorld, type World } from '../integration/_harness.js'
import { checkSettled } from './_invariants.js'
import { System } from './_system.js'
import { memoryKind } from './_storageKinds.js'

let world: World
beforeAll(async () => {
  world = await startWorld(3)
})
afterAll(async () => {
  await world?.stop()
})

type Scenario = 'round' | 'relayed' | 'restartedProposer' | 'expired' | 'lagging' | 'hostile'

/** The scenario whose round reaches each point. */
const reachedBy: Record<FaultPoint, Scenario> = {
  'propose:read': 'round',
  'propose:publish': 'round',
  'propose:send': 'round',
  'propose:stage': 'round',
  'receive:read': 'round',
  'receive:fetch': 'round',
  'receive:stage': 'round',
  'ack:send': 'round',
  'ack:handover': 'relayed',
  'finish:promote': 'round',
  'finish:discard': 'expired',
  'cancel:send': 'hostile',
  'cursor:advance': 'round',
  'reconcile:read': 'round',
  'reconcile:promote': 'round',
  'reconcile:discard': 'lagging',
  'reconcile:expire': 'expired',
  'reconcile:republish': 'restartedProposer',
  'relay:send': 'relayed',
  propagate: 'round',
}

async function play(system: System, scenario: Scenario): Promise<void> {
  const edit = () => system.run('doctor', (peer) => peer.update(system.clinical, addObservation('f1', 77)))
  if (scenario === 'hostile') {
    system.hostility = 'tampered'
    await edit()
    await system.run('patient', (peer) => peer.sync())
    system.hostility = undefined
  } else if (scenario === 'expired' || scenario === 'lagging') {
    await edit()
    system.offline = true
    await system.run('patient', (peer) => peer.sync())
    await system.expire()
    system.offline = false
  } else {
    await edit()
    if (scenario === 'restartedProposer') await system.restart('doctor')
  }
  await system.settleFully()
}

describe('fault points', () => {
  test('default: the scenarios cover every point', () => {
    expect(Object.keys(reachedBy).sort()).toEqual([...faultPoints].sort())
  })

  for (const point of faultPoints) {
    const scenario = reachedBy[point]
    test(`behavior: a crash at '${point}' (${scenario}) is survivable`, async () => {
      const system = await System.create(world, memoryKind(), {
        ackMode: scenario === 'relayed' || scenario === 'restartedProposer' ? 'relay' : 'direct',
        // The doctor acts on events one block late: its reconcile sees the round closed before its event.
        confirmations: scenario === 'lagging' ? { doctor: 1 } : undefined,
      })
      system.plan = { point }
      // settleFully clears a plan nobody reached: plan again for each step of the scenario.
      const settle = system.settleFully.bind(system)
      system.settleFully = async () => {
        if (system.crashes.length === 0) system.plan = { point }
        await system.settle()
        if (system.crashes.length === 0) system.plan = undefined
        await settle()
      }
      await play(system, scenario)
      expect(system.crashes.map((c) => c.point)).toEqual([point])
      expect(await checkSettled(system)).toEqual([])
      await system.close()
    })
  }
})
