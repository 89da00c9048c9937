/**
 * Modify every element of an array: upper-case the `value` of every Patient telecom.
 * lensync has no `modify`: it is `put(s, get(s).map(f))` through a `map` lens.
 */
import { Optic } from 'effect'
import * as A from 'fp-ts/Array'
import { pipe as fpipe } from 'fp-ts/function'
import { produce } from 'immer'
import * as ML from 'monocle-ts/Lens'
import * as MT from 'monocle-ts/Traversal'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { id, map, pipe, prop } from 'lensync/lens'
import type { ContactPoint, Patient } from 'lensync/lens'
import { PATIENT_SEED, makePatient } from '../data/index.js'
import { defineScenario } from '../_internal/scenario.js'

const upper = (v: string | undefined): string | undefined => v?.toUpperCase()

export const scenarios = [
  defineScenario({
    id: 'modify-all',
    title: 'modify every element: upper-case every Patient telecom[].value',
    implementations: {
      'hand-written': () => {
        const p = makePatient(PATIENT_SEED)
        return { run: (): Patient => ({ ...p, telecom: p.telecom!.map((t) => ({ ...t, value: upper(t.value) })) }) }
      },
      lensync: () => {
        const p = makePatient(PATIENT_SEED)
        const _values = pipe(id<Patient>(), prop('telecom'), map(pipe(id<ContactPoint>(), prop('value'))))
        return { run: () => _values.put(p, _values.get(p)!.map(upper)) }
      },
      'optics-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const modify = O.modify(O.optic<Patient>().prop('telecom').optional().elems().prop('value'))(upper)
        return { run: () => modify(p) }
      },
      'partial.lenses': () => {
        const p = makePatient(PATIENT_SEED)
        const optic = ['telecom', L.elems, 'value']
        return { run: () => L.modify(optic, upper as (v: never) => unknown, p) }
      },
      'monocle-ts': () => {
        const p = makePatient(PATIENT_SEED)
        const _values = fpipe(
          ML.id<Patient>(),
          ML.prop('telecom'),
          ML.asTraversal,
          MT.fromNullable,
          MT.traverse(A.Traversable),
          MT.prop('value'),
        )
        const modify = MT.modify(upper)(_values)
        return { run: () => modify(p) }
      },
      'effect Optic': () => {
        const p = makePatient(PATIENT_SEED)
        // A Traversal is an Optional onto a ReadonlyArray; FHIR types use mutable arrays, hence the cast.
        const _telecoms = Optic.id<Patient>().key('telecom').notUndefined() as unknown as Optic.Traversal<Patient, ContactPoint>
        const _values = _telecoms.forEach((t) => t.key('value'))
        return { run: () => Optic.modifyAll(p, _values, upper) }
      },
      immer: () => {
        const p = makePatient(PATIENT_SEED)
        return {
          run: () =>
            produce(p, (d) => {
              for (const t of d.telecom!) t.value = upper(t.value)
            }),
        }
      },
    },
  }),
]
