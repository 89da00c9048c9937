/**
 * A synthetic FHIR R4 searchset Bundle of `size` entries, generated from a seed: Patients and
 * Observations alternating (ids `p<i>` / `o<i>`), each entry with a `fullUrl`.
 */
import type { Bundle } from 'lensync/lens'
import { makeObservation } from './observation.js'
import { makePatient } from './patient.js'

/** Returns the Bundle of `size` entries for `seed`. */
export function makeBundle(size: number, seed = 1): Bundle {
  const entry: NonNullable<Bundle['entry']> = []
  for (let i = 0; i < size; i++) {
    const resource = i % 2 === 0 ? makePatient(seed * 100_003 + i, `p${i}`) : makeObservation(seed * 100_003 + i, `Patient/p${i - 1}`, `o${i}`)
    entry.push({ fullUrl: `https://fhir.example.org/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })
  }
  return { resourceType: 'Bundle', id: `b${size}`, type: 'searchset', total: size, entry }
}

/** The id of the Patient entry the Bundle scenarios focus on: the one in the middle. */
export function middlePatientId(size: number): string {
  const i = Math.floor(size / 2)
  return `p${i - (i % 2)}`
}
