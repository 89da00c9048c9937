/**
 * A checker of the FHIR JSON rules the arbitraries promise (listed in the doc comment of
 * src/testing/arbitraries/index.ts) that walks a generated value and lists every violation with its
 * JSON Pointer. Used by the arbitraries' tests; tested itself in fhirRules.test.ts.
 */
import fc from 'fast-check'
import { expect } from 'vitest'

export interface Violation {
  readonly pointer: string
  readonly rule: string
}

const escape = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1')
const join = (pointer: string, key: string | number): string => `${pointer}/${escape(key)}`

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every violation of the FHIR JSON rules in `value` (a resource or a data type). */
export function fhirViolations(value: unknown): Violation[] {
  const out: Violation[] = []
  walk(value, '', false, out)
  if (isObject(value) && typeof value.resourceType === 'string') resource(value, '', out)
  return out
}

function walk(value: unknown, pointer: string, inParallelArray: boolean, out: Violation[]): void {
  if (value === null) {
    if (!inParallelArray) out.push({ pointer, rule: 'null outside a `_` parallel array' })
    return
  }
  if (value === undefined) {
    out.push({ pointer, rule: 'undefined value' })
    return
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ pointer, rule: 'non-finite number' })
    if (Object.is(value, -0)) out.push({ pointer, rule: 'negative zero' })
    return
  }
  if (typeof value === 'string') {
    if (value.trim().length === 0) out.push({ pointer, rule: 'empty or blank string' })
    return
  }
  if (typeof value === 'boolean') return
  if (Array.isArray(value)) {
    if (value.length === 0) out.push({ pointer, rule: 'empty array' })
    value.forEach((item, i) => walk(item, join(pointer, i), inParallelArray, out))
    return
  }
  if (!isObject(value)) {
    out.push({ pointer, rule: `not JSON (${typeof value})` })
    return
  }
  const keys = Object.keys(value)
  if (keys.length === 0) out.push({ pointer, rule: 'empty object' })
  for (const key of keys) {
    const item = value[key]
    const at = join(pointer, key)
    if (key.startsWith('_')) {
      const base = key.slice(1)
      const sibling = value[base]
      if (Array.isArray(item)) {
        if (!Array.isArray(sibling)) out.push({ pointer: at, rule: `parallel array without an array \`${base}\`` })
        else if (sibling.length !== item.length) out.push({ pointer: at, rule: `parallel array of length ${item.length}, \`${base}\` has ${sibling.length}` })
        if (item.every((x) => x === null)) out.push({ pointer: at, rule: 'parallel array of nulls only' })
        item.forEach((x, i) => {
          if (x !== null && !isObject(x)) out.push({ pointer: join(at, i), rule: 'parallel array item is neither null nor an Element' })
        })
        walk(item, at, true, out)
        continue
      }
      if (!isObject(item)) out.push({ pointer: at, rule: 'primitive extension is not an Element object' })
      if (sibling !== undefined && (typeof sibling === 'object' || sibling === null)) out.push({ pointer: at, rule: `\`${base}\` is not a primitive` })
    } else if (Array.isArray(item) && item.some((x) => x === null)) {
      // nulls in a primitive array are allowed by FHIR, but lensync's arbitraries never make them
      out.push({ pointer: at, rule: 'null in a non-`_` array' })
    }
    walk(item, at, false, out)
  }
  const choices = keys.filter((k) => /^value[A-Z]/.test(k))
  if (choices.length > 1) out.push({ pointer, rule: `more than one value[x]: ${choices.join(', ')}` })
  uniqueBy(value.extension, (e) => (isObject(e) ? e.url : undefined), join(pointer, 'extension'), 'extension url', out)
  uniqueBy(value.coding, (c) => (isObject(c) ? `${c.system ?? ''}|${c.code ?? ''}` : undefined), join(pointer, 'coding'), 'coding system|code', out)
  if (Array.isArray(value.extension))
    value.extension.forEach((e, i) => {
      if (!isObject(e) || typeof e.url !== 'string') out.push({ pointer: join(join(pointer, 'extension'), i), rule: 'extension without url' })
      else if (!Object.keys(e).some((k) => /^value[A-Z]/.test(k)) && e.extension === undefined)
        out.push({ pointer: join(join(pointer, 'extension'), i), rule: 'extension with neither value[x] nor extension' })
    })
}

function uniqueBy(list: unknown, key: (item: unknown) => unknown, pointer: string, what: string, out: Violation[]): void {
  if (!Array.isArray(list)) return
  const seen = new Set<unknown>()
  list.forEach((item, i) => {
    const k = key(item)
    if (seen.has(k)) out.push({ pointer: join(pointer, i), rule: `duplicate ${what} ${String(k)}` })
    seen.add(k)
  })
}

/**
 * Collects every `reference` string of one resource, not descending into other resources (`contained`
 * or bundle entries), since a `#id` is local to the resource that holds it.
 */
function references(value: unknown, pointer: string, acc: { pointer: string; reference: string }[], root = true): void {
  if (Array.isArray(value)) value.forEach((v, i) => references(v, join(pointer, i), acc, false))
  else if (isObject(value)) {
    if (!root && typeof value.resourceType === 'string') return
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') acc.push({ pointer: join(pointer, k), reference: v })
      else references(v, join(pointer, k), acc, false)
    }
  }
}

/** Collects every `reference` string anywhere under `value`, nested resources included. */
function allReferences(value: unknown, pointer: string, acc: { pointer: string; reference: string }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => allReferences(v, join(pointer, i), acc))
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') acc.push({ pointer: join(pointer, k), reference: v })
      else allReferences(v, join(pointer, k), acc)
    }
}

function resource(value: Record<string, unknown>, pointer: string, out: Violation[]): void {
  uniqueBy(value.identifier, (i) => (isObject(i) ? `${i.system ?? ''}|${i.value ?? ''}` : undefined), join(pointer, 'identifier'), 'identifier system|value', out)
  if (value.id !== undefined && (typeof value.id !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(value.id)))
    out.push({ pointer: join(pointer, 'id'), rule: 'invalid id' })
  // contained resources: each has an id, ids unique, every #ref resolves and every contained is referenced
  const refs: { pointer: string; reference: string }[] = []
  references(value, pointer, refs)
  const local = refs.filter((r) => r.reference.startsWith('#'))
  const contained = Array.isArray(value.contained) ? value.contained : []
  const ids = new Set<string>()
  contained.forEach((c, i) => {
    const at = join(join(pointer, 'contained'), i)
    if (!isObject(c) || typeof c.resourceType !== 'string') out.push({ pointer: at, rule: 'contained item is not a resource' })
    else if (typeof c.id !== 'string') out.push({ pointer: at, rule: 'contained resource without id' })
    else {
      if (ids.has(c.id)) out.push({ pointer: at, rule: `duplicate contained id ${c.id}` })
      ids.add(c.id)
      if (c.contained !== undefined) out.push({ pointer: at, rule: 'contained resource has contained resources' })
      if (!local.some((r) => r.reference === `#${c.id}`)) out.push({ pointer: at, rule: `contained resource ${c.id} is not referenced` })
    }
  })
  for (const r of local) if (!ids.has(r.reference.slice(1))) out.push({ pointer: r.pointer, rule: `dangling local reference ${r.reference}` })
  if (value.resourceType === 'Bundle') bundleRules(value, pointer, out)
  if (value.resourceType === 'Questionnaire' || value.resourceType === 'QuestionnaireResponse') itemRules(value.item, join(pointer, 'item'), new Set(), out)
}

// linkIds unique in the whole (response) questionnaire; an item has answers or items, not both (qrs-1).
function itemRules(items: unknown, pointer: string, seen: Set<unknown>, out: Violation[]): void {
  if (!Array.isArray(items)) return
  items.forEach((item, i) => {
    const at = join(pointer, i)
    if (!isObject(item)) return
    if (typeof item.linkId !== 'string') out.push({ pointer: at, rule: 'item without linkId' })
    else if (seen.has(item.linkId)) out.push({ pointer: at, rule: `duplicate linkId ${item.linkId}` })
    seen.add(item.linkId)
    if (item.answer !== undefined && item.item !== undefined) out.push({ pointer: at, rule: 'item with both answer and item' })
    if (item.type === 'group' && item.item === undefined) out.push({ pointer: at, rule: 'group without items' })
    itemRules(item.item, join(at, 'item'), seen, out)
    if (Array.isArray(item.answer)) item.answer.forEach((a, j) => isObject(a) && itemRules(a.item, join(join(join(at, 'answer'), j), 'item'), seen, out))
  })
}

function bundleRules(value: Record<string, unknown>, pointer: string, out: Violation[]): void {
  const entries = Array.isArray(value.entry) ? value.entry : []
  const ids = new Set<string>()
  const urls = new Set<string>()
  entries.forEach((e, i) => {
    const at = join(join(pointer, 'entry'), i)
    if (!isObject(e)) return
    const r = e.resource
    if (!isObject(r) || typeof r.resourceType !== 'string') out.push({ pointer: at, rule: 'entry without resource' })
    else {
      resource(r, join(at, 'resource'), out)
      if (typeof r.id !== 'string') out.push({ pointer: at, rule: 'entry resource without id' })
      else if (ids.has(r.id)) out.push({ pointer: at, rule: `duplicate resource.id ${r.id}` })
      else ids.add(r.id as string)
    }
    if (typeof e.fullUrl !== 'string' || !/^urn:uuid:[0-9a-f-]{36}$/.test(e.fullUrl)) out.push({ pointer: at, rule: 'fullUrl is not urn:uuid' })
    else if (urls.has(e.fullUrl)) out.push({ pointer: at, rule: `duplicate fullUrl ${e.fullUrl}` })
    else urls.add(e.fullUrl)
    if (value.type === 'transaction' && !isObject(e.request)) out.push({ pointer: at, rule: 'transaction entry without request' })
  })
  const refs: { pointer: string; reference: string }[] = []
  allReferences(value.entry, join(pointer, 'entry'), refs)
  for (const r of refs) if (r.reference.startsWith('urn:uuid:') && !urls.has(r.reference)) out.push({ pointer: r.pointer, rule: `unresolved ${r.reference}` })
}

/** Asserts that `runs` values of `arb` obey every FHIR JSON rule; fails with the first violations. */
export function expectFhirJson<T>(arb: fc.Arbitrary<T>, runs = 300): void {
  fc.assert(
    fc.property(arb, (value) => {
      const violations = fhirViolations(value)
      if (violations.length > 0) throw new Error(`FHIR rule violations:\n${violations.map((v) => `  ${v.pointer}: ${v.rule}`).join('\n')}`)
    }),
    { numRuns: runs },
  )
}

/** Samples `n` values and returns the share (0..1) for which `predicate` holds. */
export function share<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => boolean, n = 500, seed = 42): number {
  const values = fc.sample(arb, { numRuns: n, seed })
  return values.filter(predicate).length / n
}

/** Expects `predicate` to hold sometimes but not always (a feature that is exercised and varies). */
export function expectSometimes<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => boolean, n = 500): void {
  const s = share(arb, predicate, n)
  expect(s, `share ${s}`).toBeGreaterThan(0.01)
  expect(s, `share ${s}`).toBeLessThan(0.99)
}

/** Expects `predicate` to hold for every sampled value. */
export function expectAlways<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => boolean, n = 500): void {
  expect(share(arb, predicate, n)).toBe(1)
}

/** Every object (at any depth) in a JSON value. */
export function objects(value: unknown, acc: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objects(v, acc)
  else if (isObject(value)) {
    acc.push(value)
    for (const v of Object.values(value)) objects(v, acc)
  }
  return acc
}
