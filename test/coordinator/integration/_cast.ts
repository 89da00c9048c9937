/**
 * The cast of the integration tests: a patient sharing a clinical view (doctor, WRITE) and a
 * de-identified view (researcher, READ) of its full record, and the consistency check.
 */
import { expect } from 'vitest'
import { getView, viewDigest } from 'lensync/coordinator'
import { type Bundle, clinicalLens, researchLens } from '../../_helpers/fixtures.js'
import type { PeerHandle, PeerOptions, World } from './_harness.js'
import { type Cast, shareAndJoin } from './_shareAndJoin.js'

export type { Cast }

/** Fresh hubs, three peers (accounts 0, 1, 2), both views shared and joined at version 0. */
export async function cast(world: World, options: PeerOptions = {}, handles: Partial<Record<'patient' | 'doctor' | 'researcher', PeerHandle>> = {}): Promise<Cast> {
  world.freshHubs()
  return shareAndJoin(handles.patient ?? world.peer(0, options), handles.doctor ?? world.peer(1, options), handles.researcher ?? world.peer(2, options), 'record')
}

/** Every store holds exactly what its lens demands of the patient's record, and the chain agrees. */
export async function expectConsistent(world: World, c: Cast): Promise<void> {
  const record = (await c.patient.peer.record('record')) as unknown as Bundle
  expect(await c.doctor.peer.view(c.clinical)).toEqual(clinicalLens.get(record))
  expect(await c.patient.peer.view(c.clinical)).toEqual(clinicalLens.get(record))
  expect(await c.researcher.peer.view(c.research)).toEqual(researchLens.get(record))
  expect(await c.patient.peer.view(c.research)).toEqual(researchLens.get(record))
  for (const [peer, viewId] of [
    [c.patient.peer, c.clinical],
    [c.doctor.peer, c.clinical],
    [c.patient.peer, c.research],
    [c.researcher.peer, c.research],
  ] as const) {
    const state = (await peer.viewState(viewId))!
    const chain = await getView(world.publicClient, { address: world.coordinator, viewId })
    expect(chain.roundOpen).toBe(false)
    expect(state.head).toBe(chain.head)
    expect(state.version).toBe(chain.version)
    expect(state.digest).toBe(viewDigest(await peer.view(viewId)))
    expect(await peer.storage.listStaged()).toEqual([])
  }
}
