/**
 * Put a deep field through arrays: `contact[0].telecom[1].value` of a Patient (five keys, two array
 * indexes; every object and array on the path is copied, the rest shared).
 */
import { Optic } from 'effect'
import fjp from 'fast-json-patch'
import { pipe as fpipe } from 'fp-ts/function'
import { produce } from 'immer'
import * as ML from 'monocle-ts/Lens'
import * as MO from 'monocle-ts/Optional'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { id, path, pipe } from 'lensync/lens'
import type { ContactPoint, Patient, PatientContact } from 'lensync/lens'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { readonlyItems } from '../_internal/option.js'
import { defineScenario } from '../_internal/scenario.js'

const NEW = '+1-555-000-0000'

export const scenarios = [
  defineScenario({
    id: 'put-deep',
    title: 'put a deep field through arrays: Patient contact[0].telecom[1].value',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return {
          run: (): Patient => {
            const contact = p.contact!.slice()
            const c0 = contact[0]!
            const telecom = c0.telecom!.slice()
            telecom[1] = { ...telecom[1]!, value: NEW }
            contact[0] = { ...c0, telecom }
            return { ...p, contact }
          },
        }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        const _value = pipe(id<Patient>(), path('contact', 0, 'telecom', 1, 'value'))
        return { run: () => _value.put(p, NEW) }
      },
      'optics-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const set = O.set(O.optic<Patient>().prop('contact').optional().index(0).prop('telecom').optional().index(1).prop('value'))(NEW)
        return { run: () => set(p) }
      },
      'partial.lenses': () => {
        const p = makePatient(PATIENT_SEED)
        const optic = ['contact', 0, 'telecom', 1, 'value']
        return { run: () => L.set(optic, NEW, p) }
      },
      'monocle-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const _contacts = readonlyItems(fpipe(ML.id<Patient>(), ML.prop('contact'), ML.fromNullable))
        const _telecoms = readonlyItems(fpipe(_contacts, MO.index(0), MO.prop('telecom'), MO.fromNullable))
        const set = fpipe(_telecoms, MO.index(1), MO.prop('value')).set(NEW)
        return { run: () => set(p) }
      },
      'effect Optic': () => {
        const p = makePatient(PATIENT_SEED)
        const _value = Optic.id<Patient>().key('contact').notUndefined().key(0).key('telecom').notUndefined().key(1).key('value')
        return { run: () => _value.replace(NEW, p) }
      },
      immer: () => {
        const p = makePatient(PATIENT_SEED)
        return {
          run: () =>
            produce(p, (d) => {
              d.contact![0]!.telecom![1]!.value = NEW
            }),
        }
      },
      'fast-json-patch': () => {
        const p = makePatient(PATIENT_SEED)
        const op = { op: 'replace', path: '/contact/0/telecom/1/value', value: NEW } as const
        return { run: () => fjp.applyOperation(p, op, false, false).newDocument }
      },
    },
  }),
]
