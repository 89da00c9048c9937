/**
 * View digests against `JSON.stringify` + SHA-256 (node:crypto):
 *
 * - `commitment`: a Patient view no cache has seen (copied afresh before every run, untimed;
 *   lensync `viewDigest`: canonical JSON with server-managed fields stripped). The Patient is given with its keys already in canonical order and without
 *   `meta.versionId` / `lastUpdated`, and is under 1 KiB per part, so both hash the same bytes and
 *   give the same digest (verified); lensync still does all of its work (it sorts keys and looks for
 *   server fields on every object).
 * - `commitment-fresh-<n>`: the whole digest of a view no cache has seen — a Bundle of n entries,
 *   copied afresh (`structuredClone`, untimed) before every run. Both results are 32-byte digests
 *   (lensync's is the structural hash, so the values differ; the table compares the work).
 */
import { createHash } from 'node:crypto'
import { viewDigest } from 'lensync/coordinator'
import { PATIENT_SEED, makeBundle, makePatient } from '../data/index.js'
import { type Scenario, defineScenario } from '../_internal/scenario.js'

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

const isDigest = (result: unknown): boolean => typeof result === 'string' && /^0x[0-9a-f]{64}$/.test(result)

function freshDigestScenario(size: number): Scenario {
  return defineScenario({
    id: `commitment-fresh-${size}`,
    title: `full digest of a fresh view: Bundle of ${size.toLocaleString('en-US')} entries`,
    verify: isDigest,
    implementations: {
      'hand-written': () => {
        const bundle = makeBundle(size)
        let view: unknown = bundle
        return {
          setup: () => {
            view = structuredClone(bundle)
          },
          run: () => `0x${createHash('sha256').update(JSON.stringify(view), 'utf8').digest('hex')}`,
        }
      },
      lensync: () => {
        const bundle = makeBundle(size)
        let view: unknown = bundle
        return {
          setup: () => {
            view = structuredClone(bundle)
          },
          run: () => viewDigest(view),
        }
      },
    },
  })
}

export const scenarios = [
  defineScenario({
    id: 'commitment',
    title: 'view commitment: canonical JSON + SHA-256 of a Patient',
    implementations: {
      'hand-written': () => {
        const patient = canonicalPatient()
        let p = patient
        return {
          setup: () => {
            p = structuredClone(patient)
          },
          run: () => `0x${createHash('sha256').update(JSON.stringify(p), 'utf8').digest('hex')}`,
        }
      },
      lensync: () => {
        const patient = canonicalPatient()
        let p = patient
        return {
          setup: () => {
            p = structuredClone(patient)
          },
          run: () => viewDigest(p),
        }
      },
    },
  }),
  freshDigestScenario(5000),
  freshDigestScenario(20000),
]
