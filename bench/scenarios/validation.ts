/**
 * View validation: put an edited Patient view through a `validate(schema)` lens (ajv, compiled once),
 * against calling the compiled ajv function by hand.
 */
import { Ajv } from 'ajv'
import { id, pipe, validate } from 'lensync/lens'
import type { Patient } from 'lensync/lens'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { patientSchema } from '../data/patientSchema.js'
import { defineScenario } from '../_internal/scenario.js'

export const scenarios = [
  defineScenario({
    id: 'view-validation',
    title: 'view validation: put an edited Patient through validate(schema) (ajv)',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        const edited: Patient = { ...p, gender: 'other' }
        const check = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(patientSchema)
        return {
          run: () => {
            if (!check(edited)) throw new Error('invalid')
            return edited
          },
        }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        const edited: Patient = { ...p, gender: 'other' }
        const _valid = pipe(id<Patient>(), validate(patientSchema))
        return { run: () => _valid.put(p, edited) }
      },
    },
  }),
]
