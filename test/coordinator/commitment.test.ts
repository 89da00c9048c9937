import { createHash } from 'node:crypto'
import * as fc from 'fast-check'
import { concat, getAddress, keccak256, pad, size, toBytes, toHex } from 'viem'
import type { Hex } from 'viem'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { canonicalizeStripped } from '../../src/coordinator/commitment/canonicalize.js'
import { nativeSha256, sha256Utf8 } from '../../src/coordinator/commitment/digest.js'
import {
  canonicalize,
  CanonicalizeError,
  commitment,
  CommitmentError,
  generateSalt,
  newViewId,
  stripServerManaged,
  viewCommitmentAbiParameters,
  viewCommitmentTag,
  viewDigest,
} from 'lensync/coordinator'
import type { CommitmentParameters } from 'lensync/coordinator'
import { lawRuns } from '../_helpers/lawRuns.js'
import { expectLensyncError } from '../_helpers/expectError.js'

/** A ~2.5 KB FHIR R4 Patient (the benchmark fixture). */
const patientText = JSON.stringify({
  resourceType: 'Patient',
  id: 'example-123',
  meta: { versionId: '7', lastUpdated: '2024-05-01T10:20:30.123Z', profile: ['http://hl7.org/fhir/StructureDefinition/Patient'] },
  identifier: [
    { use: 'usual', system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345', period: { start: '2001-05-06' } },
    { use: 'official', system: 'http://ns.electronichealth.net.au/id/hi/ihi/1.0', value: '8003608166690503' },
  ],
  active: true,
  name: [
    { use: 'official', family: 'Chalmers', given: ['Peter', 'James'], _given: [null, { extension: [{ url: 'http://example.org/nickname', valueString: 'Jim' }] }] },
    { use: 'maiden', family: 'Windsor', given: ['Peter', 'James'], period: { end: '2002' } },
  ],
  telecom: [{ system: 'phone', value: '(03) 5555 6473', use: 'work', rank: 1 }],
  gender: 'male',
  birthDate: '1974-12-25',
  _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: '1974-12-25T14:35:45-05:00' }] },
  extension: [{ url: 'http://example.org/weight', valueQuantity: { value: 72.50, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } }],
  contact: [{ name: { family: 'du Marché', given: ['Bénédicte'] }, telecom: [{ system: 'phone', value: '+33 (237) 998327' }] }],
})

function sha256Hex(text: string): Hex {
  return `0x${createHash('sha256').update(text, 'utf8').digest('hex')}`
}

/** `value` with the members of every object in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
  return value
}

describe('viewDigest', () => {
  test('default: sha256 of the UTF-8 canonical JSON, server fields removed', () => {
    const view = { resourceType: 'Patient', gender: 'female', meta: { versionId: '3', lastUpdated: '2024-01-01T00:00:00Z' } }
    expect(viewDigest(view)).toBe(sha256Hex('{"gender":"female","resourceType":"Patient"}'))
    // Pinned: also computed with `printf '%s' '{"gender":"female","resourceType":"Patient"}' | sha256sum`.
    expect(viewDigest(view)).toBe('0x3f1665d802b0d0afbd33fe61a85750932f5212d3d2b5a8a8e0a04366e9053f0c')
  })

  test('behavior: non-ASCII text is hashed as UTF-8', () => {
    expect(viewDigest({ family: 'du Marché', emoji: '😀' })).toBe(sha256Hex('{"emoji":"😀","family":"du Marché"}'))
  })

  test('behavior: two peers holding the same data in different key orders and server versions agree', () => {
    const peerA = JSON.parse(patientText)
    const peerB = reversed(JSON.parse(patientText)) as Record<string, unknown>
    peerB.meta = { lastUpdated: '2025-02-02T00:00:00Z', versionId: '42', profile: ['http://hl7.org/fhir/StructureDefinition/Patient'] }
    expect(JSON.stringify(peerA)).not.toBe(JSON.stringify(peerB))
    expect(viewDigest(peerA)).toBe(viewDigest(peerB))
  })

  test('behavior: any change to the data changes the digest', () => {
    const base = JSON.parse(patientText)
    const changed = JSON.parse(patientText)
    changed.name[0].given[1] = 'Jamie'
    const reordered = JSON.parse(patientText)
    reordered.name.reverse()
    const profile = JSON.parse(patientText)
    profile.meta.profile = ['http://example.org/OtherProfile']
    const digests = new Set([base, changed, reordered, profile].map(viewDigest))
    expect(digests.size).toBe(4)
  })

  test('behavior: decimals are hashed as parsed (1.50 and 1.5 agree, 1.51 does not)', () => {
    const text = (value: string) => `{"resourceType":"Observation","valueQuantity":{"unit":"mg","value":${value}}}`
    expect(viewDigest(JSON.parse(text('1.50')))).toBe(viewDigest(JSON.parse(text('1.5'))))
    expect(viewDigest(JSON.parse(text('1.500e0')))).toBe(viewDigest(JSON.parse(text('1.5'))))
    expect(viewDigest(JSON.parse(text('1.51')))).not.toBe(viewDigest(JSON.parse(text('1.5'))))
    // The hashed text carries the parsed number, not the received text.
    expect(canonicalize(JSON.parse(text('1.50')))).toBe(text('1.5'))
  })

  test('behavior: two peers serialising the same parsed data agree, whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const peerA = JSON.parse(JSON.stringify(value))
        const peerB = JSON.parse(JSON.stringify(reversed(value)))
        return viewDigest(peerA) === viewDigest(peerB) && viewDigest(peerA) === viewDigest(JSON.parse(canonicalize(peerB)))
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: strips meta inside Bundle entries, contained resources and nested Bundles', () => {
    const withServerFields = {
      resourceType: 'Bundle',
      meta: { versionId: '1', lastUpdated: '2024-01-01T00:00:00Z' },
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:1',
          resource: {
            resourceType: 'Patient',
            meta: { versionId: '5', lastUpdated: '2024-01-02T00:00:00Z', profile: ['http://x/P'] },
            contained: [{ resourceType: 'Organization', id: 'org', meta: { versionId: '2' } }],
            managingOrganization: { reference: '#org' },
          },
        },
        { resource: { resourceType: 'Bundle', meta: { lastUpdated: '2024-01-03T00:00:00Z' }, entry: [{ resource: { resourceType: 'Basic', meta: { versionId: '9' } } }] } },
      ],
    }
    const without = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:1',
          resource: {
            resourceType: 'Patient',
            meta: { profile: ['http://x/P'] },
            contained: [{ resourceType: 'Organization', id: 'org' }],
            managingOrganization: { reference: '#org' },
          },
        },
        { resource: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Basic' } }] } },
      ],
    }
    expect(viewDigest(withServerFields)).toBe(viewDigest(without))
    expect(viewDigest(withServerFields)).toBe(sha256Hex(canonicalize(without)))
    expect(stripServerManaged(withServerFields)).toEqual(without)
  })

  test('behavior: the root meta is stripped even without a resourceType; other objects named meta are data', () => {
    expect(viewDigest({ meta: { versionId: '1' }, a: 1 })).toBe(viewDigest({ a: 1 }))
    // Not a resource (no resourceType), not the root: kept as data.
    expect(viewDigest({ a: { meta: { versionId: '1' } } })).not.toBe(viewDigest({ a: {} }))
    expect(viewDigest({ a: { meta: { versionId: '1' } } })).toBe(sha256Hex('{"a":{"meta":{"versionId":"1"}}}'))
  })

  test('behavior: a meta that is not an object is left alone', () => {
    expect(viewDigest({ resourceType: 'Basic', meta: 'x' })).toBe(sha256Hex('{"meta":"x","resourceType":"Basic"}'))
  })

  test('behavior: native and portable SHA-256 agree', () => {
    expect(nativeSha256).toBe(true) // Node ≥ 20.16 offers process.getBuiltinModule
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => sha256Utf8(text) === sha256Utf8(text, 'portable')),
      { numRuns: lawRuns() },
    )
    expect(sha256Utf8(patientText, 'portable')).toBe(sha256Hex(patientText))
  })

  test('error: a view that is not JSON data', () => {
    const error = expectLensyncError(() => viewDigest({ resourceType: 'Observation', valueQuantity: { value: NaN } }), CanonicalizeError)
    expect({ code: error.code, pointer: error.pointer }).toEqual({ code: 'NonFiniteNumber', pointer: '/valueQuantity/value' })
    const inMeta = expectLensyncError(() => viewDigest({ meta: { versionId: '1', tag: [new Date(0)] } }), CanonicalizeError)
    expect({ code: inMeta.code, pointer: inMeta.pointer }).toEqual({ code: 'NonPlainObject', pointer: '/meta/tag/0' })
  })
})

// ---------------------------------------------------------------------------------------------------

/** FHIR-ish data with resources nested at arbitrary places, some carrying server-managed meta. */
const withResources = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    tie('resource'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'meta', 'resource', 'contained'), tie('value'), { maxKeys: 3 }),
  ),
  meta: fc.record(
    {
      versionId: fc.constantFrom('1', '2', undefined),
      lastUpdated: fc.constant('2024-01-01T00:00:00Z'),
      profile: fc.constant(['http://x/P']),
      source: fc.constant(undefined),
    },
    { requiredKeys: [] },
  ),
  resource: fc.record(
    {
      resourceType: fc.constantFrom('Patient', 'Bundle', 'Observation'),
      meta: tie('meta'),
      id: fc.string({ maxLength: 3 }),
      contained: fc.array(tie('resource'), { maxLength: 2 }),
      entry: fc.array(fc.record({ resource: tie('resource') }), { maxLength: 2 }),
      value: tie('value'),
    },
    { requiredKeys: ['resourceType'] },
  ),
})).value

describe('stripServerManaged', () => {
  test('default: removes versionId and lastUpdated, keeps the rest of meta', () => {
    const patient = { resourceType: 'Patient', id: 'p1', meta: { versionId: '1', lastUpdated: '2024-01-01T00:00:00Z', source: '#a' } }
    expect(stripServerManaged(patient)).toEqual({ resourceType: 'Patient', id: 'p1', meta: { source: '#a' } })
    expect(patient.meta.versionId).toBe('1') // the input is not mutated
  })

  test('behavior: returns the input itself when there is nothing to strip', () => {
    const patient = JSON.parse(patientText)
    delete patient.meta.versionId
    delete patient.meta.lastUpdated
    expect(stripServerManaged(patient)).toBe(patient)
  })

  test('behavior: copies only the path to a stripped meta', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Patient', name: [{ family: 'A' }] } }, { resource: { resourceType: 'Basic', meta: { versionId: '1' } } }],
    }
    const stripped = stripServerManaged(bundle)
    expect(stripped).not.toBe(bundle)
    expect(stripped.entry[0]).toBe(bundle.entry[0])
    expect(stripped.entry[1]).toEqual({ resource: { resourceType: 'Basic' } })
  })

  test('behavior: viewDigest hashes the view without server fields; a view under 1 KiB as exactly its canonical JSON (property)', () => {
    fc.assert(
      fc.property(withResources, (view) => {
        const text = canonicalize(stripServerManaged(view))
        const small = Buffer.byteLength(text) <= 1024
        return canonicalizeStripped(view) === text && viewDigest(view) === viewDigest(stripServerManaged(view)) && (!small || viewDigest(view) === sha256Hex(text))
      }),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: no versionId or lastUpdated survives inside a resource meta (property)', () => {
    const leaks = (value: unknown, root: boolean): boolean => {
      if (Array.isArray(value)) return value.some((v) => leaks(v, false))
      if (value === null || typeof value !== 'object') return false
      const record = value as Record<string, unknown>
      const meta = record.meta as Record<string, unknown> | undefined
      if ((root || typeof record.resourceType === 'string') && meta && typeof meta === 'object') {
        if ('versionId' in meta || 'lastUpdated' in meta) return true
      }
      return Object.values(record).some((v) => leaks(v, false))
    }
    fc.assert(
      fc.property(withResources, (view) => !leaks(JSON.parse(canonicalizeStripped(view)), true)),
      { numRuns: lawRuns() },
    )
  })
})

// ---------------------------------------------------------------------------------------------------

describe('generateSalt / newViewId', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  test.each([
    ['generateSalt', generateSalt],
    ['newViewId', newViewId],
  ])('default: %s returns 32 bytes of lowercase hex', (_, f) => {
    const value = f()
    expect(value).toMatch(/^0x[0-9a-f]{64}$/)
    expect(size(value)).toBe(32)
  })

  test.each([
    ['generateSalt', generateSalt],
    ['newViewId', newViewId],
  ])('behavior: %s draws from globalThis.crypto.getRandomValues', (_, f) => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues')
    const value = f()
    expect(spy).toHaveBeenCalledTimes(1)
    const bytes = spy.mock.results[0]!.value as Uint8Array
    expect(bytes).toHaveLength(32)
    expect(value).toBe(toHex(bytes))
  })

  test.each([
    ['generateSalt', generateSalt],
    ['newViewId', newViewId],
  ])('behavior: %s values are fresh and unbiased', (_, f) => {
    const values = Array.from({ length: 2000 }, () => f())
    expect(new Set(values).size).toBe(values.length)
    let ones = 0
    for (const v of values) for (const byte of toBytes(v)) for (let b = byte; b; b >>= 1) ones += b & 1
    const bits = values.length * 256
    // 512,000 fair bits: the share of ones is 0.5 ± 0.0007 (1 sigma); ±0.01 only fails for a broken source.
    expect(Math.abs(ones / bits - 0.5)).toBeLessThan(0.01)
  })
})

// ---------------------------------------------------------------------------------------------------

const vector: CommitmentParameters = {
  chainId: 31337,
  coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  viewId: `0x${'11'.repeat(32)}`,
  version: 1n,
  salt: `0x${'22'.repeat(32)}`,
  digest: `0x${'33'.repeat(32)}`,
}

describe('commitment', () => {
  test('default: pinned vector', () => {
    // The same vector is computed in Solidity by contracts/test/ViewCommitment.t.sol (forge, in CI):
    // keccak256(abi.encode(keccak256("lensync.ViewCommitment.v2"), chainId, coordinator, viewId, version, salt, digest)).
    expect(commitment(vector)).toBe('0x3ecc4c76d248b50f5dd31f8807503e69f2efe566627cb307f54ee67c03f15b6e')
  })

  test('behavior: the tag is keccak256 of "lensync.ViewCommitment.v2"', () => {
    expect(viewCommitmentTag).toBe(keccak256(toBytes('lensync.ViewCommitment.v2')))
    expect(viewCommitmentAbiParameters.map((p) => p.type)).toEqual(['bytes32', 'uint256', 'address', 'bytes32', 'uint64', 'bytes32', 'bytes32'])
  })

  test('behavior: equals keccak256 over seven left-padded 32-byte words (abi.encode by hand)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (chainId, coordinator, viewId, version, salt, digest) => {
          const words = [
            viewCommitmentTag,
            toHex(chainId, { size: 32 }),
            pad(toHex(coordinator), { size: 32 }),
            toHex(viewId),
            toHex(version, { size: 32 }),
            toHex(salt),
            toHex(digest),
          ]
          const encoded = concat(words)
          const parameters = { chainId, coordinator: toHex(coordinator), viewId: toHex(viewId), version, salt: toHex(salt), digest: toHex(digest) }
          return size(encoded) === 224 && commitment(parameters) === keccak256(encoded)
        },
      ),
      { numRuns: lawRuns() },
    )
  })

  test('behavior: every field changes the commitment', () => {
    const base = commitment(vector)
    const changes: Partial<CommitmentParameters>[] = [
      { chainId: 1 },
      { coordinator: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' },
      { viewId: `0x${'12'.repeat(32)}` },
      { version: 2n },
      { salt: `0x${'23'.repeat(32)}` },
      { digest: `0x${'34'.repeat(32)}` },
    ]
    const results = changes.map((change) => commitment({ ...vector, ...change }))
    expect(new Set([base, ...results]).size).toBe(changes.length + 1)
  })

  test('behavior: number or bigint, lowercase or checksummed address, upper or lower hex give the same commitment', () => {
    const base = commitment(vector)
    expect(commitment({ ...vector, chainId: 31337n, version: 1 })).toBe(base)
    expect(commitment({ ...vector, coordinator: vector.coordinator.toLowerCase() as Hex })).toBe(base)
    expect(commitment({ ...vector, coordinator: getAddress(vector.coordinator) })).toBe(base)
    expect(commitment({ ...vector, salt: `0x${'AB'.repeat(32)}` })).toBe(commitment({ ...vector, salt: `0x${'ab'.repeat(32)}` }))
  })

  test('behavior: bounds of uint64 and uint256 are accepted', () => {
    expect(commitment({ ...vector, version: (1n << 64n) - 1n })).toMatch(/^0x[0-9a-f]{64}$/)
    expect(commitment({ ...vector, version: 0 })).toMatch(/^0x[0-9a-f]{64}$/)
    expect(commitment({ ...vector, chainId: (1n << 256n) - 1n })).toMatch(/^0x[0-9a-f]{64}$/)
  })

  test.each([
    ['/chainId', { chainId: -1 }],
    ['/chainId', { chainId: 2 ** 53 }],
    ['/chainId', { chainId: 1.5 }],
    ['/chainId', { chainId: 1n << 256n }],
    ['/chainId', { chainId: '1' }],
    ['/coordinator', { coordinator: '0x5fbdb2315678afecb367f032d93f642f64180aa' }],
    ['/coordinator', { coordinator: '0x5FbDB2315678afecb367f032d93F642f64180aA3' }], // bad EIP-55 checksum
    ['/coordinator', { coordinator: undefined }],
    ['/viewId', { viewId: `0x${'11'.repeat(31)}` }],
    ['/viewId', { viewId: '11'.repeat(32) }],
    ['/version', { version: 1n << 64n }],
    ['/version', { version: -1n }],
    ['/version', { version: Number.NaN }],
    ['/salt', { salt: `0x${'zz'.repeat(32)}` }],
    ['/salt', { salt: `0x${'22'.repeat(33)}` }],
    ['/digest', { digest: undefined }],
  ])('error: invalid %s (%o)', (pointer, change) => {
    const error = expectLensyncError(() => commitment({ ...vector, ...(change as Partial<CommitmentParameters>) }), CommitmentError)
    expect({ code: error.code, pointer: error.pointer }).toEqual({ code: 'InvalidParameter', pointer })
  })

  test('error: message', () => {
    const error = expectLensyncError(() => commitment({ ...vector, salt: `0x${'00'.repeat(31)}` }), CommitmentError)
    expect(error.name).toBe('CommitmentError')
    expect(error.message).toMatchInlineSnapshot(`
      "InvalidParameter at "/salt": expected 32 bytes as 0x-prefixed hex (66 characters).

      Received: "0x00000000000000000000000000000000000000000000000000000000000000"

      Version: lensync@0.1.0"
    `)
  })

  test('behavior: end to end, a peer recomputing from its own copy gets the proposer\'s commitment', () => {
    const viewId = newViewId()
    const salt = generateSalt()
    const proposer = JSON.parse(patientText)
    const peer = reversed(JSON.parse(patientText)) as Record<string, unknown>
    peer.meta = { versionId: '99', profile: ['http://hl7.org/fhir/StructureDefinition/Patient'] }
    const params = { chainId: 31337, coordinator: vector.coordinator, viewId, version: 8n, salt }
    const proposed = commitment({ ...params, digest: viewDigest(proposer) })
    expect(commitment({ ...params, digest: viewDigest(peer) })).toBe(proposed)
    // A peer whose copy differs, or that uses another salt, does not match.
    const tampered = JSON.parse(patientText)
    tampered.birthDate = '1974-12-26'
    expect(commitment({ ...params, digest: viewDigest(tampered) })).not.toBe(proposed)
    expect(commitment({ ...params, salt: generateSalt(), digest: viewDigest(peer) })).not.toBe(proposed)
  })
})
