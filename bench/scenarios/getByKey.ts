/**
 * Get by key: the value of the Patient identifier whose system is the hospital MRN.
 */
import { pipe as fpipe } from 'fp-ts/function'
import * as ML from 'monocle-ts/Lens'
import * as MO from 'monocle-ts/Optional'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { at, filter, id, pipe, prop } from 'lensync/lens'
import type { Identifier, Patient } from 'lensync/lens'
import { MRN, PATIENT_SEED, makePatient } from '../data/index.js'
import { readonlyItems, someOrUndefined } from '../_internal/option.js'
import { defineScenario } from '../_internal/scenario.js'

const isMrn = (i: Identifier): boolean => i.system === MRN

/** The lensync lens of the keyed scenarios: the MRN identifier's value. @internal */
export const _mrnValue = pipe(id<Patient>(), prop('identifier'), filter(isMrn), at(0), prop('value'))

export const scenarios = [
  defineScenario({
    id: 'get-by-key',
    title: 'get by key: Patient identifier by system (MRN) → value',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => p.identifier?.find(isMrn)?.value }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        return { run: () => _mrnValue.get(p) }
      },
      'optics-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const preview = O.preview(O.optic<Patient>().prop('identifier').optional().find(isMrn).prop('value'))
        return { run: () => preview(p) }
      },
      'partial.lenses': () => {
        const p = makePatient(PATIENT_SEED)
        const optic = ['identifier', L.find(isMrn as (i: never) => boolean), 'value']
        return { run: () => L.get(optic, p) }
      },
      'monocle-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const _ids = readonlyItems(fpipe(ML.id<Patient>(), ML.prop('identifier'), ML.fromNullable))
        const _value = fpipe(_ids, MO.findFirst(isMrn), MO.prop('value'))
        return { run: () => someOrUndefined(_value.getOption(p)) }
      },
    },
  }),
]
