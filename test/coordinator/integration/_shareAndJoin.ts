/**
 * The three peers of the integration tests and the FHIR-store benches, without vitest (benches import
 * it too): the patient (account 0) shares a clinical view (doctor, WRITE) and a de-identified view
 * (researcher, READ) of its record; both join at version 0.
 */
import type { Hex } from 'viem'
import type { Peer } from 'lensync/coordinator'
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import { clinicalLens, patientRecord, researchLens } from '../../_helpers/fixtures.js'
import { type PeerHandle, READ, READ_WRITE, type World } from './_harness.js'

/** The three peers and the two views they share. */
export interface Cast {
  readonly patient: PeerHandle
  readonly doctor: PeerHandle
  readonly researcher: PeerHandle
  readonly clinical: Hex
  readonly research: Hex
  readonly all: Peer[]
}

/** Puts the patient's record at `recordId`, shares both views of it, and has the doctor and the researcher join them. */
export async function shareAndJoin(patient: PeerHandle, doctor: PeerHandle, researcher: PeerHandle, recordId: string): Promise<Cast> {
  await patient.peer.putRecord(recordId, patientRecord())
  const { viewId: clinical } = await patient.peer.shareView({ recordId, lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
  const { viewId: research } = await patient.peer.shareView({ recordId, lens: researchLens, peers: [{ address: researcher.account.address, permissions: READ }] })
  await doctor.peer.joinView({ viewId: clinical, recordId: 'clinical' })
  await researcher.peer.joinView({ viewId: research, recordId: 'research' })
  return { patient, doctor, researcher, clinical, research, all: [patient.peer, doctor.peer, researcher.peer] }
}

/** Fresh hubs and the three peers, the patient's record at `recordId` in `storage` (a FHIR store, say). */
export async function castOn(world: World, storage: StorageAdapter, recordId: string): Promise<Cast> {
  world.freshHubs()
  return shareAndJoin(world.peer(0, { storage }), world.peer(1), world.peer(2), recordId)
}
