/**
 * Keyed put: set the value of the Patient identifier whose system is the hospital MRN (found by key,
 * not by position).
 */
import { pipe as fpipe } from 'fp-ts/function'
import { produce } from 'immer'
import * as ML from 'monocle-ts/Lens'
import * as MO from 'monocle-ts/Optional'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
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
]
