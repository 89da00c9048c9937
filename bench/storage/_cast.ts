/**
 * The three peers of the FHIR-store benches: fresh hubs, the patient (account 0) on `storage` with
 * its record at `recordId`, sharing the clinical view with the doctor (WRITE) and the de-identified
 * view with the researcher (READ), both joined.
 */
import type { StorageAdapter } from '../../src/storage/StorageAdapter.js'
import { clinicalLens, patientRecord, researchLens } from '../../test/_helpers/fixtures.js'
import { READ, READ_WRITE, type World } from '../../test/coordinator/integration/_harness.js'

export async function castOn(world: World, storage: StorageAdapter, recordId: string) {
  world.freshHubs()
  const patient = world.peer(0, { storage })
  const doctor = world.peer(1)
  const researcher = world.peer(2)
  await patient.peer.putRecord(recordId, patientRecord())
  const { viewId: clinical } = await patient.peer.shareView({ recordId, lens: clinicalLens, peers: [{ address: doctor.account.address, permissions: READ_WRITE }] })
  const { viewId: research } = await patient.peer.shareView({ recordId, lens: researchLens, peers: [{ address: researcher.account.address, permissions: READ }] })
  await doctor.peer.joinView({ viewId: clinical, recordId: 'clinical' })
  await researcher.peer.joinView({ viewId: research, recordId: 'research' })
  return { patient, doctor, researcher, clinical, research }
}
