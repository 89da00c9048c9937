import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { at, defaults, filter, fhir, id, iso, keyed, makeLens, map, omit, path, pick, pipe, prop, redact, rename, validate } from 'lensync/lens'
import { arbitraries, checkEditLaws, patchFor } from 'lensync/testing'
import type { Lens } from 'lensync/lens'
import type { EditLawCheckResult } from 'lensync/testing'
import { lawRuns } from '../_helpers/lawRuns.js'

type Patient = fhir.Patient
type HumanName = fhir.HumanName
type AnyLens = Lens<any, any>

const patients = arbitraries.patient() as fc.Arbitrary<Patient>
const runs = lawRuns()

/** Checks the four edit laws and that refusals stay a minority (the check is not vacuous). */
interface CaseOptions {
  readonly source?: fc.Arbitrary<unknown>
  readonly maxRefused?: number
  readonly viewPatch?: (v: any, s: any) => fc.Arbitrary<any>
  readonly sourcePatch?: (s: any) => fc.Arbitrary<any>
}

function expectEditLaws(lens: AnyLens, options: CaseOptions = {}): EditLawCheckResult<unknown> {
  const result = checkEditLaws(lens, {
    source: (options.source ?? patients) as fc.Arbitrary<any>,
    runs,
    viewPatch: options.viewPatch,
    sourcePatch: options.sourcePatch,
  })
  if (!result.ok) throw new Error(result.message)
  expect(result).toMatchObject({ ok: true, runs })
  if (process.env.LENSYNC_REPORT && result.ok) console.info(`${lens.step}: refused ${JSON.stringify(result.refused)} of ${result.runs}`)
  const limit = (options.maxRefused ?? 0.5) * runs
  expect(result.refused.Consistency).toBeLessThanOrEqual(limit)
  expect(result.refused.Propagation).toBeLessThanOrEqual(limit)
  return result
}

const officialOnly = (n: HumanName) => typeof n === 'object' && n !== null && n.use === 'official'
const nameItem = pipe(id<HumanName>(), pick(['family', 'given']))

/** View patches whose whole-item values are well-shaped items (so keyed/filter views stay in range). */
const itemPatches = (item: fc.Arbitrary<unknown>) => (v: unknown) =>
  patchFor(v, { value: (p) => (p.length === 1 ? item : fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('official', 'usual', 'old'))) })
const identifierItems = itemPatches(arbitraries.identifier())
const contactItems = itemPatches(arbitraries.contactPoint())
const nameParts = fc.record({ family: fc.string({ maxLength: 5 }), given: fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 2 }) }, { requiredKeys: [], noNullPrototype: true })
const namePatches = (v: unknown) =>
  patchFor(v, { key: fc.constantFrom('family', 'given'), value: (p) => (p.length === 1 ? nameParts : fc.string({ maxLength: 5 })) })
const officialNames = itemPatches(arbitraries.humanName().map((n) => ({ ...(n as object), use: 'official' })))

/**
 * Source patches that keep `key` an array: `filter`/`keyed` read their source through a WeakMap and
 * throw a TypeError (not a LensError) on a non-array source, which Propagation would report.
 */
const keepArray = (key: string) => (s: unknown) =>
  patchFor(s, {
    value: (p) =>
      p.length === 1 && p[0] === key
        ? fc.constant([])
        : fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.record({ text: fc.string({ maxLength: 3 }) }, { noNullPrototype: true })),
  })

/**
 * Source patches without `null` values (copied from `_given`-style arrays): a `map` whose item lens
 * reads `null` as `undefined` would need an `undefined` array item in the view, which JSON cannot hold.
 */
const noNulls = (s: unknown) =>
  patchFor(s, {
    value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.record({ family: fc.string({ maxLength: 3 }) }, { noNullPrototype: true })),
    filter: (p) => !p.some((t) => t.startsWith('_')),
  })

type Bundle = fhir.Bundle
const bundles = arbitraries.bundle({ maxEntries: 4 }) as fc.Arbitrary<unknown>
const newEntries = fc.uuid().map((u) => ({ fullUrl: `urn:uuid:${u}`, resource: { resourceType: 'Basic', id: u.slice(0, 8) } }))
const observations = arbitraries.observation() as fc.Arbitrary<unknown>

const cases: readonly (readonly [string, () => AnyLens, CaseOptions?])[] = [
  ['Identity: id()', () => id<Patient>()],
  ['Path: prop("name")', () => pipe(id<Patient>(), prop('name'))],
  ['Path: path("name", 0)', () => pipe(id<Patient>(), path('name', 0))],
  ['Path: prop("meta") then prop("versionId") (merged)', () => pipe(id<Patient>(), prop('meta'), prop('versionId'))],
  ['Pick', () => pipe(id<Patient>(), pick(['name', 'gender', 'birthDate', 'telecom']))],
  ['Omit', () => pipe(id<Patient>(), omit(['identifier', 'address']))],
  ['Rename', () => pipe(id<Patient>(), rename('birthDate', 'dob'))],
  ['Map over names', () => pipe(id<Patient>(), prop('name'), map(nameItem)), { viewPatch: namePatches, sourcePatch: noNulls }],
  ['Keyed: fhir.identifiers()', () => pipe(id<Patient>(), fhir.identifiers()), { viewPatch: identifierItems, sourcePatch: keepArray('identifier') }],
  ['Keyed with where and conceal', () =>
    pipe(id<Patient>(), prop('telecom'), keyed((c: fhir.ContactPoint) => `${c.system}|${c.value}`, id<fhir.ContactPoint>(), {
      where: (c) => c.use !== 'old',
      conceal: (c) => ({ ...c, use: 'old' as const }),
    })), { viewPatch: contactItems, sourcePatch: keepArray('telecom') }],
  ['Filter: official names', () => pipe(id<Patient>(), prop('name'), filter(officialOnly)), { viewPatch: officialNames, sourcePatch: keepArray('name') }],
  ['Redact remove', () => pipe(id<Patient>(), redact('birthDate', 'remove'))],
  ['Redact mask with label', () => pipe(id<Patient>(), redact('birthDate', { mask: '****' }))],
  ['Validate', () => pipe(id<Patient>(), validate({ type: 'object', required: ['resourceType'] }))],
  ['Iso (fallback)', () => pipe(id<Patient>(), prop('gender'), iso((g: Patient['gender']) => g?.toUpperCase(), (g: string | undefined) => g?.toLowerCase() as Patient['gender']))],
  ['Defaults (fallback)', () => pipe(id<Patient>(), prop('active'), defaults(true))],
  ['Custom makeLens (fallback)', () =>
    makeLens<Patient, { g?: string }>({
      get: (s) => (s.gender === undefined ? {} : { g: s.gender }),
      put: (s, v) => {
        if (v.g === s.gender) return s
        const { gender: _, ...rest } = s
        return (v.g === undefined ? rest : { ...rest, gender: v.g }) as Patient
      },
      create: (v) => ({ resourceType: 'Patient', ...(v.g === undefined ? {} : { gender: v.g }) }) as Patient,
    }), { viewPatch: (v) => patchFor(v, { key: fc.constant('g'), value: fc.constantFrom('male', 'female', 'other') }) }],
  ['Composition: doctor view (omit → redact mask)', () => pipe(id<Patient>(), omit(['identifier']), redact('birthDate', { mask: 'xxxx' }))],
  ['Composition: researcher view (pick → rename → redact)', () => pipe(id<Patient>(), pick(['gender', 'birthDate', 'address']), rename('birthDate', 'born'), redact('address', 'remove')), { viewPatch: (v) => patchFor(v, { key: fc.constantFrom('gender', 'born'), value: fc.string({ maxLength: 6 }) }) }],
  ['Composition: official names, family only', () => pipe(id<Patient>(), prop('name'), filter(officialOnly), map(pipe(id<HumanName>(), pick(['family'], { create: { use: 'official' } })))), {
    sourcePatch: keepArray('name'),
    viewPatch: (v) => patchFor(v, { key: fc.constant('family'), value: (p) => (p.length === 1 ? fc.record({ family: fc.string() }, { noNullPrototype: true }) : fc.string()) }),
  }],
  ['Composition: identifiers of a picked view', () => pipe(id<Patient>(), pick(['identifier', 'gender']), fhir.identifiers()), { viewPatch: identifierItems, sourcePatch: keepArray('identifier') }],
  ['Keyed: fhir.entries() on a Bundle', () => pipe(id<Bundle>(), fhir.entries()), {
    source: bundles,
    viewPatch: itemPatches(newEntries),
    sourcePatch: keepArray('entry'),
  }],
  ['Keyed: fhir.codings() of an Observation code', () => pipe(id<fhir.Observation>(), prop('code'), fhir.codings()), {
    source: observations,
    viewPatch: itemPatches(arbitraries.coding()),
  }],
  ['FHIR primitives (fallback): given names without "X"', () =>
    pipe(pipe(id<Patient>(), prop('name'), at(0)) as unknown as Lens<Patient, HumanName>, fhir.primitives('given', filter((e: fhir.PrimitiveEntry<string>) => e.value !== 'X'))), {
    source: patients.filter((p) => (p.name?.length ?? 0) > 0),
    sourcePatch: (s) => patchFor(s, { filter: (p) => !(p.length <= 2 && p[0] === 'name'), value: fc.string({ maxLength: 4 }) }),
    viewPatch: (v) => patchFor(v, { key: fc.constantFrom('family', 'text'), value: fc.string({ maxLength: 4 }) }),
  }],
  ['Keyed + Over (fallback): fhir.items() of a Questionnaire, nested by linkId', () => pipe(id<fhir.Questionnaire>(), fhir.items()), {
    source: arbitraries.questionnaire() as fc.Arbitrary<unknown>,
    viewPatch: itemPatches(fc.uuid().map((u) => ({ linkId: u, type: 'string', text: 'Q' }))),
    sourcePatch: keepArray('item'),
  }],
  ['Composition: Bundle entries → a keyed entry resource (preset inside a chain)', () =>
    pipe(id<Bundle>(), fhir.entries(), at(0), prop('resource')), { source: bundles, sourcePatch: keepArray('entry') }],
]

describe('translate/project: edit laws per combinator', () => {
  for (const [name, make, opts] of cases) test(`laws: ${name}`, () => void expectEditLaws(make(), opts ?? {}))
})
