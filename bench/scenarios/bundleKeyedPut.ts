/**
 * Keyed put into a Bundle entry by resource id: set `active` of the Patient entry `Patient/p<mid>` in
 * searchset Bundles of 50, 500 and 5,000 entries (the entry in the middle).
 *
 * lensync is measured two ways: `filter` on `entry` (focus one entry by key; the idiomatic form) and
 * through the `fhir.entries()` preset (a keyed list view of all entries, the form a whole-Bundle view
 * uses), which aligns every entry on each put.
 *
 * Each size has a chained twin (`bundle-keyed-put-chained-<n>`): every put runs on the previous
 * put's result, toggling `active`, as successive edits of a record do — no cache built for the
 * first source helps the next one. Results are compared with `active` blanked out.
 */
import { pipe as fpipe } from 'fp-ts/function'
import { produce } from 'immer'
import * as ML from 'monocle-ts/Lens'
import * as MO from 'monocle-ts/Optional'
import * as O from 'optics-ts'
import * as L from 'partial.lenses'
import { at, fhir, filter, id, path, pipe, prop } from 'lensync/lens'
import type { Bundle, BundleEntry, Patient } from 'lensync/lens'
import { makeBundle, middlePatientId } from '../data/index.js'
import { readonlyItems } from '../_internal/option.js'
import { type Scenario, defineScenario } from '../_internal/scenario.js'

type PatientBundle = Bundle<Patient>
type PatientEntry = BundleEntry<Patient>

function bundleScenario(size: number): Scenario {
  const target = middlePatientId(size)
  const data = (): PatientBundle => makeBundle(size) as PatientBundle
  // The key test `fhir.entryKey(e) === 'Patient/<id>'`, written without building the key string.
  const isTarget = (e: PatientEntry): boolean => e.resource?.id === target && e.resource.resourceType === 'Patient'
  return defineScenario({
    id: `bundle-keyed-put-${size}`,
    title: `keyed put into a Bundle entry by resource id (${size.toLocaleString('en-US')} entries)`,
    verify: (result) => {
      // The whole Bundle, plus proof that the other entries are shared, not copied.
      const b = result as PatientBundle
      const original = data()
      return { bundle: b, entries: b.entry?.length, changed: b.entry?.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(original.entry![i])) }
    },
    implementations: {
      'hand-written': () => {
        const b = data()
        return {
          run: (): PatientBundle => {
            const list = b.entry!
            const i = list.findIndex(isTarget)
            const entry = list.slice()
            const e = list[i]!
            entry[i] = { ...e, resource: { ...e.resource!, active: false } }
            return { ...b, entry }
          },
        }
      },
      lensync: () => {
        const b = data()
        const _active = pipe(id<PatientBundle>(), prop('entry'), filter(isTarget), at(0), path('resource', 'active'))
        return { run: () => _active.put(b, false) }
      },
      'lensync: fhir.entries()': () => {
        const b = data()
        const _active = pipe(id<PatientBundle>(), fhir.entries<Patient>(), filter(isTarget), at(0), path('resource', 'active'))
        return { run: () => _active.put(b, false) }
      },
      'optics-ts': () => {
        const b = data()
        const set = O.set(O.optic<PatientBundle>().prop('entry').optional().find(isTarget).prop('resource').optional().prop('active'))(false)
        return { run: () => set(b) }
      },
      'partial.lenses': () => {
        const b = data()
        const optic = ['entry', L.find(isTarget as (e: never) => boolean), 'resource', 'active']
        return { run: () => L.set(optic, false, b) }
      },
      'monocle-ts': () => {
        const b = data()
        const _entries = readonlyItems(fpipe(ML.id<PatientBundle>(), ML.prop('entry'), ML.fromNullable))
        const set = fpipe(
          _entries,
          MO.findFirst(isTarget),
          MO.prop('resource'),
          MO.fromNullable,
          MO.prop('active'),
        ).set(false)
        return { run: () => set(b) }
      },
      immer: () => {
        const b = data()
        return {
          run: () =>
            produce(b, (d) => {
              d.entry!.find(isTarget)!.resource!.active = false
            }),
        }
      },
    },
  })
}

/** The chained twin: each put on the previous result, `active` toggled. */
function chainedBundleScenario(size: number): Scenario {
  const target = middlePatientId(size)
  const isTarget = (e: PatientEntry): boolean => e.resource?.id === target && e.resource.resourceType === 'Patient'
  const chained = (put: (b: PatientBundle, active: boolean) => PatientBundle) => () => {
    let b = makeBundle(size) as PatientBundle
    let k = 0
    return { run: () => (b = put(b, k++ % 2 === 1)) }
  }
  const _active = pipe(id<PatientBundle>(), prop('entry'), filter(isTarget), at(0), path('resource', 'active'))
  const _viaEntries = pipe(id<PatientBundle>(), fhir.entries<Patient>(), filter(isTarget), at(0), path('resource', 'active'))
  return defineScenario({
    id: `bundle-keyed-put-chained-${size}`,
    title: `chained keyed puts into a Bundle entry by resource id, each on the previous result (${size.toLocaleString('en-US')} entries)`,
    verify: (result) => {
      const b = result as PatientBundle
      return { ...b, entry: b.entry?.map((e) => (isTarget(e) ? { ...e, resource: { ...e.resource!, active: null } } : e)) }
    },
    implementations: {
      'hand-written': chained((b, active) => {
        const list = b.entry!
        const i = list.findIndex(isTarget)
        const entry = list.slice()
        const e = list[i]!
        entry[i] = { ...e, resource: { ...e.resource!, active } }
        return { ...b, entry }
      }),
      lensync: chained((b, active) => _active.put(b, active)),
      'lensync: fhir.entries()': chained((b, active) => _viaEntries.put(b, active)),
    },
  })
}

export const scenarios = [50, 500, 5000].flatMap((size) => [bundleScenario(size), chainedBundleScenario(size)])
