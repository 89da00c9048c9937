/**
 * Keyed put: set the value of the Patient identifier whose system is the hospital MRN (found by key,
 * not by position).
 *
 * The chained twin (`keyed-put-chained`) puts each value on the previous result, alternating two
 * values, as successive edits do; lensync is measured with `filter` on `identifier` and through the
 * `fhir.identifiers()` preset. Results are compared with the MRN value blanked out.
 */
import { pipe as fpipe } from 'fp-ts/function'
import { produce } from 'immer'
import * as ML from 'monocle-ts/Lens'
import * as MO from 'monocle-ts/Optional'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { at, fhir, filter, id, pipe, prop } from 'lensync/lens'
import type { Identifier, Patient } from 'lensync/lens'
import { MRN, PATIENT_SEED, makePatient } from '../data/index.js'
import { readonlyItems } from '../_internal/option.js'
import { defineScenario } from '../_internal/scenario.js'
import { _mrnValue } from './getByKey.js'

const NEW = 'MRN-00000001'
const isMrn = (i: Identifier): boolean => i.system === MRN

export const scenarios = [
  defineScenario({
    id: 'keyed-put',
    title: 'keyed put: Patient identifier by system (MRN) ← value',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return {
          run: (): Patient => {
            const list = p.identifier!
            const i = list.findIndex(isMrn)
            const identifier = list.slice()
            identifier[i] = { ...list[i]!, value: NEW }
            return { ...p, identifier }
          },
        }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => _mrnValue.put(p, NEW) }
      },
      'optics-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const set = O.set(O.optic<Patient>().prop('identifier').optional().find(isMrn).prop('value'))(NEW)
        return { run: () => set(p) }
      },
      'partial.lenses': () => {
        const p = makePatient(PATIENT_SEED)
        const optic = ['identifier', L.find(isMrn as (i: never) => boolean), 'value']
        return { run: () => L.set(optic, NEW, p) }
      },
      'monocle-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const _ids = readonlyItems(fpipe(ML.id<Patient>(), ML.prop('identifier'), ML.fromNullable))
        const set = fpipe(_ids, MO.findFirst(isMrn), MO.prop('value')).set(NEW)
        return { run: () => set(p) }
      },
      immer: () => {
        const p = makePatient(PATIENT_SEED)
        return {
          run: () =>
            produce(p, (d) => {
              d.identifier!.find(isMrn)!.value = NEW
            }),
        }
      },
    },
  }),
  defineScenario({
    id: 'keyed-put-chained',
    title: 'chained keyed puts: Patient identifier by system (MRN) ← value, each on the previous result',
    verify: (result) => {
      const p = result as Patient
      return { ...p, identifier: p.identifier?.map((i) => (isMrn(i) ? { ...i, value: null } : i)) }
    },
    implementations: {
      'hand-written': chainedKeyedPut((p, value) => {
        const list = p.identifier!
        const i = list.findIndex(isMrn)
        const identifier = list.slice()
        identifier[i] = { ...list[i]!, value }
        return { ...p, identifier }
      }),
      lensync: chainedKeyedPut((p, value) => _mrnValue.put(p, value)),
      'lensync: fhir.identifiers()': chainedKeyedPut((p, value) => _viaIdentifiers.put(p, value)),
    },
  }),
]

const _viaIdentifiers = pipe(id<Patient>(), fhir.identifiers(), filter(isMrn), at(0), prop('value'))

function chainedKeyedPut(put: (p: Patient, value: string) => Patient) {
  return () => {
    let p = makePatient(PATIENT_SEED)
    let k = 0
    return { run: () => (p = put(p, k++ % 2 === 0 ? 'MRN-A' : 'MRN-B')) }
  }
}
