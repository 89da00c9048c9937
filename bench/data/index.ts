/** The benchmark data, built once per process from fixed seeds. */
export { MRN, OTHER_SYSTEMS, makePatient } from './patient.js'
export { makeObservation } from './observation.js'
export { makeBundle, middlePatientId } from './bundle.js'
export { random } from './random.js'
export type { Random } from './random.js'

/** The seed of the Patient every single-record scenario uses. */
export const PATIENT_SEED = 42
