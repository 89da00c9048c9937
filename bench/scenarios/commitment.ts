/**
 * View commitment: the SHA-256 of a Patient view's canonical JSON (lensync `viewDigest`: RFC 8785
 * canonicalization with server-managed fields stripped, in one pass) against `JSON.stringify` +
 * SHA-256 (node:crypto).
 *
 * The Patient is given with its keys already in canonical order and without `meta.versionId` /
 * `lastUpdated`, so both produce the same bytes and the same digest (verified); lensync still does all
 * of its work (it sorts keys and looks for server fields on every object).
 */
import { createHash } from 'node:crypto'
import { viewDigest } from 'lensync/coordinator'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { defineScenario } from '../_internal/scenario.js'

function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(sortedKeys)
  const record = value as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortedKeys(record[k])]),
  )
}

function canonicalPatient(): unknown {
  const { meta, ...rest } = makePatient(PATIENT_SEED)
  return sortedKeys({ ...rest, meta: { profile: meta?.profile } })
}

export const scenarios = [
  defineScenario({
    id: 'commitment',
    title: 'view commitment: canonical JSON + SHA-256 of a Patient',
    implementations: {
      'hand-written': () => {
        const p = canonicalPatient()
        return { run: () => `0x${createHash('sha256').update(JSON.stringify(p), 'utf8').digest('hex')}` }
      },
      lensync: () => {
        const p = canonicalPatient()
        return { run: () => viewDigest(p) }
      },
    },
  }),
]
