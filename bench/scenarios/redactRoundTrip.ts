/**
 * A redacting view round trip: get the researcher's de-identified view of a Patient (names,
 * identifiers and contact details omitted, birth date masked to its year with the REDACTED security
 * label), edit `gender` in it, put it back.
 */
import { id, omit, pipe, redact, redactedLabel } from 'lensync/lens'
import type { Coding, Patient } from 'lensync/lens'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { defineScenario } from '../_internal/scenario.js'

const HIDDEN = ['name', 'identifier', 'telecom', 'address', 'contact'] as const
type View = Omit<Patient, (typeof HIDDEN)[number]>
const year = (date: string): string => date.slice(0, 4)
const isLabel = (c: Coding): boolean => c.system === redactedLabel.system && c.code === redactedLabel.code

/** Hand-written get of the view. @internal */
export function handGet(p: Patient): View {
  const { name: _n, identifier: _i, telecom: _t, address: _a, contact: _c, ...rest } = p
  return { ...rest, birthDate: year(p.birthDate!), meta: { ...p.meta, security: [...(p.meta?.security ?? []), redactedLabel] } }
}

/** Hand-written put of the view (with the lens's checks: hidden keys absent, mask and label kept). @internal */
export function handPut(p: Patient, v: View): Patient {
  for (const k of HIDDEN) if (k in v) throw new Error(`${k} is hidden`)
  if (v.birthDate !== year(p.birthDate!)) throw new Error('birthDate is masked')
  const security = v.meta?.security
  if (security === undefined || !security.some(isLabel)) throw new Error('REDACTED label missing')
  const rest = security.filter((c) => !isLabel(c))
  const meta = { ...v.meta }
  if (rest.length === 0) delete meta.security
  else meta.security = rest
  return { ...v, meta, birthDate: p.birthDate, name: p.name, identifier: p.identifier, telecom: p.telecom, address: p.address, contact: p.contact }
}

export const scenarios = [
  defineScenario({
    id: 'redact-round-trip',
    title: 'redacting view round trip: get de-identified Patient, edit gender, put',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => handPut(p, { ...handGet(p), gender: 'other' }) }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        const _deidentified = pipe(id<Patient>(), omit(HIDDEN), redact<string>('birthDate', { mask: year }))
        return { run: () => _deidentified.put(p, { ..._deidentified.get(p), gender: 'other' }) }
      },
    },
  }),
]
