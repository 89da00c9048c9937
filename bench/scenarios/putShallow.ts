/**
 * Put a shallow field: `gender` of a Patient (a new Patient; the original is untouched).
 */
import { Optic } from 'effect'
import fjp from 'fast-json-patch'
import { pipe as fpipe } from 'fp-ts/function'
import { produce } from 'immer'
import * as ML from 'monocle-ts/Lens'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { id, pipe, prop } from 'lensync/lens'
import type { Patient } from 'lensync/lens'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { defineScenario } from '../_internal/scenario.js'

const NEW = 'other' as const

export const scenarios = [
  defineScenario({
    id: 'put-shallow',
    title: 'put a shallow field: Patient gender',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: (): Patient => ({ ...p, gender: NEW }) }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        const _gender = pipe(id<Patient>(), prop('gender'))
        return { run: () => _gender.put(p, NEW) }
      },
      'optics-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const set = O.set(O.optic<Patient>().prop('gender'))(NEW)
        return { run: () => set(p) }
      },
      'partial.lenses': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => L.set('gender', NEW, p) }
      },
      'monocle-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const set = fpipe(ML.id<Patient>(), ML.prop('gender')).set(NEW)
        return { run: () => set(p) }
      },
      'effect Optic': () => {
        const p = makePatient(PATIENT_SEED)
        const _gender = Optic.id<Patient>().key('gender')
        return { run: () => _gender.replace(NEW, p) }
      },
      immer: () => {
        const p = makePatient(PATIENT_SEED)
        return {
          run: () =>
            produce(p, (d) => {
              d.gender = NEW
            }),
        }
      },
      'fast-json-patch': () => {
        const p = makePatient(PATIENT_SEED)
        const op = { op: 'replace', path: '/gender', value: NEW } as const
        return { run: () => fjp.applyOperation(p, op, false, false).newDocument }
      },
    },
  }),
]
