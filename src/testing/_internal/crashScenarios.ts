/**
 * What a process does before it is killed with SIGKILL, shared by the child process
 * (`test/storage/_crashChild.ts`) and the checks in `shouldBehaveLikeStorageAdapter`.
 *
 * @internal
 */
import type { StagedWrite, StorageAdapter, StorageOperations } from '../../storage/StorageAdapter.js'

export type CrashScenario = 'afterStage' | 'insidePromoteTransaction' | 'afterPromoteTransaction'

export const crashView = '0x' + 'c0'.repeat(32)
export const crashRound = 7n
export const crashCursor = { blockNumber: 2n ** 60n + 1n, logIndex: 3 } as const
export const crashEvent = { txHash: '0x' + 'ab'.repeat(32), logIndex: 3 } as const

export const patientV1 = { resourceType: 'Patient', id: 'p1', birthDate: '1970-01-01', name: [{ family: 'Doe', given: ['Jane'] }] }
export const patientV2 = { ...patientV1, name: [{ family: 'Doe-Smith', given: ['Jane', 'Q'] }] }
export const observationV1 = { resourceType: 'Observation', id: 'o1', status: 'final', valueQuantity: { value: 1.5, unit: 'mmol/L' } }
export const observationV2 = { ...observationV1, status: 'amended', valueQuantity: { value: 1.75, unit: 'mmol/L' } }
export const conditionNew = { resourceType: 'Condition', id: 'c1', code: { text: 'Asthma' } }

/** The writes of the crash round, from the versions Patient/p1 and Observation/o1 were seeded at. */
export function crashWritesOn(versions: SeededVersions): StagedWrite[] {
  return [
    { recordId: 'Patient/p1', baseVersion: versions.patient, data: patientV2 },
    { recordId: 'Observation/o1', baseVersion: versions.observation, data: observationV2 },
    { recordId: 'Condition/c1', baseVersion: null, data: conditionNew },
  ]
}

/** The versions `seed` created Patient/p1 and Observation/o1 at (opaque strings). */
export interface SeededVersions {
  readonly patient: string
  readonly observation: string
}

/** Puts Patient/p1 and Observation/o1 (creates) and returns their versions. */
export async function seed(storage: StorageOperations): Promise<SeededVersions> {
  const patient = await storage.putRecord('Patient/p1', patientV1, { expectedVersion: null })
  const observation = await storage.putRecord('Observation/o1', observationV1, { expectedVersion: null })
  return { patient: patient.version, observation: observation.version }
}

/** Reads the versions of Patient/p1 and Observation/o1 (after a restart, to rebuild the expected writes). */
export async function readSeededVersions(storage: StorageOperations): Promise<SeededVersions> {
  const patient = await storage.getRecord('Patient/p1')
  const observation = await storage.getRecord('Observation/o1')
  if (!patient || !observation) throw new Error('the seeded records are missing')
  return { patient: patient.version, observation: observation.version }
}

export const crashMeta = { salt: '0x' + '11'.repeat(32), commitment: '0x' + '22'.repeat(32), patch: [{ op: 'replace', path: '/status', value: 'amended' }], decimals: [1.5, 0.1] }

/** Records and a staged round, committed; returns the seeded versions and the staged writes. */
export async function setUpStagedRound(storage: StorageAdapter): Promise<SeededVersions & { writes: StagedWrite[] }> {
  const versions = await seed(storage)
  const writes = crashWritesOn(versions)
  await storage.stage(crashView, crashRound, { writes, meta: crashMeta })
  return { ...versions, writes }
}

/** Promotes the round together with the view state, cursor and processed mark, in one transaction. */
export async function promoteInTransaction(storage: StorageAdapter, beforeCommit?: () => Promise<void>): Promise<void> {
  await storage.transaction(async (tx) => {
    await tx.promote(crashView, crashRound)
    await tx.setViewState(crashView, { version: 1, commitment: crashMeta.commitment })
    await tx.setCursor('coordinator', crashCursor)
    await tx.markProcessed(crashEvent)
    await beforeCommit?.()
  })
}
