import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createWalletClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { getView, removePeer, settle } from 'lensync/coordinator'
import { cast, expectConsistent } from './_cast.js'
import { type Bundle, observation, patientRecord } from '../../_helpers/fixtures.js'
import { startWorld, type World } from './_harness.js'

// Three peers on a real anvil with the real contract, memory storage and the in-process transport:
// patient (full record), doctor (clinical view, WRITE), researcher (de-identified view, READ).

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world?.stop()
})

describe('three peers (integration)', () => {
  test('default: shareView and joinView give every peer its view of version 0', async () => {
    const c = await cast(world)
    await expectConsistent(world, c)
    const research = (await c.researcher.peer.view(c.research)) as unknown as Bundle
    expect(research.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Condition', 'Observation'])
    expect(research.entry[0]!.resource).toEqual({ resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1984' })
    const clinical = (await c.doctor.peer.view(c.clinical)) as unknown as Bundle
    expect(clinical.entry[0]!.resource.telecom).toBeUndefined()
    expect(clinical.entry[0]!.resource.name).toBeDefined()
  })

  test('behavior: a doctor edit reaches the patient record and, by propagation, the researcher (direct acks)', async () => {
    const c = await cast(world)
    const proposed = await c.doctor.peer.update(c.clinical, (view) => {
      const v = view as unknown as Bundle
      return { ...v, entry: [...v.entry, observation('o2', 131)] } as never
    })
    expect(proposed.round).toBe(1n)
    expect(proposed.version).toBe(1n)
    await settle(c.all)
    await expectConsistent(world, c)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    expect(record.entry.map((e) => e.resource.id)).toContain('o2')
    // the patient's hidden contact details survived the doctor's edit
    expect(record.entry[0]!.resource.telecom).toEqual(patientRecord().entry[0]!.resource.telecom)
    const research = (await c.researcher.peer.view(c.research)) as unknown as Bundle
    expect(research.entry.map((e) => e.resource.id)).toEqual(['p1', 'c1', 'o1', 'o2'])
    expect((await c.researcher.peer.viewState(c.research))!.version).toBe(1n)
    // the audit trail: who proposed, who acked, how it ended
    const clinical = await c.researcher.peer.history(c.clinical)
    expect(clinical.rounds).toHaveLength(1)
    expect(clinical.rounds[0]).toMatchObject({ round: 1n, proposer: c.doctor.account.address, outcome: 'completed', version: 1n })
    expect(clinical.rounds[0]!.acks.map((a) => [a.peer, a.via])).toEqual([
      [c.doctor.account.address, 'proposal'],
      [c.patient.account.address, 'ack'],
    ])
    const researchHistory = await c.patient.peer.history(c.research)
    expect(researchHistory.rounds.map((r) => [r.proposer, r.outcome])).toEqual([[c.patient.account.address, 'completed']])
  })

  test('behavior: the patient edits its full record; both views follow', async () => {
    const c = await cast(world)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    const m = record.entry.findIndex((e) => e.resource.id === 'm1')
    const o = record.entry.findIndex((e) => e.resource.id === 'o1')
    const result = await c.patient.peer.updateRecord('record', [
      { op: 'replace', path: `/entry/${m}/resource/dosageInstruction/0/doseAndRate/0/doseQuantity/value`, value: 1000 },
      { op: 'replace', path: `/entry/${o}/resource/valueQuantity/value`, value: 6.9 },
    ])
    expect(result).toBeDefined()
    await settle(c.all)
    await expectConsistent(world, c)
    const clinical = (await c.doctor.peer.view(c.clinical)) as unknown as Bundle
    expect(clinical.entry[m]!.resource).toMatchObject({ dosageInstruction: [{ doseAndRate: [{ doseQuantity: { value: 1000 } }] }] })
    const research = (await c.researcher.peer.view(c.research)) as unknown as Bundle
    expect(research.entry.find((e) => e.resource.id === 'o1')!.resource).toMatchObject({ valueQuantity: { value: 6.9 } })
  })

  test('behavior: after the patient revokes the researcher, the research view moves on without it and it receives nothing', async () => {
    const c = await cast(world)
    const wallet = createWalletClient({ account: c.patient.account, chain: foundry, transport: http(world.anvil.rpcUrl) })
    await removePeer(wallet, { address: world.coordinator, viewId: c.research, peer: c.researcher.account.address })
    const before = await c.researcher.peer.view(c.research)
    const record = (await c.patient.peer.record('record')) as unknown as Bundle
    const o = record.entry.findIndex((e) => e.resource.id === 'o1')
    await c.patient.peer.updateRecord('record', [{ op: 'replace', path: `/entry/${o}/resource/valueQuantity/value`, value: 5.9 }])
    await settle(c.all)
    const chain = await getView(world.publicClient, { address: world.coordinator, viewId: c.research })
    expect(chain.version).toBe(1n) // completed by the patient alone
    expect((await c.patient.peer.viewState(c.research))!.version).toBe(1n)
    expect(await c.researcher.peer.view(c.research)).toEqual(before)
    expect((await c.researcher.peer.viewState(c.research))!.version).toBe(0n)
    // The round completed with the patient alone; the researcher only noted its removal and stopped.
    expect(c.researcher.peer.log.map((e) => e.kind)).toEqual(['revoked'])
    expect((await c.researcher.peer.viewState(c.research))!.revoked).toBe(true)
    // and asking for the round's payload directly is refused by the patient's transport
    const fetched = await c.researcher.transport.fetch({ viewId: c.research, round: 1n, from: c.patient.account.address }).catch((e: unknown) => e)
    expect(fetched).toMatchObject({ code: 'Unauthorized' })
    expect(await c.doctor.peer.view(c.clinical)).toEqual(await c.patient.peer.view(c.clinical))
  })
})
