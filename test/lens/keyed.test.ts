import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fhir, id, keyed, LensError, makeLens, pick, pipe, prop, translate } from 'lensync/lens'
import { arbitraries, checkLaws } from 'lensync/testing'
import type { HumanName, Identifier, Patient } from 'lensync/lens'
import { keyedNode } from '../../src/lens/keyed.js'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

const key = (i: Identifier) => `${i.system ?? ''}|${i.value ?? ''}`
const identifiers = fc.uniqueArray(arbitraries.identifier(), { selector: key, maxLength: 6 })
/** Identifiers with a small key space, so that views from other sources share keys with the source. */
const smallIdentifier = fc.record({
  system: fc.constantFrom('a', 'b'),
  value: fc.constantFrom('1', '2', '3'),
  use: fc.constantFrom('usual', 'official', 'old') as fc.Arbitrary<Identifier['use']>,
  _value: fc.option(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }) }), { nil: undefined }),
}, { requiredKeys: ['system', 'value'] })
const smallIdentifiers = fc.uniqueArray(smallIdentifier, { selector: key, maxLength: 6 })

describe('keyed', () => {
  test('default: identity items keyed by system|value satisfy all four laws', () => {
    const lens = pipe(id<readonly Identifier[]>(), keyed(key, id<Identifier>()))
    expect(checkLaws(lens, { source: identifiers, runs: lawRuns() })).toMatchObject({ ok: true })
    expect(checkLaws(lens, { source: smallIdentifiers, runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('default: on generated patients, through prop("identifier") with emptyAsAbsent', () => {
    const lens = pipe(id<Patient>(), prop('identifier'), keyed(key, id<Identifier>(), { emptyAsAbsent: true }))
    expect(checkLaws(lens, { source: arbitraries.patient(), runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('behavior: a no-op put returns the very same array and object', () => {
    const lens = pipe(id<Patient>(), prop('identifier'), keyed(key, pipe(id<Identifier>(), pick(['system', 'value']))))
    fc.assert(
      fc.property(arbitraries.patient(), (p) => {
        expect(lens.put(p, lens.get(p))).toBe(p)
        const ids = p.identifier
        if (ids !== undefined) expect(keyedNode(key, id<Identifier>()).put(ids, [...ids])).toBe(ids)
      }),
      { numRuns: 200 },
    )
  })

  test('behavior: reordering keeps the hidden parts of every item', () => {
    const lens = pipe(id<readonly Identifier[]>(), keyed(key, pipe(id<Identifier>(), pick(['system', 'value']))))
    const src: Identifier[] = [
      { system: 'a', value: '1', use: 'official', _value: { id: 'x1' } },
      { system: 'a', value: '2', use: 'old', period: { start: '2000' } },
      { value: '3', use: 'temp' },
    ]
    const view = lens.get(src)
    // pick carries the FHIR sibling `_value` along with `value`.
    expect(view).toEqual([{ system: 'a', value: '1', _value: { id: 'x1' } }, { system: 'a', value: '2' }, { value: '3' }])
    const out = lens.put(src, [view[2]!, view[0]!, view[1]!])
    expect(out).toEqual([src[2], src[0], src[1]])
    expect(out[0]).toBe(src[2])
    // Laws on generated data: PutPut is left out (delete-then-recreate loses hidden parts, below).
    expect(checkLaws(lens, { source: smallIdentifiers, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
  })

  test('behavior: PutPut fails when an item with hidden parts is deleted then re-created', () => {
    const lens = keyedNode(key, pipe(id<Identifier>(), pick(['system', 'value'])))
    const s: Identifier[] = [{ system: 'a', value: '1', use: 'official' }]
    const v2 = [{ system: 'a', value: '1' }]
    expect(lens.put(lens.put(s, []), v2)).toEqual([{ system: 'a', value: '1' }])
    expect(lens.put(s, v2)).toBe(s)
    const result = checkLaws(lens, { source: smallIdentifiers, runs: lawRuns(), laws: ['PutPut'] })
    expect(result.ok).toBe(false)
  })

  test('behavior: hidden items (where) keep their relative positions', () => {
    const where = (i: Identifier) => i.system !== 'hidden'
    const lens = keyedNode(key, id<Identifier>(), { where })
    const h1 = { system: 'hidden', value: 'h1' }
    const h2 = { system: 'hidden', value: 'h2' }
    const a = { system: 'a', value: '1' }
    const b = { system: 'a', value: '2' }
    const c = { system: 'a', value: '3' }
    const s = [h1, a, h2, b, c]
    expect(lens.get(s)).toEqual([a, b, c])
    expect(lens.put(s, [c, b, a])).toEqual([h1, c, h2, b, a])
    expect(lens.put(s, [a, c])).toEqual([h1, a, h2, c])
    const d = { system: 'a', value: '4' }
    expect(lens.put(s, [a, d, b, c])).toEqual([h1, a, h2, d, b, c])
    expect(lens.put(s, [])).toEqual([h1, h2])
    expect(lens.put(s, [d])).toEqual([h1, h2, d])
    const arb = fc.uniqueArray(
      fc.record({ system: fc.constantFrom('a', 'b', 'hidden'), value: fc.constantFrom('1', '2', '3', '4') }),
      { selector: key, maxLength: 8 },
    )
    expect(checkLaws(lens, { source: arb, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
    fc.assert(
      fc.property(arb, arb, (src, other) => {
        const out = lens.put(src, lens.get(other).filter(where))
        expect(out!.filter((i) => !where(i))).toEqual(src.filter((i) => !where(i)))
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: with hidden items PutPut can fail (re-added item lands next to its view neighbours)', () => {
    const lens = keyedNode(key, id<Identifier>(), { where: (i) => i.system !== 'hidden' })
    const h = { system: 'hidden', value: 'h' }
    const a = { system: 'a', value: '1' }
    const b = { system: 'a', value: '2' }
    const s = [a, h, b]
    expect(lens.put(lens.put(s, [a]), [a, b])).toEqual([a, b, h])
    expect(lens.put(s, [a, b])).toBe(s)
  })

  test('behavior: conceal keeps a dropped item hidden in place', () => {
    const where = (i: Identifier) => i.use !== 'old'
    const lens = keyedNode(key, id<Identifier>(), { where, conceal: (i) => ({ ...i, use: 'old' as const }) })
    const a = { system: 'a', value: '1', use: 'official' as const }
    const b = { system: 'a', value: '2', use: 'usual' as const }
    expect(lens.put([a, b], [b])).toEqual([{ ...a, use: 'old' }, b])
    const arb = fc.uniqueArray(
      fc.record({ system: fc.constantFrom('a', 'b'), value: fc.constantFrom('1', '2', '3'), use: fc.constantFrom('official', 'old', 'usual') as fc.Arbitrary<Identifier['use']> }),
      { selector: (i) => `${key(i)}|${i.use === 'old'}`, maxLength: 6 },
    ).filter((xs) => new Set(xs.filter(where).map(key)).size === xs.filter(where).length)
    expect(checkLaws(lens, { source: arb, runs: lawRuns(), laws: ['GetPut', 'PutGet', 'CreateGet'] })).toMatchObject({ ok: true })
  })

  test('behavior: options.create builds unmatched items', () => {
    const lens = keyedNode(key, pipe(id<Identifier>(), pick(['system', 'value'])), { create: (v) => ({ ...v, use: 'temp' as const }) })
    expect(lens.put([], [{ system: 'a', value: '9' }])).toEqual([{ system: 'a', value: '9', use: 'temp' }])
    expect(lens.create([{ value: '9' }])).toEqual([{ value: '9', use: 'temp' }])
  })

  test('behavior: undefined source reads as [] and emptyAsAbsent returns undefined', () => {
    const plain = keyedNode(key, id<Identifier>())
    expect(plain.get(undefined)).toEqual([])
    expect(plain.put(undefined, [])).toBe(undefined)
    expect(plain.put([{ value: '1' }], [])).toEqual([])
    // Without emptyAsAbsent, absent and [] both read as [], so PutPut fails between them:
    expect(plain.put(plain.put(undefined, [{ value: '1' }]), [])).toEqual([])
    expect(plain.put(undefined, [])).toBe(undefined)
    const absent = keyedNode(key, id<Identifier>(), { emptyAsAbsent: true })
    expect(absent.put([{ value: '1' }], [])).toBe(undefined)
    const empty: Identifier[] = []
    expect(absent.put(empty, [])).toBe(empty)
    expect(absent.create([])).toBe(undefined)
  })

  test('behavior: the source key table is computed once per source array', () => {
    let calls = 0
    const counting = (i: Identifier) => {
      calls++
      return key(i)
    }
    const lens = keyedNode(counting, id<Identifier>())
    const s: Identifier[] = [{ value: '1' }, { value: '2' }, { value: '3' }]
    lens.put(s, [{ value: '3' }])
    expect(calls).toBe(4) // 3 source items + 1 view item
    lens.put(s, [{ value: '2' }, { value: '1' }])
    expect(calls).toBe(6) // only the 2 view items
  })

  test('behavior: arrays of 3+ objects (Cambria regression)', () => {
    const lens = pipe(id<Patient>(), fhir.identifiers())
    const ids: Identifier[] = Array.from({ length: 7 }, (_, i) => ({ system: 's', value: String(i), use: 'usual' }))
    const p: Patient = { resourceType: 'Patient', identifier: ids }
    const view = lens.get(p)
    const moved = [view[6]!, ...view.slice(0, 3), { system: 's', value: 'new' }, ...view.slice(4, 6)]
    const out = lens.put(p, moved)
    expect(out.identifier).toEqual(moved)
    expect(out.identifier![0]).toBe(ids[6])
    expect(lens.get(out)).toEqual(moved)
  })

  test('behavior: _given stays aligned when given is keyed and reordered', () => {
    const lens = pipe(id<HumanName>(), fhir.primitives('given', keyed((e: fhir.PrimitiveEntry) => e.value, id<fhir.PrimitiveEntry>())))
    const name: HumanName = { family: 'Lee', given: ['Ann', 'Bo', 'Cy'], _given: [null, { id: 'b' }, null] }
    expect(lens.get(name)).toBe(name)
    const out = lens.put(name, { family: 'Lee', given: ['Cy', 'Bo', 'Ann'], _given: [null, { id: 'b' }, null] })
    expect(out).toEqual({ family: 'Lee', given: ['Cy', 'Bo', 'Ann'], _given: [null, { id: 'b' }, null] })
    const dropped = pipe(
      id<HumanName>(),
      fhir.primitives('given', keyed((e: fhir.PrimitiveEntry) => e.value, id<fhir.PrimitiveEntry>(), { where: (e) => e.value !== 'Bo' })),
    )
    expect(dropped.get(name)).toEqual({ family: 'Lee', given: ['Ann', 'Cy'] })
    expect(dropped.put(name, { family: 'Lee', given: ['Cy', 'Ann'] })).toEqual({ family: 'Lee', given: ['Cy', 'Bo', 'Ann'], _given: [null, { id: 'b' }, null] })
    const names = arbitraries.humanName().filter((n) => new Set(n.given ?? []).size === (n.given ?? []).length)
    expect(checkLaws(lens, { source: names, runs: lawRuns() })).toMatchObject({ ok: true })
  })

  test('error: AmbiguousKey for two view items with one key', () => {
    const lens = keyedNode(key, id<Identifier>())
    const e = expectLensyncError(() => lens.put([], [{ value: '1' }, { value: '2' }, { value: '1' }]), LensError)
    expect(e.code).toBe('AmbiguousKey')
    expect(e.pointer).toBe('/2')
    expect(e.metaMessages).toEqual(['first: index 0', 'second: index 2', 'key: "|1"'])
    expect(expectLensyncError(() => lens.create([{ value: '1' }, { value: '1' }]), LensError).code).toBe('AmbiguousKey')
  })

  test('error: DuplicateKey for two source items with one key (unless the view is unchanged)', () => {
    const lens = keyedNode(key, id<Identifier>(), { where: (i) => i.use !== 'old' })
    const s: Identifier[] = [{ value: '1' }, { value: 'x', use: 'old' }, { value: '2' }, { value: '1', use: 'usual' }]
    expect(lens.put(s, lens.get(s))).toBe(s)
    const e = expectLensyncError(() => lens.put(s, [{ value: '2' }]), LensError)
    expect(e.code).toBe('DuplicateKey')
    expect(e.pointer).toBe('/3')
    expect(e.metaMessages).toEqual(['first: source index 0', 'second: source index 3', 'key: "|1"'])
  })

  test('error: ViewOutOfRange for a view item that would be hidden', () => {
    const lens = keyedNode(key, id<Identifier>(), { where: (i) => i.use !== 'old' })
    const e = expectLensyncError(() => lens.put([{ value: '1' }], [{ value: '1' }, { value: '2', use: 'old' }]), LensError)
    expect(e.code).toBe('ViewOutOfRange')
    expect(e.pointer).toBe('/1')
  })

  test('error: InvalidLens for bad options, non-string keys and a conceal that still shows', () => {
    expect(expectLensyncError(() => keyed(42 as never, id()), LensError).code).toBe('InvalidLens')
    expect(expectLensyncError(() => keyed(key, {} as never), LensError).code).toBe('InvalidLens')
    expect(expectLensyncError(() => keyed(key, id<Identifier>(), { conceal: (i) => i }), LensError).message).toContain('conceal needs where')
    const numeric = keyedNode((i: Identifier) => i.period as unknown as string, id<Identifier>())
    const e = expectLensyncError(() => numeric.put([], [{ value: '1' }]), LensError)
    expect([e.code, e.pointer]).toEqual(['InvalidLens', '/0'])
    const leaky = keyedNode(key, id<Identifier>(), { where: (i) => i.use !== 'old', conceal: (i) => i })
    const c = expectLensyncError(() => leaky.put([{ value: '1' }, { value: '2' }], [{ value: '2' }]), LensError)
    expect([c.code, c.pointer]).toEqual(['InvalidLens', '/0'])
  })

  test('behavior: a custom item lens is put with item.put', () => {
    const upper = makeLens<Identifier, string>({
      get: (i) => i.value ?? '',
      put: (i, v) => (i.value === v ? i : { ...i, value: v }),
      create: (v) => ({ value: v }),
    })
    const lens = keyedNode((v: string) => v, upper)
    const s: Identifier[] = [{ value: 'a', use: 'old' }, { value: 'b' }]
    expect(lens.put(s, ['b', 'a', 'c'])).toEqual([{ value: 'b' }, { value: 'a', use: 'old' }, { value: 'c' }])
  })

  test('behavior: an in-place edit puts only the changed item and gives the same result as the full alignment', () => {
    let puts = 0
    const item = pipe(id<Identifier>(), pick(['system', 'value']))
    const counting = makeLens<Identifier, Pick<Identifier, 'system' | 'value'>>({
      get: (a) => item.get(a),
      put: (a, b) => (puts++, item.put(a, b)),
      create: (b) => item.create(b),
    })
    const lens = keyedNode((i: Pick<Identifier, 'system' | 'value'>) => key(i), counting, { where: (i) => i.use !== 'old' })
    const a: Identifier = { system: 'a', value: '1', use: 'official', _value: { id: 'x' } }
    const old: Identifier = { system: 'a', value: '9', use: 'old' }
    const b: Identifier = { system: 'b', value: '2', use: 'usual' }
    const src = [a, old, b]
    const view = lens.get(src)
    const out = lens.put(src, [view[0]!, { system: 'b', value: '2' }])!
    expect(out).toBe(src) // the changed item is equal to its view: nothing changes
    expect(puts).toBe(1)
    const moved = lens.put(src, [view[1]!, view[0]!])! // a reordering takes the full alignment
    expect(moved).toEqual([b, old, a])
    // Same-length views from another source: the fast path (same keys in place) and the general
    // alignment (anything else) both satisfy PutGet and keep hidden items in place.
    const plain = keyedNode(key, id<Identifier>(), { where: (i) => i.use !== 'old' })
    fc.assert(
      fc.property(smallIdentifiers, smallIdentifiers, (s, other) => {
        const shown = plain.get(s)
        const edits = new Map(plain.get(other).map((x) => [key(x), x]))
        const v = shown.map((x) => edits.get(key(x)) ?? x).filter((x) => x.use !== 'old')
        if (v.length !== shown.length) return
        const out = plain.put(s, v)!
        expect(plain.get(out)).toEqual(v)
        out.forEach((x, i) => {
          if (x.use === 'old') expect(x).toBe(s[i])
        })
        if (v.every((x, j) => x === shown[j])) expect(out).toBe(s)
      }),
      { numRuns: lawRuns() },
    )
  })

  test('error: PathNotFound (not a TypeError) for a source that is not an array', () => {
    const lens = keyedNode(key, id<Identifier>())
    for (const bad of [42, 'a|1', { system: 'a' }, null, false]) {
      const g = expectLensyncError(() => lens.get(bad as never), LensError)
      expect([g.code, g.pointer]).toEqual(['PathNotFound', ''])
      const p = expectLensyncError(() => lens.put(bad as never, []), LensError)
      expect([p.code, p.pointer]).toEqual(['PathNotFound', ''])
    }
    expect(lens.get(undefined)).toEqual([])
    const preset = pipe(id<Patient>(), fhir.identifiers())
    expect(expectLensyncError(() => preset.get({ resourceType: 'Patient', identifier: 7 as never }), LensError).code).toBe('PathNotFound')
  })

  test('error: translate refuses an edit through duplicate source keys with DuplicateKey, as put does', () => {
    const lens = pipe(id<Patient>(), fhir.identifiers())
    // Two MRNs with one system|value: a real record merged from two feeds.
    const mrn = { system: 'http://hospital.example/mrn', value: '12345' }
    const p: Patient = { resourceType: 'Patient', identifier: [{ ...mrn, use: 'usual' }, { system: 'urn:oid:2.16.840.1.113883.4.1', value: '999' }, { ...mrn, use: 'old' }] }
    // An edit that keeps every key (the translator maps it precisely, without a put).
    const edit = [{ op: 'add', path: '/1/use', value: 'secondary' }] as const
    const viaPut = expectLensyncError(() => lens.put(p, [lens.get(p)[0]!, { ...lens.get(p)[1]!, use: 'secondary' }, lens.get(p)[2]!]), LensError)
    const viaTranslate = expectLensyncError(() => translate(lens, p, edit), LensError)
    expect([viaTranslate.code, viaTranslate.pointer]).toEqual([viaPut.code, viaPut.pointer])
    expect([viaTranslate.code, viaTranslate.pointer]).toEqual(['DuplicateKey', '/2'])
    expect(viaTranslate.data).toMatchObject({ opIndex: 0 })
    // Reading is never refused: a test, or an edit that leaves the view as it was, still translates.
    expect(translate(lens, p, [{ op: 'test', path: '/1/value', value: '999' }])).toEqual([{ op: 'test', path: '/identifier/1/value', value: '999' }])
    expect(translate(lens, p, [{ op: 'replace', path: '/1/value', value: '999' }])).toEqual([{ op: 'replace', path: '/identifier/1/value', value: '999' }])
  })

  test("behavior: unkeyed: 'positional' aligns items without a key by their order among the unkeyed", () => {
    type Item = { readonly key?: string; readonly note?: string; readonly hidden?: string }
    const byKey = (i: Item) => i.key
    const lens = keyedNode<Item, Item>(byKey, pipe(id<Item>(), pick(['key', 'note'])) as never, { unkeyed: 'positional' })
    const src: Item[] = [{ note: 'a', hidden: 'x' }, { key: 'k', note: 'b' }, { note: 'c', hidden: 'y' }]
    const out = lens.put(src, [{ note: 'a' }, { key: 'k', note: 'b' }, { note: 'C' }])
    expect(out).toEqual([{ note: 'a', hidden: 'x' }, { key: 'k', note: 'b' }, { note: 'C', hidden: 'y' }])
    expect(lens.put(src, [{ note: 'a' }, { note: 'c' }, { key: 'k', note: 'b' }])).toEqual([{ note: 'a', hidden: 'x' }, { note: 'c', hidden: 'y' }, { key: 'k', note: 'b' }])
    expect(expectLensyncError(() => keyedNode(byKey, id<Item>()).put([], [{ note: 'a' }]), LensError).code).toBe('InvalidLens')
    expect(expectLensyncError(() => keyedNode(byKey, id<Item>(), { unkeyed: 'yes' as never }), LensError).code).toBe('InvalidLens')
    const items = fc.array(fc.record({ key: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }), note: fc.string({ maxLength: 2 }) }, { requiredKeys: ['note'] }), { maxLength: 5 })
      .filter((xs) => new Set(xs.filter((x) => x.key !== undefined).map((x) => x.key)).size === xs.filter((x) => x.key !== undefined).length)
    const identity = keyedNode<Item, Item>(byKey, id<Item>(), { unkeyed: 'positional' })
    expect(checkLaws(identity, { source: items, runs: lawRuns() })).toMatchObject({ ok: true })
  })
})
