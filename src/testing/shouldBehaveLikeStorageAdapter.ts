/**
 * The behaviour every {@link StorageAdapter} must have — the built-in backends and any adapter an
 * application writes for its own EHR backend. Call it inside a `describe` with a harness that opens
 * fresh storages.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { StorageError } from '../storage/errors.js'
import type { StorageAdapter, StorageOperations } from '../storage/StorageAdapter.js'
import {
  type CrashScenario,
  conditionNew,
  crashCursor,
  crashEvent,
  crashMeta,
  crashRound,
  crashView,
  crashWritesOn,
  observationV1,
  observationV2,
  patientV1,
  patientV2,
  promoteInTransaction,
  readSeededVersions,
  seed,
  setUpStagedRound,
} from './_internal/crashScenarios.js'

/** A fresh, empty storage and a way to reopen its data. */
export interface StorageFixture {
  readonly storage: StorageAdapter
  /**
   * A new adapter on the same data, as a restarted peer would open it. The previous adapter may be
   * closed or simply abandoned (never closed), as after a crash.
   */
  reopen(): Promise<StorageAdapter>
  /** Removes the data (schema, directory). */
  dispose(): Promise<void>
}

/** How a child process opens the same storage as the parent (a built-in SQL backend). */
export type CrashTarget =
  | { readonly backend: 'pglite'; readonly dataDir: string }
  | { readonly backend: 'postgres'; readonly connectionString: string; readonly schema: string }

/** Storage that a separate process can open, for SIGKILL tests. */
export interface CrashFixture {
  readonly target: CrashTarget
  /** Opens the storage in this process (after the child died). */
  open(): Promise<StorageAdapter>
  dispose(): Promise<void>
}

/**
 * What an adapter can promise, for backends that cannot keep every promise of the SQL and memory
 * backends (a FHIR server reached over REST). The suite adapts its tests to these flags and names the
 * difference in the test title; it never skips a test silently.
 */
export interface StorageCapabilities {
  /**
   * What a record may be. `'json'`: any JSON under any id. `'fhir'`: ids are `Type/id` and data is a
   * FHIR resource of that type; the suite then stores its JSON values inside `Basic` resources.
   *
   * @defaultValue `'json'`
   */
  readonly records?: 'json' | 'fhir' | undefined
  /**
   * Whether `putRecord` inside `transaction(fn)` returns the version the record will have after the
   * commit. `false` for a backend that sends its writes when the transaction commits (the server
   * assigns versions then): the suite re-reads versions after the commit.
   *
   * @defaultValue `true`
   */
  readonly finalVersionsInTransaction?: boolean | undefined
}

export interface StorageHarness {
  /** What the adapter can promise; see {@link StorageCapabilities}. */
  readonly capabilities?: StorageCapabilities | undefined
  /** Opens a fresh, empty storage; called once per test. */
  open(): Promise<StorageFixture>
  /**
   * Storage a child process can open and be killed in; a string says why the backend cannot
   * survive a process crash (the tests are then skipped with that reason in their name).
   */
  readonly crash: { open(): Promise<CrashFixture> } | string
}

const view = '0x' + '01'.repeat(32)
const otherView = '0x' + '02'.repeat(32)
const childPath = fileURLToPath(new URL('../../test/storage/_crashChild.ts', import.meta.url))

async function expectStorageError(promise: Promise<unknown>, code: StorageError['code']): Promise<StorageError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected StorageError ${code}, but the call succeeded`)
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StorageError)
  expect((error as StorageError).code).toBe(code)
  return error as StorageError
}

async function withFixture(harness: StorageHarness, fn: (fixture: StorageFixture) => Promise<void>): Promise<void> {
  const fixture = await harness.open()
  try {
    await fn(fixture)
  } finally {
    await fixture.dispose()
  }
}

/** A version string, whatever the backend chose. */
const anyVersion = expect.any(String) as unknown as string

async function snapshot(storage: StorageOperations) {
  return {
    patient: await storage.getRecord('Patient/p1'),
    observation: await storage.getRecord('Observation/o1'),
    condition: await storage.getRecord('Condition/c1'),
    staged: await storage.listStaged(),
    views: await storage.listViews(),
    cursor: await storage.getCursor('coordinator'),
    processed: await storage.isProcessed(crashEvent),
  }
}

function runChild(target: CrashTarget, scenario: CrashScenario): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childPath, JSON.stringify(target), scenario], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (_code, signal) => resolve({ signal, stdout, stderr }))
  })
}

export function shouldBehaveLikeStorageAdapter(harness: StorageHarness): void {
  const it = (name: string, fn: (fixture: StorageFixture) => Promise<void>) => test(name, () => withFixture(harness, fn))
  const fhirRecords = harness.capabilities?.records === 'fhir'
  /** A record id for a JSON value: itself, or a `Basic` resource's when records are FHIR resources. */
  const anyId = (id: string) => (fhirRecords ? `Basic/${id.replace(/[^A-Za-z0-9.-]/g, '-')}` : id)
  /** A record for a JSON value: itself, or a `Basic` resource holding it when records are FHIR resources. */
  const anyRecord = (id: string, value: unknown): unknown =>
    fhirRecords ? { resourceType: 'Basic', id: anyId(id).slice('Basic/'.length), code: { text: 'lensync test value' }, value } : value
  const valueOf = (data: unknown): unknown => (fhirRecords ? (data as { value?: unknown } | undefined)?.value : data)
  const fhirNote = fhirRecords ? ' (inside Basic resources, without null, "", [] and {}: FHIR JSON has none)' : ''
  /** FHIR JSON has no `null` outside arrays of primitives, no empty strings, arrays or objects: a FHIR server drops them. */
  const storableHere = (value: unknown) => !fhirRecords || !/null|""|\[\]|\{\}/.test(JSON.stringify(value))

  describe('records', () => {
    it('default: a missing record reads as undefined', async ({ storage }) => {
      expect(await storage.getRecord('Patient/nobody')).toBeUndefined()
    })

    it('default: putRecord creates (expectedVersion null) and updates by compare-and-swap on opaque versions', async ({ storage }) => {
      const created = await storage.putRecord('Patient/p1', patientV1, { expectedVersion: null })
      expect(created).toEqual({ id: 'Patient/p1', version: anyVersion, data: patientV1 })
      expect(created.version).not.toBe('')
      expect(await storage.getRecord('Patient/p1')).toEqual({ id: 'Patient/p1', version: created.version, data: patientV1 })
      const updated = await storage.putRecord('Patient/p1', patientV2, { expectedVersion: created.version })
      expect(updated.version).not.toBe(created.version)
      expect(await storage.getRecord('Patient/p1')).toEqual({ id: 'Patient/p1', version: updated.version, data: patientV2 })
      // A version never comes back: writing the first data again gives a third version.
      const again = await storage.putRecord('Patient/p1', patientV1, { expectedVersion: updated.version })
      expect([created.version, updated.version]).not.toContain(again.version)
    })

    it('error: a stale expectedVersion is a VersionConflict and writes nothing', async ({ storage }) => {
      const v = await seed(storage)
      const { version } = await storage.putRecord('Patient/p1', patientV2, { expectedVersion: v.patient })
      const error = await expectStorageError(storage.putRecord('Patient/p1', patientV1, { expectedVersion: v.patient }), 'VersionConflict')
      expect(error.context).toEqual({ recordId: 'Patient/p1', expectedVersion: v.patient, actualVersion: version })
      expect(error.shortMessage).toContain('re-read it and retry')
      expect(await storage.getRecord('Patient/p1')).toEqual({ id: 'Patient/p1', version, data: patientV2 })
      await expectStorageError(storage.putRecord('Patient/p1', patientV1, { expectedVersion: 'a version this record never had' }), 'VersionConflict')
    })

    it('error: creating an existing record (expectedVersion null) conflicts', async ({ storage }) => {
      const v = await seed(storage)
      const error = await expectStorageError(storage.putRecord('Patient/p1', patientV2, { expectedVersion: null }), 'VersionConflict')
      expect(error.context.actualVersion).toBe(v.patient)
      expect((await storage.getRecord('Patient/p1'))?.data).toEqual(patientV1)
    })

    it('error: updating a missing record conflicts with actualVersion null', async ({ storage }) => {
      const error = await expectStorageError(storage.putRecord('Patient/p9', { ...patientV1, id: 'p9' }, { expectedVersion: '3' }), 'VersionConflict')
      expect(error.context).toMatchObject({ expectedVersion: '3', actualVersion: null })
      expect(await storage.getRecord('Patient/p9')).toBeUndefined()
    })

    it('behavior: concurrent writers on one version: exactly one wins', async ({ storage }) => {
      const v = await seed(storage)
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => storage.putRecord('Patient/p1', { ...patientV1, birthDate: `197${i}-01-01` }, { expectedVersion: v.patient })),
      )
      const won = results.filter((r) => r.status === 'fulfilled')
      expect(won).toHaveLength(1)
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'StorageError', code: 'VersionConflict' })
      const winner = (won[0] as PromiseFulfilledResult<{ version: string; data: unknown }>).value
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: winner.version, data: winner.data })
    })

    it('behavior: values are copied in and out', async ({ storage }) => {
      const input = structuredClone(patientV1)
      await storage.putRecord('Patient/p1', input, { expectedVersion: null })
      input.name[0]!.family = 'Changed'
      const read = await storage.getRecord('Patient/p1')
      expect(read?.data).toEqual(patientV1)
      ;(read?.data as { id: string }).id = 'mutated'
      expect((await storage.getRecord('Patient/p1'))?.data).toEqual(patientV1)
    })

    it(`behavior: JSON round-trips structurally (decimals as parsed, unicode, big and tiny numbers)${fhirNote}`, async ({ storage }) => {
      const value = {
        resourceType: 'Observation',
        valueQuantity: { value: JSON.parse('1.50') as number, comparator: '<' },
        numbers: [0, -1, 1e21, 5e-324, Number.MAX_SAFE_INTEGER, 1.7976931348623157e308, -2.5e-7, 0.1 + 0.2],
        text: 'Zoë 🩺 “quotes” \\ / \n\t "',
        'key/with~pointer chars': fhirRecords ? { ü: [true, false] } : { '': null, ü: [true, false, [], {}] },
        zz: 1,
        aa: 2,
      }
      await storage.putRecord(anyId('x'), anyRecord('x', value), { expectedVersion: null })
      const read = valueOf((await storage.getRecord(anyId('x')))?.data)
      expect(read).toEqual(value)
      expect((read as typeof value).valueQuantity.value).toBe(1.5)
      expect((read as typeof value).numbers[3]).toBe(5e-324)
      // -0 has no JSON spelling: it reads back as 0.
      await storage.putRecord(anyId('z'), anyRecord('z', { v: -0 }), { expectedVersion: null })
      expect(Object.is((valueOf((await storage.getRecord(anyId('z')))?.data) as { v: number }).v, 0)).toBe(true)
    })

    it(`behavior: generated JSON values round-trip${fhirNote}`, async ({ storage }) => {
      const storable = (s: string) => !s.includes('\u0000') && !/[\uD800-\uDFFF]/.test(s)
      const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => {
        const text = JSON.stringify(v)
        return storable(text) && storableHere(v) && !Object.is(v, -0) && !text.includes('-0,') && !text.endsWith('-0')
      })
      const values = fc.sample(json, { numRuns: 60, seed: 42 })
      for (const [i, v] of values.entries()) await storage.putRecord(anyId(`r${i}`), anyRecord(`r${i}`, v), { expectedVersion: null })
      for (const [i, v] of values.entries()) expect(valueOf((await storage.getRecord(anyId(`r${i}`)))?.data)).toEqual(JSON.parse(JSON.stringify(v)))
    })

    const invalid: [string, unknown, string][] = [
      ['undefined property', { a: { b: undefined } }, '/a/b'],
      ['NaN', { a: [1, Number.NaN] }, '/a/1'],
      ['Infinity', { a: Number.POSITIVE_INFINITY }, '/a'],
      ['bigint', { a: 1n }, '/a'],
      ['Date', { when: new Date(0) }, '/when'],
      ['Map', { m: new Map() }, '/m'],
      ['function', { f: () => 1 }, '/f'],
      ['sparse array', { a: [1, , 3] }, '/a/1'],
      ['U+0000 in a string', { s: 'a\u0000b' }, '/s'],
      ['lone surrogate', { s: '\uD800x' }, '/s'],
      ['U+0000 in a key', { 'k\u0000': 1 }, '/k\u0000'],
      ['top-level undefined', undefined, ''],
      ['pointer escaping', { 'a/b': { '~': Number.NaN } }, '/a~1b/~0'],
    ]
    for (const [what, value, pointer] of invalid) {
      it(`error: InvalidValue for ${what}, with its pointer, and nothing written`, async ({ storage }) => {
        const error = await expectStorageError(storage.putRecord('Patient/p1', value, { expectedVersion: null }), 'InvalidValue')
        expect(error.pointer).toBe(pointer)
        expect(await storage.getRecord('Patient/p1')).toBeUndefined()
      })
    }

    it('error: InvalidValue for a cycle', async ({ storage }) => {
      const a: Record<string, unknown> = { x: 1 }
      a.self = { back: a }
      const error = await expectStorageError(storage.putRecord('Patient/p1', a, { expectedVersion: null }), 'InvalidValue')
      expect(error.pointer).toBe('/self/back')
    })

    it('error: InvalidArgument for malformed ids, versions, rounds, cursors and event keys', async ({ storage }) => {
      // Thunks: each call starts only when its rejection is awaited.
      const bad: (() => Promise<unknown>)[] = [
        () => storage.getRecord(''),
        () => storage.getRecord(42 as unknown as string),
        () => storage.putRecord('a\u0000b', {}, { expectedVersion: null }),
        () => storage.putRecord(anyId('p'), anyRecord('p', {}), { expectedVersion: 0 as unknown as string }),
        () => storage.putRecord(anyId('p'), anyRecord('p', {}), { expectedVersion: '' }),
        () => storage.putRecord(anyId('p'), anyRecord('p', {}), { expectedVersion: undefined as unknown as string }),
        () => storage.putRecord(anyId('p'), anyRecord('p', {}), undefined as never),
        () => storage.stage(view, 1n, { writes: [{ recordId: 'Patient/p1', baseVersion: 1 as unknown as string, data: {} }], meta: null }),
        () => storage.stage(view, 1 as unknown as bigint, { writes: [], meta: null }),
        () => storage.stage(view, -1n, { writes: [], meta: null }),
        () => storage.promote(view, 2n ** 64n),
        () => storage.discard('', 1n),
        () => storage.getStaged(view, 1.5 as unknown as bigint),
        () => storage.setCursor('c', { blockNumber: 1 as unknown as bigint, logIndex: 0 }),
        () => storage.setCursor('c', { blockNumber: 1n, logIndex: -1 }),
        () => storage.markProcessed({ txHash: '', logIndex: 0 }),
        () => storage.isProcessed({ txHash: '0x1', logIndex: Number.NaN }),
      ]
      for (const call of bad) await expectStorageError(call(), 'InvalidArgument')
      expect(await storage.getRecord(anyId('p'))).toBeUndefined()
      expect(await storage.getCursor('c')).toBeUndefined()
    })
  })

  describe('stage', () => {
    it('default: stores writes and meta whole, without touching the records', async ({ storage }) => {
      const v = await seed(storage)
      const crashWrites = crashWritesOn(v)
      expect(await storage.stage(crashView, crashRound, { writes: crashWrites, meta: crashMeta })).toEqual({ changed: true })
      expect(await storage.getStaged(crashView, crashRound)).toEqual({ viewId: crashView, round: crashRound, writes: crashWrites, meta: crashMeta })
      expect(await storage.getRecord('Patient/p1')).toEqual({ id: 'Patient/p1', version: v.patient, data: patientV1 })
      expect(await storage.getRecord('Condition/c1')).toBeUndefined()
    })

    it('default: getStaged(viewId) and listStaged order by view, then round', async ({ storage }) => {
      const v = await seed(storage)
      const write = (n: number) => [{ recordId: 'Patient/p1', baseVersion: v.patient, data: { ...patientV1, birthDate: `19${10 + n}-01-01` } }]
      for (const [v, r] of [
        [otherView, 3n],
        [view, 10n],
        [view, 2n],
        [otherView, 2n ** 64n - 1n],
      ] as const)
        await storage.stage(v, r, { writes: write(Number(r % 100n)), meta: { r: `${r}` } })
      expect((await storage.getStaged(view)).map((s) => s.round)).toEqual([2n, 10n])
      expect((await storage.listStaged()).map((s) => [s.viewId, s.round])).toEqual([
        [view, 2n],
        [view, 10n],
        [otherView, 3n],
        [otherView, 2n ** 64n - 1n],
      ])
      expect(await storage.getStaged(view, 3n)).toBeUndefined()
      expect(await storage.getStaged('0xnone')).toEqual([])
    })

    it('behavior: staging the same round again is a no-op (key order does not matter)', async ({ storage }) => {
      const crashWrites = crashWritesOn(await seed(storage))
      await storage.stage(crashView, crashRound, { writes: crashWrites, meta: crashMeta })
      const reordered = crashWrites.map((w) => ({ data: w.data, baseVersion: w.baseVersion, recordId: w.recordId }))
      const meta = Object.fromEntries(Object.entries(crashMeta).reverse())
      expect(await storage.stage(crashView, crashRound, { writes: reordered, meta })).toEqual({ changed: false })
      expect(await storage.listStaged()).toHaveLength(1)
    })

    it('error: other writes or meta for a staged round are a StageConflict; the first stage is kept', async ({ storage }) => {
      const crashWrites = crashWritesOn(await seed(storage))
      await storage.stage(crashView, crashRound, { writes: crashWrites, meta: crashMeta })
      await expectStorageError(storage.stage(crashView, crashRound, { writes: crashWrites, meta: { ...crashMeta, salt: '0x00' } }), 'StageConflict')
      const error = await expectStorageError(storage.stage(crashView, crashRound, { writes: crashWrites.slice(1), meta: crashMeta }), 'StageConflict')
      expect(error.context).toEqual({ viewId: crashView, round: crashRound })
      expect(await storage.getStaged(crashView, crashRound)).toMatchObject({ writes: crashWrites, meta: crashMeta })
    })

    it('error: a stale baseVersion is a VersionConflict and stages nothing', async ({ storage }) => {
      const v = await seed(storage)
      const { version } = await storage.putRecord('Observation/o1', observationV2, { expectedVersion: v.observation })
      const error = await expectStorageError(storage.stage(crashView, crashRound, { writes: crashWritesOn(v), meta: crashMeta }), 'VersionConflict')
      expect(error.context).toMatchObject({ recordId: 'Observation/o1', expectedVersion: v.observation, actualVersion: version, viewId: crashView, round: crashRound })
      expect(await storage.listStaged()).toEqual([])
    })

    it('error: two writes to one record are an InvalidArgument', async ({ storage }) => {
      const crashWrites = crashWritesOn(await seed(storage))
      const writes = [crashWrites[0]!, { ...crashWrites[0]!, data: patientV1 }]
      const error = await expectStorageError(storage.stage(view, 1n, { writes, meta: null }), 'InvalidArgument')
      expect(error.shortMessage).toContain('Patient/p1')
      expect(await storage.listStaged()).toEqual([])
    })

    it('error: a write that is not JSON is an InvalidValue with its pointer', async ({ storage }) => {
      const v = await seed(storage)
      const writes = [{ recordId: 'Patient/p1', baseVersion: v.patient, data: { birthDate: new Date() } as never }]
      const error = await expectStorageError(storage.stage(view, 1n, { writes, meta: null }), 'InvalidValue')
      expect(error.pointer).toBe('/birthDate')
      expect(error.shortMessage).toContain('writes[0].data')
      await expectStorageError(storage.stage(view, 1n, { writes: [], meta: { n: Number.NaN } }), 'InvalidValue')
      expect(await storage.listStaged()).toEqual([])
    })
  })

  describe('promote', () => {
    it('default: applies every write (each record gets a new version) and removes the stage', async ({ storage }) => {
      const v = await setUpStagedRound(storage)
      expect(await storage.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: true })
      const patient = await storage.getRecord('Patient/p1')
      const observation = await storage.getRecord('Observation/o1')
      expect(patient).toEqual({ id: 'Patient/p1', version: anyVersion, data: patientV2 })
      expect(observation).toEqual({ id: 'Observation/o1', version: anyVersion, data: observationV2 })
      expect(patient?.version).not.toBe(v.patient)
      expect(observation?.version).not.toBe(v.observation)
      expect(await storage.getRecord('Condition/c1')).toEqual({ id: 'Condition/c1', version: anyVersion, data: conditionNew })
      expect(await storage.getStaged(crashView, crashRound)).toBeUndefined()
      expect(await storage.listStaged()).toEqual([])
    })

    it('behavior: promoting a promoted round is a reported no-op', async ({ storage }) => {
      await setUpStagedRound(storage)
      await storage.promote(crashView, crashRound)
      const promoted = (await storage.getRecord('Patient/p1'))!
      const { version } = await storage.putRecord('Patient/p1', patientV1, { expectedVersion: promoted.version })
      expect(await storage.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: false })
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version, data: patientV1 })
    })

    it('behavior: all or nothing: one conflicting write leaves every record and the stage as they were', async ({ storage }) => {
      const { writes: crashWrites, ...v } = await setUpStagedRound(storage)
      // Someone writes the second record of the round behind the engine's back.
      const { version } = await storage.putRecord('Observation/o1', { ...observationV1, status: 'cancelled' }, { expectedVersion: v.observation })
      const before = await snapshot(storage)
      const error = await expectStorageError(storage.promote(crashView, crashRound), 'VersionConflict')
      expect(error.context).toMatchObject({ recordId: 'Observation/o1', expectedVersion: v.observation, actualVersion: version, viewId: crashView, round: crashRound })
      expect(await snapshot(storage)).toEqual(before)
      expect((await storage.getRecord('Patient/p1'))?.version).toBe(v.patient)
      expect(await storage.getStaged(crashView, crashRound)).toMatchObject({ writes: crashWrites, meta: crashMeta })
      // The round can still be reconciled.
      expect(await storage.discard(crashView, crashRound)).toEqual({ outcome: 'discarded', changed: true })
    })

    it('behavior: a conflict on the last write (a record created meanwhile) also rolls back the earlier ones', async ({ storage }) => {
      const v = await setUpStagedRound(storage)
      await storage.putRecord('Condition/c1', { resourceType: 'Condition', id: 'c1' }, { expectedVersion: null })
      await expectStorageError(storage.promote(crashView, crashRound), 'VersionConflict')
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: v.patient, data: patientV1 })
      expect(await storage.getRecord('Observation/o1')).toMatchObject({ version: v.observation, data: observationV1 })
      expect(await storage.listStaged()).toHaveLength(1)
    })

    it('error: promoting a round that was never staged is StageNotFound', async ({ storage }) => {
      const error = await expectStorageError(storage.promote(view, 1n), 'StageNotFound')
      expect(error.context).toEqual({ viewId: view, round: 1n })
    })

    it('error: promoting a discarded round is RoundFinished', async ({ storage }) => {
      const v = await setUpStagedRound(storage)
      await storage.discard(crashView, crashRound)
      const error = await expectStorageError(storage.promote(crashView, crashRound), 'RoundFinished')
      expect(error.context.outcome).toBe('discarded')
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: v.patient })
    })

    it('error: staging a promoted round again is RoundFinished', async ({ storage }) => {
      await setUpStagedRound(storage)
      await storage.promote(crashView, crashRound)
      const error = await expectStorageError(storage.stage(crashView, crashRound, { writes: [], meta: null }), 'RoundFinished')
      expect(error.context.outcome).toBe('promoted')
      expect(await storage.listStaged()).toEqual([])
    })

    it('behavior: rounds of one view are independent', async ({ storage }) => {
      const v = await seed(storage)
      await storage.stage(view, 1n, { writes: [{ recordId: 'Patient/p1', baseVersion: v.patient, data: patientV2 }], meta: 1 })
      await storage.stage(view, 2n, { writes: [{ recordId: 'Observation/o1', baseVersion: v.observation, data: observationV2 }], meta: 2 })
      await storage.promote(view, 2n)
      expect(await storage.getStaged(view)).toMatchObject([{ round: 1n, meta: 1 }])
      expect(await storage.promote(view, 1n)).toEqual({ outcome: 'promoted', changed: true })
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ data: patientV2 })
      expect((await storage.getRecord('Patient/p1'))?.version).not.toBe(v.patient)
    })
  })

  describe('discard', () => {
    it('default: removes the stage and leaves the records', async ({ storage }) => {
      await setUpStagedRound(storage)
      const before = await storage.getRecord('Patient/p1')
      expect(await storage.discard(crashView, crashRound)).toEqual({ outcome: 'discarded', changed: true })
      expect(await storage.listStaged()).toEqual([])
      expect(await storage.getRecord('Patient/p1')).toEqual(before)
      expect(await storage.getRecord('Condition/c1')).toBeUndefined()
    })

    it('behavior: discarding a discarded round is a reported no-op', async ({ storage }) => {
      await setUpStagedRound(storage)
      await storage.discard(crashView, crashRound)
      expect(await storage.discard(crashView, crashRound)).toEqual({ outcome: 'discarded', changed: false })
    })

    it('behavior: a round never staged is marked discarded, and cannot be staged afterwards', async ({ storage }) => {
      await seed(storage)
      expect(await storage.discard(view, 5n)).toEqual({ outcome: 'discarded', changed: false })
      await expectStorageError(storage.stage(view, 5n, { writes: [], meta: null }), 'RoundFinished')
      expect(await storage.stage(view, 6n, { writes: [], meta: null })).toEqual({ changed: true })
    })

    it('error: discarding a promoted round is RoundFinished and changes nothing', async ({ storage }) => {
      await setUpStagedRound(storage)
      await storage.promote(crashView, crashRound)
      const promoted = await storage.getRecord('Patient/p1')
      const error = await expectStorageError(storage.discard(crashView, crashRound), 'RoundFinished')
      expect(error.context).toEqual({ viewId: crashView, round: crashRound, outcome: 'promoted' })
      expect(await storage.getRecord('Patient/p1')).toEqual(promoted)
    })
  })

  describe('view state, cursors and processed events', () => {
    it('default: view state is any JSON, last write wins, listViews is sorted', async ({ storage }) => {
      expect(await storage.getViewState(view)).toBeUndefined()
      await storage.setViewState(otherView, null)
      await storage.setViewState(view, { version: 1, salt: '0x01' })
      await storage.setViewState(view, { version: 2, salt: '0x02', commitment: '0x03' })
      expect(await storage.getViewState(view)).toEqual({ version: 2, salt: '0x02', commitment: '0x03' })
      expect(await storage.getViewState(otherView)).toBeNull()
      expect(await storage.listViews()).toEqual([view, otherView])
      await expectStorageError(storage.setViewState(view, { at: new Date() }), 'InvalidValue')
      expect(await storage.getViewState(view)).toMatchObject({ version: 2 })
    })

    it('default: cursors keep bigint block numbers, per name, and may move back', async ({ storage }) => {
      expect(await storage.getCursor('coordinator')).toBeUndefined()
      await storage.setCursor('coordinator', crashCursor)
      await storage.setCursor('other', { blockNumber: 0n, logIndex: 0 })
      expect(await storage.getCursor('coordinator')).toEqual(crashCursor)
      await storage.setCursor('coordinator', { blockNumber: 5n, logIndex: 1 })
      expect(await storage.getCursor('coordinator')).toEqual({ blockNumber: 5n, logIndex: 1 })
      expect(await storage.getCursor('other')).toEqual({ blockNumber: 0n, logIndex: 0 })
    })

    it('default: markProcessed is true once per (txHash, logIndex)', async ({ storage }) => {
      expect(await storage.isProcessed(crashEvent)).toBe(false)
      expect(await storage.markProcessed(crashEvent)).toBe(true)
      expect(await storage.markProcessed(crashEvent)).toBe(false)
      expect(await storage.isProcessed(crashEvent)).toBe(true)
      expect(await storage.isProcessed({ ...crashEvent, logIndex: 4 })).toBe(false)
      expect(await storage.markProcessed({ ...crashEvent, logIndex: 4 })).toBe(true)
    })
  })

  describe('transaction', () => {
    it('default: commits every effect together and returns what fn returns', async ({ storage }) => {
      const v = await setUpStagedRound(storage)
      let created: string | undefined
      const result = await storage.transaction(async (tx) => {
        await tx.promote(crashView, crashRound)
        await tx.setViewState(crashView, { version: 1 })
        await tx.setCursor('coordinator', crashCursor)
        await tx.markProcessed(crashEvent)
        created = (await tx.putRecord('Patient/p2', { ...patientV1, id: 'p2' }, { expectedVersion: null })).version
        // Reads inside see the transaction's own writes.
        expect(await tx.getRecord('Patient/p1')).toMatchObject({ data: patientV2 })
        expect((await tx.getRecord('Patient/p1'))?.version).not.toBe(v.patient)
        expect(await tx.listStaged()).toEqual([])
        return 'done'
      })
      expect(result).toBe('done')
      expect((await storage.getRecord('Patient/p1'))?.version).not.toBe(v.patient)
      expect(await snapshot(storage)).toMatchObject({
        patient: { data: patientV2 },
        staged: [],
        views: [crashView],
        cursor: crashCursor,
        processed: true,
      })
      const p2 = await storage.getRecord('Patient/p2')
      expect(p2).toMatchObject({ data: { ...patientV1, id: 'p2' } })
      // A backend that sends its writes at commit learns the final versions only then.
      if (harness.capabilities?.finalVersionsInTransaction !== false) expect(p2?.version).toBe(created)
    })

    it('behavior: when fn throws, nothing is applied and the same error comes back', async ({ storage }) => {
      await setUpStagedRound(storage)
      const before = await snapshot(storage)
      const failure = new Error('handler failed')
      const error = await storage
        .transaction(async (tx) => {
          await tx.promote(crashView, crashRound)
          await tx.setViewState(crashView, { version: 1 })
          await tx.setCursor('coordinator', crashCursor)
          await tx.markProcessed(crashEvent)
          await tx.stage(view, 1n, { writes: [], meta: null })
          await tx.discard(view, 2n)
          throw failure
        })
        .catch((e: unknown) => e)
      expect(error).toBe(failure)
      expect(await snapshot(storage)).toEqual(before)
      // The rolled-back promote and discard left no tombstone.
      expect(await storage.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: true })
      expect(await storage.stage(view, 2n, { writes: [], meta: null })).toEqual({ changed: true })
    })

    it('behavior: a failed operation inside fn has no effect and the transaction goes on', async ({ storage }) => {
      const v = await setUpStagedRound(storage)
      await storage.putRecord('Condition/c1', conditionNew, { expectedVersion: null })
      await storage.transaction(async (tx) => {
        await expectStorageError(tx.promote(crashView, crashRound), 'VersionConflict')
        await expectStorageError(tx.putRecord('Patient/p1', patientV2, { expectedVersion: 'stale' }), 'VersionConflict')
        await expectStorageError(tx.setViewState(view, Number.NaN), 'InvalidValue')
        await tx.setCursor('coordinator', crashCursor)
        await tx.discard(crashView, crashRound)
      })
      expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: v.patient, data: patientV1 })
      expect(await storage.getRecord('Observation/o1')).toMatchObject({ version: v.observation, data: observationV1 })
      expect(await storage.getCursor('coordinator')).toEqual(crashCursor)
      expect(await storage.listStaged()).toEqual([])
      expect(await storage.discard(crashView, crashRound)).toEqual({ outcome: 'discarded', changed: false })
    })

    it('behavior: calls started concurrently on one tx all apply', async ({ storage }) => {
      const v = await seed(storage)
      await storage.transaction(async (tx) => {
        await Promise.all([
          tx.stage(view, 1n, { writes: [{ recordId: 'Patient/p1', baseVersion: v.patient, data: patientV2 }], meta: 1 }),
          tx.stage(view, 2n, { writes: [], meta: 2 }),
          tx.setCursor('c', { blockNumber: 1n, logIndex: 0 }),
          tx.promote(view, 3n).catch((e: unknown) => e),
          tx.markProcessed(crashEvent),
        ])
      })
      expect((await storage.getStaged(view)).map((s) => s.round)).toEqual([1n, 2n])
      expect(await storage.isProcessed(crashEvent)).toBe(true)
    })

    it('behavior: concurrent read-modify-write transactions never lose an update', async ({ storage }) => {
      const counter = anyId('counter')
      await storage.putRecord(counter, anyRecord('counter', { n: 0 }), { expectedVersion: null })
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () =>
          storage.transaction(async (tx) => {
            const current = (await tx.getRecord(counter))!
            await tx.putRecord(counter, anyRecord('counter', { n: (valueOf(current.data) as { n: number }).n + 1 }), { expectedVersion: current.version })
          }),
        ),
      )
      const applied = results.filter((r) => r.status === 'fulfilled').length
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'VersionConflict' })
      expect(applied).toBeGreaterThan(0)
      expect(valueOf((await storage.getRecord(counter))?.data)).toEqual({ n: applied })
    })

    it('error: calling the adapter inside its own transaction is TransactionMisuse', async ({ storage }) => {
      await storage.transaction(async (tx) => {
        await expectStorageError(storage.getRecord('Patient/p1'), 'TransactionMisuse')
        await expectStorageError(storage.transaction(async () => undefined), 'TransactionMisuse')
        await tx.setCursor('c', { blockNumber: 1n, logIndex: 0 })
      })
      expect(await storage.getCursor('c')).toEqual({ blockNumber: 1n, logIndex: 0 })
    })

    it('error: a tx used after its transaction ended is TransactionMisuse', async ({ storage }) => {
      let leaked: StorageOperations | undefined
      await storage.transaction(async (tx) => {
        leaked = tx
      })
      await expectStorageError(leaked!.putRecord('Patient/p1', patientV1, { expectedVersion: null }), 'TransactionMisuse')
      expect(await storage.getRecord('Patient/p1')).toBeUndefined()
    })
  })

  describe('close', () => {
    it('default: every call after close() is Closed; close() is idempotent', async ({ storage }) => {
      await storage.putRecord('Patient/p1', patientV1, { expectedVersion: null })
      await storage.close()
      await storage.close()
      await expectStorageError(storage.getRecord('Patient/p1'), 'Closed')
      await expectStorageError(storage.transaction(async () => undefined), 'Closed')
      await expectStorageError(storage.listStaged(), 'Closed')
    })
  })

  describe('reopen (a restarted peer)', () => {
    it('behavior: a staged round is still there whole after an abandoned adapter, and can be promoted', async (fixture) => {
      const { writes: crashWrites, ...v } = await setUpStagedRound(fixture.storage)
      // No close(): the first adapter is abandoned as a crashed process would leave it.
      const reopened = await fixture.reopen()
      expect(await reopened.listStaged()).toEqual([{ viewId: crashView, round: crashRound, writes: crashWrites, meta: crashMeta }])
      expect(await reopened.getRecord('Patient/p1')).toMatchObject({ version: v.patient, data: patientV1 })
      expect(await reopened.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: true })
      expect(await reopened.getRecord('Condition/c1')).toMatchObject({ version: anyVersion, data: conditionNew })
      await reopened.close()
    })

    it('behavior: after close() and reopen, a staged round can be discarded', async (fixture) => {
      const { writes: crashWrites, ...v } = await setUpStagedRound(fixture.storage)
      await fixture.storage.close()
      const reopened = await fixture.reopen()
      expect(await reopened.getStaged(crashView, crashRound)).toMatchObject({ writes: crashWrites, meta: crashMeta })
      expect(await reopened.discard(crashView, crashRound)).toEqual({ outcome: 'discarded', changed: true })
      expect(await reopened.getRecord('Patient/p1')).toMatchObject({ version: v.patient })
      await reopened.close()
    })

    it('behavior: promotions, tombstones, view state, cursors and processed events persist; a failed transaction left nothing', async (fixture) => {
      await setUpStagedRound(fixture.storage)
      await promoteInTransaction(fixture.storage)
      await fixture.storage.stage(view, 1n, { writes: [], meta: { note: 'pending' } })
      await fixture.storage
        .transaction(async (tx) => {
          await tx.promote(view, 1n)
          throw new Error('crash-like failure')
        })
        .catch(() => undefined)
      await fixture.storage.close()
      const reopened = await fixture.reopen()
      expect(await snapshot(reopened)).toEqual({
        patient: { id: 'Patient/p1', version: anyVersion, data: patientV2 },
        observation: { id: 'Observation/o1', version: anyVersion, data: observationV2 },
        condition: { id: 'Condition/c1', version: anyVersion, data: conditionNew },
        staged: [{ viewId: view, round: 1n, writes: [], meta: { note: 'pending' } }],
        views: [crashView],
        cursor: crashCursor,
        processed: true,
      })
      expect(await reopened.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: false })
      await reopened.close()
    })
  })

  describe('crash (process killed with SIGKILL)', () => {
    if (typeof harness.crash === 'string') {
      test.skip(`skipped: ${harness.crash}`, () => undefined)
      return
    }
    const crash = harness.crash
    const killed = async (scenario: CrashScenario, marker: string, check: (storage: StorageAdapter) => Promise<void>) => {
      const fixture = await crash.open()
      try {
        const { signal, stdout, stderr } = await runChild(fixture.target, scenario)
        expect({ signal, stdout, stderr }).toMatchObject({ signal: 'SIGKILL', stdout: `reached:${marker}\n` })
        const storage = await fixture.open()
        try {
          await check(storage)
        } finally {
          await storage.close()
        }
      } finally {
        await fixture.dispose()
      }
    }

    test('behavior: killed right after stage: the round is there whole and can be promoted', () =>
      killed('afterStage', 'staged', async (storage) => {
        const v = await readSeededVersions(storage)
        expect(await storage.listStaged()).toEqual([{ viewId: crashView, round: crashRound, writes: crashWritesOn(v), meta: crashMeta }])
        expect(await storage.getRecord('Patient/p1')).toMatchObject({ version: v.patient, data: patientV1 })
        expect(await storage.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: true })
        expect(await storage.getRecord('Observation/o1')).toMatchObject({ data: observationV2 })
        expect((await storage.getRecord('Observation/o1'))?.version).not.toBe(v.observation)
      }))

    test('behavior: killed inside the promoting transaction: nothing of it applied, the round can be promoted again', () =>
      killed('insidePromoteTransaction', 'insideTransaction', async (storage) => {
        const v = await readSeededVersions(storage)
        expect(await snapshot(storage)).toEqual({
          patient: { id: 'Patient/p1', version: v.patient, data: patientV1 },
          observation: { id: 'Observation/o1', version: v.observation, data: observationV1 },
          condition: undefined,
          staged: [{ viewId: crashView, round: crashRound, writes: crashWritesOn(v), meta: crashMeta }],
          views: [],
          cursor: undefined,
          processed: false,
        })
        await promoteInTransaction(storage)
        expect(await storage.getRecord('Condition/c1')).toMatchObject({ data: conditionNew })
      }))

    test('behavior: killed right after the promoting transaction: all of it applied; promote again is a no-op', () =>
      killed('afterPromoteTransaction', 'promoted', async (storage) => {
        expect(await snapshot(storage)).toMatchObject({
          patient: { data: patientV2 },
          observation: { data: observationV2 },
          condition: { data: conditionNew },
          staged: [],
          views: [crashView],
          cursor: crashCursor,
          processed: true,
        })
        expect(await storage.promote(crashView, crashRound)).toEqual({ outcome: 'promoted', changed: false })
      }))
  })
}
