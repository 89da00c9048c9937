import { describe, expect, expectTypeOf, test } from 'vitest'
import { type ComposeLens, type Lens, type PathLens, at, compose, filter, id, iso, makeLens, map, omit, path, pick, pipe, prop } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { ContactPoint, HumanName, Patient } from 'lensync/lens'
import { deepFreeze } from '../_helpers/deepFreeze.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { shiftsOnRemove } from '../_helpers/shiftsOnRemove.js'

const patients = arbitraries.patient().map(deepFreeze)

/** A real iso: a string and a `{ text }` wrapper. */
const wrap = iso(
  (s: string | undefined) => (s === undefined ? undefined : { text: s }),
  (w: { text: string } | undefined) => w?.text,
)

describe('compose', () => {
  test('default: data-first and data-last build the same lens', () => {
    const _name = pipe(id<Patient>(), prop('name'))
    const _first = pipe(id<HumanName[] | undefined>(), at(0))
    const a = compose(_name, _first)
    const b = pipe(_name, compose(_first))
    expect(a).toMatchObject({ _tag: 'Path', keys: ['name', 0] })
    expect(b).toMatchObject({ _tag: 'Path', keys: ['name', 0] })
  })

  test('behavior: prop, at and path fuse into one Path node with the concatenated keys', () => {
    const _given = pipe(id<Patient>(), prop('contact'), at(0), path('name', 'given'), at(1)) as PathLens<Patient, string | undefined>
    expect(_given._tag).toBe('Path')
    expect(_given.keys).toEqual(['contact', 0, 'name', 'given', 1])
    expect(_given.step).toBe('path("contact", 0, "name", "given", 1)')
    const s = deepFreeze<Patient>({ resourceType: 'Patient', contact: [{ name: { given: ['a', 'b'] } }] })
    expect(_given.get(s)).toBe('b')
    expect(_given.put(s, 'c')).toEqual({ resourceType: 'Patient', contact: [{ name: { given: ['a', 'c'] } }] })
  })

  test('behavior: fusion across separately built lenses and nested compositions', () => {
    const _names = pipe(id<Patient>(), prop('name'))
    const _familyOfFirst = pipe(id<HumanName[] | undefined>(), at(0), prop('family'))
    const fused = compose(_names, _familyOfFirst) as PathLens<Patient, string | undefined>
    expect(fused).toMatchObject({ _tag: 'Path', keys: ['name', 0, 'family'] })
  })

  test('behavior: flattens nested Compose nodes and merges Path nodes that become adjacent', () => {
    const _view = pipe(id<Patient>(), pick(['name', 'gender']), prop('name'))
    const _family = pipe(id<HumanName[] | undefined>(), at(0), prop('family'), wrap)
    const lens = compose(_view, _family) as ComposeLens<Patient, string | undefined>
    expect(lens._tag).toBe('Compose')
    expect(lens.lenses.map((l) => l._tag)).toEqual(['Pick', 'Path', 'Iso'])
    expect((lens.lenses[1] as PathLens<unknown, unknown>).keys).toEqual(['name', 0, 'family'])
    expect(lens.lenses.some((l) => l._tag === 'Compose' || l._tag === 'Identity')).toBe(false)
  })

  test('behavior: Path nodes separated by another node stay separate', () => {
    const lens = pipe(id<Patient>(), prop('name'), at(0), pick(['family']), prop('family')) as ComposeLens<Patient, unknown>
    expect(lens.lenses.map((l) => l._tag)).toEqual(['Path', 'Pick', 'Path'])
  })

  test('behavior: drops identities', () => {
    const _gender = pipe(id<Patient>(), prop('gender'))
    expect(compose(id<Patient>(), id<Patient>())).toBe(id<Patient>())
    expect(compose(_gender, id())).toBe(_gender)
    expect(compose(id<Patient>(), _gender)).toBe(_gender)
  })

  test('default: laws on generated patients (pick → path → iso, omit → path)', () => {
    const lenses = [
      pipe(id<Patient>(), pick(['name', 'gender']), prop('name'), at(0), prop('family'), wrap),
      pipe(id<Patient>(), omit(['id', 'meta']), prop('birthDate')),
    ] as Lens<Patient, unknown>[]
    // Removing name[0].family can empty the first of several names (see shiftsOnRemove).
    const sources = patients.filter((p) => !shiftsOnRemove(p.name as never, 'family'))
    for (const lens of lenses) {
      const result = checkLaws(lens, { source: sources, runs: lawRuns() })
      expect(result.ok ? result : result.message).toMatchObject({ ok: true })
    }
  })

  test('behavior: put of the unchanged view returns the same source and stops climbing', () => {
    let outerPuts = 0
    const outer = makeLens<Patient, Patient>({
      get: (s) => s,
      put: (s, v) => {
        outerPuts++
        return v
      },
      create: (v) => v,
    })
    const lens = pipe(outer, pick(['name']), prop('name'))
    const s = deepFreeze<Patient>({ resourceType: 'Patient', name: [{ family: 'Lee' }] })
    expect(lens.put(s, lens.get(s))).toBe(s)
    expect(outerPuts).toBe(0)
    expect(lens.put(s, [{ family: 'Kim' }])).toEqual({ resourceType: 'Patient', name: [{ family: 'Kim' }] })
    expect(outerPuts).toBe(1)
  })

  test('behavior: create runs the creates from the inside out', () => {
    const lens = pipe(id<Patient>(), pick(['name'], { create: { resourceType: 'Patient' } }), prop('name'), at(0), prop('family'))
    expect(lens.create('Lee')).toEqual({ resourceType: 'Patient', name: [{ family: 'Lee' }] })
  })

  test('types: data-first and data-last infer source and view', () => {
    const _name = pipe(id<Patient>(), prop('name'))
    const _first = pipe(id<HumanName[] | undefined>(), at(0))
    expectTypeOf(compose(_name, _first)).toEqualTypeOf<Lens<Patient, HumanName | undefined>>()
    expectTypeOf(pipe(_name, compose(_first))).toEqualTypeOf<Lens<Patient, HumanName | undefined>>()
    expectTypeOf(pipe(id<Patient>(), prop('name'), at(0), prop('family'))).toEqualTypeOf<Lens<Patient, string | undefined>>()
    // @ts-expect-error the view of the first lens is not the source of the second
    compose(pipe(id<Patient>(), prop('gender')), _first)
  })

  test('behavior: a structurally unchanged put returns the source, however the inner lenses rebuild it', () => {
    const isPhone = (t: ContactPoint) => t.system === 'phone'
    const _phones = pipe(id<Patient>(), prop('telecom'), filter(isPhone))
    const _firstPhone = pipe(_phones, at(0), prop('value'))
    const p: Patient = { resourceType: 'Patient', telecom: [{ system: 'email', value: 'a@b' }, { system: 'phone', value: '1' }] }
    // Equal copies of the items: Filter builds a new array, the outer Path finds it equal.
    expect(_phones.put(p, structuredClone(_phones.get(p)))).toBe(p)
    expect(_firstPhone.put(p, '1')).toBe(p)
    const out = _firstPhone.put(p, '2')
    expect(out).toEqual({ resourceType: 'Patient', telecom: [{ system: 'email', value: 'a@b' }, { system: 'phone', value: '2' }] })
    expect(out.telecom![0]).toBe(p.telecom![0])
    expect(p.telecom![1]!.value).toBe('1')
    // Map over a Path item: equal values come back as the source, a changed one copies the spine.
    const _values = pipe(id<Patient>(), prop('telecom'), map(pipe(id<ContactPoint>(), prop('value'))))
    expect(_values.put(p, _values.get(p)!.map((x) => `${x}`))).toBe(p)
    const upper = _values.put(p, _values.get(p)!.map((x) => x?.toUpperCase()))
    expect(upper.telecom).toEqual([{ system: 'email', value: 'A@B' }, { system: 'phone', value: '1' }])
    expect(upper.telecom![1]).toBe(p.telecom![1])
  })

  test('behavior: array views are cached and frozen, so no caller can change the view another caller gets', () => {
    const isPhone = (t: ContactPoint) => t.system === 'phone'
    const asIs = makeLens<ContactPoint[], ContactPoint[]>({ get: (s) => s, put: (_s, v) => v, create: (v) => v })
    const p: Patient = { resourceType: 'Patient', telecom: [{ system: 'email', value: 'a@b' }, { system: 'phone', value: '1' }] }
    const lenses = [
      pipe(id<Patient>(), prop('telecom'), filter(isPhone)),
      pipe(id<Patient>(), prop('telecom'), filter(isPhone), compose(asIs)),
      pipe(id<Patient>(), prop('telecom'), filter(isPhone), filter(isPhone)),
    ]
    for (const lens of lenses) {
      const view = lens.get(p)
      expect(() => view.push({ system: 'phone', value: 'mutated' })).toThrow(TypeError)
      expect(lens.get(p)).toBe(view)
      expect(lens.get(p)).toEqual([{ system: 'phone', value: '1' }])
    }
    const _value = pipe(id<Patient>(), prop('telecom'), filter(isPhone), at(0), prop('value'))
    expect(_value.get(p)).toBe('1')
    expect(_value.put(p, '1')).toBe(p)
  })
})
