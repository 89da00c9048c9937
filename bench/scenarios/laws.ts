/**
 * Law checks per second: `checkLaws` (GetPut, PutGet, PutPut) on the lens core's combinators over
 * generated FHIR Patients (fixed seed). One op is one law checked on one generated case, generation
 * and comparison included. PutPut is left out where the combinator's doc says it does not hold
 * (positional/filtered lists). There is no other implementation: the figure is a throughput.
 */
import { type Lens, defaults, fhir, filter, id, iso, map, omit, path, pick, pipe, prop, rename, under } from 'lensync/lens'
import { type Law, arbitraries, checkLaws } from 'lensync/testing'
import type { ContactPoint, HumanName, Patient } from 'lensync/lens'
import { type Scenario, defineScenario } from '../_internal/scenario.js'

const ALL: readonly Law[] = ['GetPut', 'PutGet', 'PutPut']
const NO_PUTPUT: readonly Law[] = ['GetPut', 'PutGet']

/** Runs per law in one op batch; `--quick` lowers it through LENSYNC_BENCH_LAW_RUNS. */
const runs = (): number => Number(process.env.LENSYNC_BENCH_LAW_RUNS ?? 50)

function lawScenario(name: string, lens: () => Lens<Patient, never>, laws: readonly Law[]): Scenario {
  return defineScenario({
    id: `laws-${name}`,
    title: `law checks/s: ${name} (${laws.join(', ')})`,
    unit: 'law check',
    opsPerRun: runs() * laws.length,
    verify: (result) => (result as { ok: boolean }).ok,
    expected: true,
    implementations: {
      lensync: () => {
        const _lens = lens()
        const source = arbitraries.patient()
        let seed = 1
        return { run: () => checkLaws(_lens, { source, runs: runs(), laws, seed: seed++ }) }
      },
    },
  })
}

const as = <V>(l: Lens<Patient, V>): Lens<Patient, never> => l as unknown as Lens<Patient, never>

export const scenarios = [
  lawScenario('prop', () => as(pipe(id<Patient>(), prop('gender'))), ALL),
  lawScenario('path', () => as(pipe(id<Patient>(), path('name', 0, 'family'))), NO_PUTPUT),
  lawScenario('pick', () => as(pipe(id<Patient>(), pick(['resourceType', 'gender', 'birthDate']))), ALL),
  lawScenario('omit', () => as(pipe(id<Patient>(), omit(['telecom', 'address']))), ALL),
  lawScenario('rename', () => as(pipe(id<Patient>(), rename('gender', 'sex'))), ALL),
  lawScenario('iso', () => as(pipe(id<Patient>(), prop('active'), iso((a: boolean | undefined) => (a === undefined ? 'unset' : String(a)), (s: string) => (s === 'unset' ? undefined : s === 'true')))), ALL),
  lawScenario('defaults', () => as(pipe(id<Patient>(), prop('active'), defaults(true))), NO_PUTPUT),
  lawScenario('keyed (fhir.identifiers)', () => as(pipe(id<Patient>(), fhir.identifiers())), NO_PUTPUT),
  lawScenario('filter', () => as(pipe(id<Patient>(), prop('telecom'), filter((t: ContactPoint) => t.system === 'phone'))), NO_PUTPUT),
  lawScenario('map', () => as(pipe(id<Patient>(), prop('name'), map(pipe(id<HumanName>(), prop('family'))))), NO_PUTPUT),
  lawScenario('under', () => as(pipe(id<Patient>(), under('name', pipe(id<HumanName[]>(), map(pipe(id<HumanName>(), pick(['family', 'given']))))))), NO_PUTPUT),
]

