/**
 * Array lineage through lenses: a chain of edits — each on the previous result, so `keyed`, `filter`
 * and `map` carry their index forward (arrays of 64 items and more, through lineage; shorter ones
 * through the index `keyed` seeds for the array it builds) and `keyed` reads only the changed window
 * of a view path-copied from its own — must give exactly what the same edits give on copies no cache
 * has seen. Sizes cover both key-table forms (linear up to 16 keys, a Map above). Sources and views
 * are deep-frozen.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { applyPatch, at, fhir, filter, id, keyed, map, path, pick, pipe, prop, translate } from 'lensync/lens'
import type { BundleEntry, Bundle as FhirBundle, Lens } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'

interface Entry {
  readonly fullUrl?: string
  readonly resource: { readonly resourceType: string; readonly id: string; readonly value: number }
}
interface Bundle {
  readonly resourceType: 'Bundle'
  readonly entry?: readonly Entry[]
}

const sizes = [150, 40, 10] as const
const size = sizes[0]
const bundle = (length: number = size): Bundle =>
  deepFreeze({
    resourceType: 'Bundle',
    entry: Array.from({ length }, (_, i) => ({
      ...(i % 7 === 0 ? {} : { fullUrl: `urn:uuid:${i}` }),
      resource: { resourceType: i % 3 === 0 ? 'Patient' : 'Observation', id: `r${i}`, value: i },
    })),
  })
/** A copy with fresh identity everywhere: no cache or lineage applies to it. */
const fresh = <T>(value: T): T => deepFreeze(JSON.parse(JSON.stringify(value)) as T)

const isObservation = (e: Entry): boolean => e.resource.resourceType === 'Observation'
const lenses: readonly (readonly [string, Lens<Bundle, readonly Entry[]>])[] = [
  ['fhir.entries()', pipe(id<FhirBundle>(), fhir.entries()) as unknown as Lens<Bundle, readonly Entry[]>],
  ['fhir.entries({ where })', pipe(id<FhirBundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' })) as unknown as Lens<Bundle, readonly Entry[]>],
  ['fhir.entries() then filter', pipe(id<FhirBundle>(), fhir.entries(), filter((e: BundleEntry) => e.resource?.resourceType === 'Observation')) as unknown as Lens<Bundle, readonly Entry[]>],
  ['prop then filter', pipe(id<Bundle>(), prop('entry'), filter(isObservation)) as unknown as Lens<Bundle, readonly Entry[]>],
  ['prop then map', pipe(id<Bundle>(), prop('entry'), map(id<Entry>())) as unknown as Lens<Bundle, readonly Entry[]>],
]

/** One edit of a view: change an item's value, type (may hide it) or key (fullUrl), or drop or append one. */
type Edit = { readonly kind: 'value' | 'type' | 'key' | 'drop'; readonly at: number; readonly value: number } | { readonly kind: 'append'; readonly value: number }
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('value', 'type', 'key', 'drop'), at: fc.nat({ max: size - 1 }), value: fc.integer({ min: 1000, max: 9999 }) }) as fc.Arbitrary<Edit>,
  fc.record({ kind: fc.constant('append'), value: fc.integer({ min: 1000, max: 9999 }) }) as fc.Arbitrary<Edit>,
)

function edited(view: readonly Entry[], e: Edit, lensName: string, step: number): readonly Entry[] {
  if (e.kind === 'append') return [...view, { fullUrl: `urn:new:${step}`, resource: { resourceType: 'Observation', id: `n${step}`, value: e.value } }]
  if (view.length === 0) return view
  const i = e.at % view.length
  if (e.kind === 'drop') return lensName === 'prop then map' ? view : view.filter((_, j) => j !== i)
  const item = view[i]!
  if (e.kind === 'key') return view.map((x, j) => (j === i ? { ...x, fullUrl: `urn:key:${step}` } : x))
  // A changed type only where no filter would then hide the item.
  const resourceType = e.kind === 'type' && !lensName.includes('filter') && !lensName.includes('where') ? 'Condition' : item.resource.resourceType
  const next = { ...item, resource: { ...item.resource, resourceType, value: e.value } }
  return view.map((x, j) => (j === i ? next : x))
}

describe('array lineage through lenses', () => {
  for (const [length, name, lens] of sizes.flatMap((length) => lenses.map(([name, lens]) => [length, name, lens] as const)))
    test(`behavior: ${name}, ${length} entries: chained puts give what the same puts give on fresh copies (property)`, () => {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
          let chained = bundle(length)
          lens.get(chained)
          for (const [step, e] of edits.entries()) {
            const v = deepFreeze(edited(lens.get(chained), e, name, step))
            const next = deepFreeze(lens.put(chained, v))
            const expected = lens.put(fresh(chained), fresh(v))
            expect(next).toEqual(expected)
            expect(lens.get(next)).toEqual(lens.get(fresh(next)))
            expect(lens.get(next)).toEqual(v)
            chained = next
          }
        }),
        { numRuns: 40 },
      )
    })

  test('behavior: chained puts into one entry through fhir.entries(), filter and at read the same as fresh copies', () => {
    const _value = pipe(id<FhirBundle>(), fhir.entries(), filter((e: BundleEntry) => e.resource?.resourceType === 'Observation'), at(40), path('resource', 'language')) as unknown as Lens<Bundle, unknown>
    let b = bundle()
    for (let k = 0; k < 20; k++) {
      b = deepFreeze(_value.put(b, `l${k}`))
      expect(b).toEqual(_value.put(fresh(b), `l${k}`))
      expect(_value.get(b)).toBe(`l${k}`)
      expect(lenses[0]![1].get(b)).toEqual(lenses[0]![1].get(fresh(b)))
    }
  })

  // Puts through a Path after `keyed`/`filter`: the array the Path builds is handed over to them
  // (kept as the cached view of the array they build); an item lens whose views are new objects
  // (`pick`) makes `keyed` copy its views instead.
  const entryKey = (e: Entry): string => e.fullUrl ?? `${e.resource.resourceType}/${e.resource.id}`
  /** The lenses, typed loosely: the put of the first, the views of all. */
  const loose = (...ls: readonly object[]): readonly Lens<Bundle, unknown>[] => ls as readonly Lens<Bundle, unknown>[]
  const pointed: readonly (readonly [string, (i: number) => readonly Lens<Bundle, unknown>[]])[] = [
    ['fhir.entries(), filter, at', (i) => {
      const _obs = pipe(id<FhirBundle>(), fhir.entries(), filter((e: BundleEntry) => e.resource?.resourceType === 'Observation')) as unknown as Lens<Bundle, readonly Entry[]>
      return loose(pipe(_obs, at(i), path('resource', 'value')), _obs, pipe(id<FhirBundle>(), fhir.entries()))
    }],
    ['fhir.entries(), at', (i) => {
      const _all = pipe(id<FhirBundle>(), fhir.entries()) as unknown as Lens<Bundle, readonly Entry[]>
      return loose(pipe(_all, at(i), path('resource', 'value')), _all)
    }],
    ['fhir.entries({ where }), at', (i) => {
      const _obs = pipe(id<FhirBundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' })) as unknown as Lens<Bundle, readonly Entry[]>
      return loose(pipe(_obs, at(i), path('resource', 'value')), _obs)
    }],
    ['prop, filter, keyed, at', (i) => {
      const _obs = pipe(id<Bundle>(), prop('entry'), filter(isObservation), keyed(entryKey, id<Entry>()))
      return loose(pipe(_obs, at(i), path('resource', 'value')), _obs)
    }],
    ['prop, keyed(pick), filter, at', (i) => {
      const _all = pipe(id<Bundle>(), prop('entry'), keyed(entryKey, pipe(id<Entry>(), pick(['fullUrl', 'resource']))))
      const _obs = pipe(_all, filter((e: Partial<Entry>) => e.resource?.resourceType === 'Observation'))
      return loose(pipe(_obs, at(i), path('resource', 'value')), _obs, _all)
    }],
  ]
  for (const [length, name, make] of sizes.flatMap((length) => pointed.map(([name, make]) => [length, name, make] as const)))
    test(`behavior: ${name}, ${length} entries: chained puts through a path read the same as fresh copies (property)`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat({ max: 8 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 12 }), (edits) => {
          const family = Array.from({ length: 9 }, (_, i) => make(i))
          let chained = bundle(length)
          for (const [i, value] of edits) {
            const [_value, ...views] = family[i]!
            if (i >= (views[0]!.get(chained) as readonly unknown[]).length) continue
            const next = deepFreeze(_value!.put(chained, value))
            expect(next).toEqual(make(i)[0]!.put(fresh(chained), value))
            for (const l of family[i]!) expect(l.get(next)).toEqual(l.get(fresh(next)))
            chained = next
          }
        }),
        { numRuns: 30 },
      )
    })

  test('behavior: a view array the caller passes to put is never kept or frozen (only arrays a put built are handed over)', () => {
    const _obs = pipe(id<FhirBundle>(), fhir.entries(), filter((e: BundleEntry) => e.resource?.resourceType === 'Observation')) as unknown as Lens<Bundle, Entry[]>
    for (const length of sizes) {
      const b = bundle(length)
      const v = _obs.get(b).map((e, j) => (j === 1 ? { ...e, resource: { ...e.resource, value: -1 } } : e))
      const next = _obs.put(b, v)
      expect(Object.isFrozen(v)).toBe(false)
      expect(_obs.get(next)).not.toBe(v)
      expect(_obs.get(next)).toEqual(v)
    }
  })

  test('behavior: chained translated patches apply as on fresh copies', () => {
    const _clinical = pipe(id<FhirBundle>(), fhir.entries({ where: (e) => e.resource?.resourceType === 'Observation' })) as unknown as Lens<Bundle, readonly Entry[]>
    let b = bundle()
    for (let k = 0; k < 20; k++) {
      const patch = [{ op: 'replace' as const, path: `/${(k * 17) % 90}/resource/value`, value: 7000 + k }]
      const next = deepFreeze(applyPatch(b, translate(_clinical, b, patch)))
      expect(next).toEqual(applyPatch(fresh(b), translate(_clinical, fresh(b), patch)))
      expect(_clinical.get(next)).toEqual(_clinical.get(fresh(next)))
      b = next
    }
  })
})
