import { createHash } from 'node:crypto'
import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { canonicalize, stripServerManaged, viewDigest } from 'lensync/coordinator'
import { applyPatch } from 'lensync/lens'
import { patchFor } from 'lensync/testing'
import { deepFreeze } from '../../_helpers/deepFreeze.js'
import { lawRuns } from '../../_helpers/lawRuns.js'

// ---------------------------------------------------------------------------------------------------
// The scheme, written down a second time from viewDigest's documentation: no caches, no lineage, no
// shared buffer. viewDigest must agree with it on every value.
// ---------------------------------------------------------------------------------------------------

const sha = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest()
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8')
const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null

function form(value: unknown): Buffer {
  if (!isContainer(value)) return utf8(canonicalize(value))
  if (Array.isArray(value)) {
    if (value.length > 32) return chunked(value.map((item) => sha(form(item))), 0)
    return Buffer.concat([utf8('['), ...value.flatMap((item, i) => (i === 0 ? [slot(item)] : [utf8(','), slot(item)])), utf8(']')])
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  const members = keys.map((k) => Buffer.concat([utf8(JSON.stringify(k)), utf8(':'), slot(record[k])]))
  return Buffer.concat([utf8('{'), ...members.flatMap((m, i) => (i === 0 ? [m] : [utf8(','), m])), utf8('}')])
}

function slot(value: unknown): Buffer {
  const own = form(value)
  const long = Array.isArray(value) && value.length > 32
  return long || (isContainer(value) && own.length > 1024) ? Buffer.concat([utf8('#'), sha(own)]) : own
}

/** The form of the top chunk of a level of hashes. */
function chunked(hashes: readonly Buffer[], level: number): Buffer {
  const chunks: Buffer[] = []
  let current: Buffer[] = []
  for (const h of hashes) {
    current.push(h)
    if (h[0]! < 0x10) {
      chunks.push(chunkForm(current, level))
      current = []
    }
  }
  if (current.length > 0) chunks.push(chunkForm(current, level))
  return chunks.length === 1 ? chunks[0]! : chunked(chunks.map(sha), level + 1)
}

const chunkForm = (hashes: readonly Buffer[], level: number): Buffer => Buffer.concat([Buffer.from([0x3c, level]), ...hashes])

const reference = (view: unknown): string => `0x${sha(form(stripServerManaged(view))).toString('hex')}`

// ---------------------------------------------------------------------------------------------------

/** A JSON value with long arrays and large objects among small ones. */
const item = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ id: fc.string(), text: fc.string({ minLength: 0, maxLength: 1500 }) }),
  fc.record({ resourceType: fc.constant('Observation'), meta: fc.record({ versionId: fc.string() }), value: fc.integer() }),
)
const longArray = fc.array(item, { minLength: 33, maxLength: 150 })
const view = fc.record({ resourceType: fc.constant('Bundle'), entry: longArray, small: fc.array(item, { maxLength: 5 }), note: fc.string() })

const fresh = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

describe('viewDigest (structural)', () => {
  test('default: a small view is hashed as its canonical JSON', () => {
    const small = { resourceType: 'Patient', name: [{ family: 'Chalmers', given: ['Peter'] }], gender: 'male' }
    expect(viewDigest(small)).toBe(`0x${createHash('sha256').update(canonicalize(small)).digest('hex')}`)
  })

  test('default: a view with a long array and a large member is hashed as documented', () => {
    const large = { resourceType: 'Bundle', entry: Array.from({ length: 500 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Basic', id: `b${i}`, text: 'x'.repeat(i % 1300) } })) }
    expect(viewDigest(large)).toBe(reference(large))
    expect(viewDigest(large.entry)).toBe(reference(large.entry))
  })

  test('behavior: agrees with the written-down scheme on generated views (property)', () => {
    fc.assert(
      fc.property(fc.oneof(view, fc.jsonValue(), longArray), (v) => viewDigest(v) === reference(v)),
      { numRuns: Math.min(lawRuns(), 300) },
    )
  })

  test('behavior: equal content gives an equal digest, whatever the identity, key order or origin (property)', () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed)
      if (isContainer(value)) return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
      return value
    }
    fc.assert(
      fc.property(view, (v) => {
        const digest = viewDigest(v)
        return viewDigest(fresh(v)) === digest && viewDigest(reversed(v)) === digest && viewDigest(structuredClone(v)) === digest
      }),
      { numRuns: Math.min(lawRuns(), 200) },
    )
  })

  test('behavior: a chain of patched versions hashes as each version hashed from scratch (property)', () => {
    fc.assert(
      fc.property(view, fc.gen(), (start, gen) => {
        let current: unknown = deepFreeze(start)
        viewDigest(current)
        for (let round = 0; round < 6; round++) {
          const patch = gen(() => patchFor(current, { maxLength: 3 }))
          current = deepFreeze(applyPatch(current, patch))
          if (viewDigest(current) !== reference(current)) return false
        }
        return true
      }),
      { numRuns: Math.min(lawRuns(), 150) },
    )
  })

  test('behavior: splices anywhere in a long array (applied by applyPatch or by hand) hash as from scratch', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ id: i, code: `c${i % 97}` }))
    let viaPatch: unknown[] = deepFreeze(items)
    let byHand: unknown[] = viaPatch
    viewDigest(viaPatch)
    const random = mulberry32(7)
    for (let round = 0; round < 60; round++) {
      const at = Math.floor(random() * viaPatch.length)
      const kind = round % 3
      const value = { id: -round, code: 'new' }
      const patch = kind === 0 ? [{ op: 'add' as const, path: `/${at}`, value }] : kind === 1 ? [{ op: 'remove' as const, path: `/${at}` }] : [{ op: 'replace' as const, path: `/${at}`, value }]
      viaPatch = deepFreeze(applyPatch(viaPatch, patch))
      const copy = byHand.slice()
      if (kind === 0) copy.splice(at, 0, value)
      else if (kind === 1) copy.splice(at, 1)
      else copy[at] = value
      byHand = deepFreeze(copy)
      const expected = viewDigest(fresh(viaPatch))
      expect(viewDigest(viaPatch)).toBe(expected)
      expect(viewDigest(byHand)).toBe(expected)
    }
    expect(viewDigest(viaPatch)).toBe(reference(viaPatch))
  })

  test('behavior: a patch of several ops on one long array (one copy edited in place) hashes as from scratch', () => {
    const items = deepFreeze(Array.from({ length: 1000 }, (_, i) => ({ id: i })))
    viewDigest(items)
    const patch = [
      { op: 'replace' as const, path: '/900', value: { id: 'a' } },
      { op: 'add' as const, path: '/10', value: { id: 'b' } },
      { op: 'remove' as const, path: '/500' },
      { op: 'move' as const, from: '/3', path: '/-' },
      { op: 'copy' as const, from: '/0', path: '/700' },
    ]
    const next = applyPatch(items, patch)
    expect(viewDigest(next)).toBe(reference(next))
  })

  test('behavior: server-managed fields inside long arrays are stripped (property)', () => {
    fc.assert(
      fc.property(longArray, (entries) => viewDigest({ entry: entries }) === viewDigest(stripServerManaged({ entry: entries }))),
      { numRuns: Math.min(lawRuns(), 100) },
    )
  })
})

function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
