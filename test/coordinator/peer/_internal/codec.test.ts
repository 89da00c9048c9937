import * as fc from 'fast-check'
import { bytesToHex, type Address, type Hex } from 'viem'
import { describe, expect, test } from 'vitest'
import type { JsonValue } from 'lensync'
import type { PeerViewState } from 'lensync/coordinator'
import { memoryStorage } from 'lensync/storage/memory'
import { decodeRoundMeta, decodeViewState, encodeRoundMeta, encodeViewState, type RoundMeta } from '../../../../src/coordinator/peer/_internal/codec.js'

const viewId = `0x${'ab'.repeat(32)}` as Hex
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => bytesToHex(b))
const uint64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })
/** JSON data as storage gives it back (no `-0`, no `undefined`). */
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue)
/** Plain objects, as storage gives them back. */
const plain = { noNullPrototype: true } as const
const patch = fc.array(fc.record({ op: fc.constant('add' as const), path: fc.string().map((s) => `/${s}`), value: json }, plain), { maxLength: 3 })

const roundMeta: fc.Arbitrary<RoundMeta> = fc.record({
  kind: fc.constantFrom('proposal' as const, 'incoming' as const),
  round: uint64,
  recordId: fc.string({ minLength: 1 }).filter((s) => !s.includes('\u0000')),
  baseVersion: uint64,
  baseCommitment: bytes(32),
  version: uint64,
  salt: bytes(32),
  commitment: bytes(32),
  digest: bytes(32),
  proposer: bytes(20).map((h) => h as Address),
  patch,
  view: json,
}, plain)

const base64url = fc.base64String().map((b) => b.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))
const sealed = fc.record(
  {
    scheme: fc.constant('hpke' as const),
    viewId: bytes(32),
    round: uint64.map(String),
    proposer: bytes(20).map((h) => h as Address),
    ciphertext: base64url,
    recipients: fc.array(fc.record({ account: bytes(20).map((h) => h as Address), enc: base64url, key: base64url }, plain), { maxLength: 3 }),
  },
  plain,
)
const published = fc.record({ round: uint64, baseVersion: uint64, version: uint64, sealed }, plain)

const viewState: fc.Arbitrary<PeerViewState> = fc.record(
  {
    recordId: fc.string({ minLength: 1 }).filter((s) => !s.includes('\u0000')),
    version: uint64,
    head: bytes(32),
    salt: bytes(32),
    digest: bytes(32),
    view: json,
    controller: bytes(20).map((h) => h as Address),
    published: fc.array(published, { maxLength: 3 }),
    revoked: fc.constant(true),
  },
  { requiredKeys: ['recordId', 'version', 'head', 'salt', 'digest', 'view', 'controller'], ...plain },
)

/** What storage keeps: JSON text. */
const throughJson = (value: JsonValue): JsonValue => JSON.parse(JSON.stringify(value)) as JsonValue

describe('round meta', () => {
  test('behavior: decode(encode(meta)) is meta, through JSON text and through a real storage', async () => {
    fc.assert(
      fc.property(roundMeta, (meta) => {
        expect(decodeRoundMeta(throughJson(encodeRoundMeta(meta)))).toStrictEqual(meta)
      }),
    )
    await fc.assert(
      fc.asyncProperty(roundMeta, async (meta) => {
        const storage = memoryStorage()
        await storage.stage(viewId, meta.round, { writes: [], meta: encodeRoundMeta(meta) })
        expect(decodeRoundMeta((await storage.getStaged(viewId, meta.round))!.meta)).toStrictEqual(meta)
      }),
      { numRuns: 50 },
    )
  })

  test('behavior: rounds and versions are decimal strings in storage, exact beyond 2^53', () => {
    const big = 2n ** 64n - 1n
    const meta = fc.sample(roundMeta, { numRuns: 1, seed: 1 })[0]!
    const stored = throughJson(encodeRoundMeta({ ...meta, round: big, baseVersion: big - 1n, version: big })) as Record<string, JsonValue>
    expect([stored.round, stored.baseVersion, stored.version]).toEqual(['18446744073709551615', '18446744073709551614', '18446744073709551615'])
    expect(decodeRoundMeta(stored)).toMatchObject({ round: big, baseVersion: big - 1n, version: big })
  })

  test('behavior: reads the number versions of metas staged before they were strings', () => {
    const legacy = { ...(throughJson(encodeRoundMeta(fc.sample(roundMeta, { numRuns: 1, seed: 2 })[0]!)) as Record<string, JsonValue>), round: '7', baseVersion: 6, version: 7 }
    expect(decodeRoundMeta(legacy)).toMatchObject({ round: 7n, baseVersion: 6n, version: 7n })
  })
})

describe('view state', () => {
  test('behavior: decode(encode(state)) is state, through JSON text and through a real storage; absent optional fields stay absent', async () => {
    fc.assert(
      fc.property(viewState, (state) => {
        expect(decodeViewState(throughJson(encodeViewState(state)))).toStrictEqual(state)
      }),
    )
    const storage = memoryStorage()
    await fc.assert(
      fc.asyncProperty(viewState, async (state) => {
        await storage.setViewState(viewId, encodeViewState(state))
        expect(decodeViewState((await storage.getViewState(viewId))!)).toStrictEqual(state)
      }),
      { numRuns: 50 },
    )
  })

  test('behavior: versions are decimal strings in storage, exact beyond 2^53', () => {
    const state = fc.sample(viewState, { numRuns: 1, seed: 3 })[0]!
    const version = 2n ** 53n + 1n
    const stored = throughJson(encodeViewState({ ...state, version, published: [{ round: version, baseVersion: version - 1n, version, sealed: fc.sample(sealed, { numRuns: 1, seed: 3 })[0]! }] }))
    expect(stored).toMatchObject({ version: '9007199254740993', published: [{ round: '9007199254740993', baseVersion: '9007199254740992', version: '9007199254740993' }] })
    expect(decodeViewState(stored)).toMatchObject({ version, published: [{ round: version, baseVersion: version - 1n, version }] })
  })

  test('behavior: reads a view state written before versions were strings, dropping its legacy version-0 copy', () => {
    const { published: _published, revoked: _revoked, ...state } = fc.sample(viewState, { numRuns: 1, seed: 4 })[0]!
    const legacy = { ...(throughJson(encodeViewState(state)) as Record<string, JsonValue>), version: 3, published: [{ round: '2', baseVersion: '1', version: '2', patch: [], salt: state.salt, commitment: state.head }], genesis: { view: null } }
    expect(decodeViewState(legacy)).toStrictEqual({
      ...state,
      version: 3n,
      published: [{ round: 2n, baseVersion: 1n, version: 2n, patch: [], salt: state.salt, commitment: state.head }],
    })
  })
})
