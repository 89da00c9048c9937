/**
 * Get a path: `name[0].family` of a Patient (three keys, one array index).
 */
import { Optic } from 'effect'
import fjp from 'fast-json-patch'
import { pipe as fpipe } from 'fp-ts/function'
import * as ML from 'monocle-ts/Lens'
import * as MO from 'monocle-ts/Optional'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { id, path, pipe } from 'lensync/lens'
import type { HumanName, Patient } from 'lensync/lens'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { readonlyItems, someOrUndefined } from '../_internal/option.js'
import { defineScenario } from '../_internal/scenario.js'

export const scenarios = [
  defineScenario({
    id: 'get-path',
    title: 'get a path: Patient name[0].family',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => p.name?.[0]?.family }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        const _family = pipe(id<Patient>(), path('name', 0, 'family'))
        return { run: () => _family.get(p) }
      },
      'optics-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const preview = O.preview(O.optic<Patient>().prop('name').optional().index(0).prop('family'))
        return { run: () => preview(p) }
      },
      'partial.lenses': () => {
        const p = makePatient(PATIENT_SEED)
        const optic = ['name', 0, 'family']
        return { run: () => L.get(optic, p) }
      },
      'monocle-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const _names = readonlyItems(fpipe(ML.id<Patient>(), ML.prop('name'), ML.fromNullable))
        const _family = fpipe(_names, MO.index(0), MO.prop('family'))
        return { run: () => someOrUndefined(_family.getOption(p)) }
      },
      'effect Optic': () => {
        const p = makePatient(PATIENT_SEED)
        const _family = Optic.id<Patient>().key('name').notUndefined().key(0).key('family')
        return { run: () => someOrUndefined(_family.getResult(p)) }
      },
      'fast-json-patch': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => fjp.getValueByPointer(p, '/name/0/family') }
      },
    },
  }),
]
