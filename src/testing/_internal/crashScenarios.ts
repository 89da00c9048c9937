/**
 * What a process does before it is killed with SIGKILL, shared by the child process
 * (`test/storage/_crashChild.ts`) and the checks in `shouldBehaveLikeStorageAdapter`.
 *
 * @internal
 */
import type { StorageAdapter } from '../../storage/StorageAdapter.js'

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

export const crashWrites = [
  { recordId: 'Patient/p1', baseVersion: 1, data: patientV2 },
  { recordId: 'Observation/o1', baseVersion: 1, data: observationV2 },
  { recordId: 'Condition/c1', baseVersion: 0, data: conditionNew },
]
export const crashMeta = { salt: '0x' + '11'.repeat(32), commitment: '0x' + '22'.repeat(32), patch: [{ op: 'replace', path: '/status', value: 'amended' }], decimals: [1.5, 0.1] }

/** Records and a staged round, committed. */
export async function setUpStagedRound(storage: StorageAdapter): Promise<void> {
  await storage.putRecord('Patient/p1', patientV1, { expectedVersion: 0 })
  await storage.putRecord('Observation/o1', observationV1, { expectedVersion: 0 })
  await storage.stage(crashView, crashRound, { writes: crashWrites, meta: crashMeta })
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
