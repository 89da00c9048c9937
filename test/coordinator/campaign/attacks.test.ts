/**
 * The campaign's attack commands bite: each, run alone on a fresh system, reaches the refusal it
 * asserts (rather than skipping for want of an open round), and the peers converge afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addObservation } from '../../_helpers/fixtures.js'
import { startWorld, type World } from '../integration/_harness.js'
import { EvictSilent, ForgedAck, JunkProposal } from './_attacks.js'
import type { Model } from './_command.js'
import { HostileProposal } from './_commands.js'
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

/** Runs `body` on a fresh system, then settles it and checks every settled invariant. */
async function onFreshSystem(ackMode: 'direct' | 'relay', body: (system: System, model: Model) => Promise<void>): Promise<System> {
  const snapshot = await world.testClient.snapshot()
  const system = await System.create(world, memoryKind(), { ackMode })
  try {
    await body(system, { doctorWrites: true })
    await system.settleFully()
    expect(await checkSettled(system)).toEqual([])
    return system
  } finally {
    await system.close()
    await world.testClient.revert({ id: snapshot })
  }
}

describe('campaign attacks', () => {
  test.each(['direct', 'relay'] as const)('attack (%s acks): the members a round waits on stay silent; the controller evicts them after the deadline, sets them back, and they replay the round they missed', async (ackMode) => {
    const evict = new EvictSilent(150)
    const system = await onFreshSystem(ackMode, (system, model) => evict.run(model, system))
    expect(evict.evicted).toBe(1) // the doctor: the research view's round opens only once the record changed
    expect(system.handles.doctor.peer.log.filter((e) => e.kind === 'caughtUp')).toHaveLength(1)
  })

  test('attack: the proposer serves a tampered payload of the round a readmitted member missed: nothing is stored, the view is held and reported (ViewFailed); served honestly, the next sync catches up', async () => {
    const system = await onFreshSystem('direct', async (system, model) => {
      await new EvictSilent(140).run(model, system)
      const doctor = system.handles.doctor.peer
      const [before, data] = [await doctor.viewState(system.clinical), await doctor.view(system.clinical)]
      system.hostile = 'patient'
      system.hostility = 'tampered'
      try {
        const result = await doctor.sync()
        expect(result.failures).toMatchObject([{ code: 'ViewFailed', viewId: system.clinical, cause: { code: 'JoinUnavailable' } }])
      } finally {
        system.hostility = undefined
      }
      expect(await doctor.viewState(system.clinical)).toMatchObject({ version: before!.version, head: before!.head, digest: before!.digest })
      expect(await doctor.view(system.clinical)).toEqual(data)
    })
    expect(system.handles.doctor.peer.log.filter((e) => e.kind === 'caughtUp')).toHaveLength(1)
  })

  test('attack: a writer holding the view with a junk proposal is cancelled by the controller, and its immediate re-proposal is ProposerBenched', async () => {
    const junk = new JunkProposal('cancel')
    await onFreshSystem('direct', async (system, model) => {
      await junk.run(model, system)
      expect(junk.outcome).toBe('cancelled, then ProposerBenched')
      expect(await system.run('patient', (peer) => peer.update(system.clinical, addObservation('a1', 120)))).toBeDefined()
    })
  })

  test('attack: a writer holding the view with a junk proposal is removed by the controller (its round aborted in the same transaction), set back, and writes again', async () => {
    const junk = new JunkProposal('remove')
    await onFreshSystem('direct', async (system, model) => {
      await junk.run(model, system)
      expect(junk.outcome).toBe('removed, round aborted, set back')
      await system.settle()
      expect(await system.run('doctor', (peer) => peer.update(system.clinical, addObservation('a2', 121)))).toBeDefined()
    })
  })

  test('attack: acks forged for every member (another key, no signature at all) are refused by the relayer on arrival; the round completes with the genuine ones', async () => {
    const forged = new ForgedAck()
    await onFreshSystem('relay', async (system, model) => {
      await system.run('patient', (peer) => peer.update(system.clinical, addObservation('a3', 122)))
      await forged.run(model, system)
      expect(forged.refused).toBe(2) // the doctor's ack signed by another key, and bytes that are no signature
    })
  })

  test.each([
    ['oversized', 'PayloadTooLarge'],
    ['unsigned', 'PayloadInvalid'],
  ] as const)('attack: an %s payload is refused for good (%s) and the controller cancels the round', async (hostility, reason) => {
    const system = await onFreshSystem('direct', (system, model) => new HostileProposal(hostility, 130).run(model, system))
    const refusals = system.handles.patient.peer.log.filter((e) => e.kind === 'refused' && e.reason === reason)
    expect(refusals).toMatchObject([{ final: true }])
    expect(system.handles.patient.peer.log.some((e) => e.kind === 'cancelled')).toBe(true)
  })
})
