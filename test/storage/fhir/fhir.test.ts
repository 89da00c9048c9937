import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { fhirStorage, FhirServerError } from 'lensync/storage/fhir'
import { memoryStorage } from 'lensync/storage/memory'
import { StorageError } from 'lensync/storage/errors'
import type { StorageAdapter, StorageOperations } from 'lensync/storage/StorageAdapter'
import { shouldBehaveLikeStorageAdapter } from 'lensync/testing'
import { startFhirServer, type FhirTestServer } from '../../_helpers/fhirServer.js'
import { expectLensyncErrorAsync } from '../../_helpers/expectError.js'
import { patientRecord, type Bundle } from '../../_helpers/fixtures.js'

let server: FhirTestServer
beforeAll(async () => {
  server = await startFhirServer()
})
afterAll(async () => {
  await server?.stop()
})

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/${path}`, {
    method,
    headers: { 'content-type': method === 'PATCH' ? 'application/json-patch+json' : 'application/fhir+json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, etag: response.headers.get('etag'), body: (text ? JSON.parse(text) : undefined) as Record<string, any> }
}

describe('the FHIR server behaviours fhirStorage relies on', () => {
  test('behavior: PUT with a stale If-Match is 412 and writes nothing; with the current one it writes a new versionId', async () => {
    server.repo.clear()
    const v1 = await http('PUT', 'Patient/b1', { resourceType: 'Patient', id: 'b1', gender: 'male' })
    expect(v1.status).toBe(200)
    expect(v1.etag).toBe(`W/"${v1.body.meta.versionId}"`)
    const v2 = await http('PUT', 'Patient/b1', { resourceType: 'Patient', id: 'b1', gender: 'female' }, { 'if-match': `W/"${v1.body.meta.versionId}"` })
    expect(v2.status).toBe(200)
    expect(v2.body.meta.versionId).not.toBe(v1.body.meta.versionId)
    const stale = await http('PUT', 'Patient/b1', { resourceType: 'Patient', id: 'b1', gender: 'other' }, { 'if-match': `W/"${v1.body.meta.versionId}"` })
    expect(stale.status).toBe(412)
    expect(stale.body.resourceType).toBe('OperationOutcome')
    expect((await http('GET', 'Patient/b1')).body.gender).toBe('female')
  })

  test('behavior: conditional create (POST If-None-Exist: _id=…) creates once with the client id, then answers 200 with the existing resource', async () => {
    server.repo.clear()
    const created = await http('POST', 'Patient', { resourceType: 'Patient', id: 'b2', gender: 'male' }, { 'if-none-exist': '_id=b2' })
    expect(created.status).toBe(201)
    expect(created.body.id).toBe('b2')
    const again = await http('POST', 'Patient', { resourceType: 'Patient', id: 'b2', gender: 'female' }, { 'if-none-exist': '_id=b2' })
    expect(again.status).toBe(200)
    expect(again.body.gender).toBe('male')
  })

  test('behavior: PATCH applies a JSON Patch; it ignores If-Match, but a test op on /meta/versionId guards it (not relied on: writes use PUT)', async () => {
    server.repo.clear()
    const v1 = await http('PUT', 'Patient/b3', { resourceType: 'Patient', id: 'b3', gender: 'male' })
    const patched = await http('PATCH', 'Patient/b3', [{ op: 'replace', path: '/gender', value: 'female' }])
    expect(patched.status).toBe(200)
    expect(patched.body.gender).toBe('female')
    const ignored = await http('PATCH', 'Patient/b3', [{ op: 'replace', path: '/gender', value: 'other' }], { 'if-match': `W/"${v1.body.meta.versionId}"` })
    expect(ignored.status).toBe(200)
    const guarded = await http('PATCH', 'Patient/b3', [
      { op: 'test', path: '/meta/versionId', value: v1.body.meta.versionId },
      { op: 'replace', path: '/gender', value: 'unknown' },
    ])
    expect(guarded.status).toBe(400)
    expect((await http('GET', 'Patient/b3')).body.gender).toBe('other')
  })

  test('behavior: _history keeps every version, newest first', async () => {
    server.repo.clear()
    const v1 = await http('PUT', 'Observation/b4', { resourceType: 'Observation', id: 'b4', status: 'preliminary', code: { text: 'x' } })
    const v2 = await http('PUT', 'Observation/b4', { resourceType: 'Observation', id: 'b4', status: 'final', code: { text: 'x' } }, { 'if-match': `W/"${v1.body.meta.versionId}"` })
    const history = await http('GET', 'Observation/b4/_history')
    expect(history.body.type).toBe('history')
    expect(history.body.entry.map((e: any) => [e.resource.meta.versionId, e.resource.status])).toEqual([
      [v2.body.meta.versionId, 'final'],
      [v1.body.meta.versionId, 'preliminary'],
    ])
  })

  test('behavior: a deleted resource reads 404; search by _id finds several resources at once', async () => {
    server.repo.clear()
    await http('PUT', 'Condition/b5', { resourceType: 'Condition', id: 'b5', code: { text: 'x' } })
    await http('PUT', 'Condition/b6', { resourceType: 'Condition', id: 'b6', code: { text: 'y' } })
    const found = await http('GET', 'Condition?_id=b5,b6')
    expect(found.body.entry.map((e: any) => e.resource.id).sort()).toEqual(['b5', 'b6'])
    expect((await http('DELETE', 'Condition/b5')).status).toBe(200)
    expect((await http('GET', 'Condition/b5')).status).toBe(404)
  })

  test('behavior: a transaction Bundle is NOT atomic on this server: entries before a failing If-Match stay written (why fhirStorage writes per resource)', async () => {
    server.repo.clear()
    await http('PUT', 'Patient/b7', { resourceType: 'Patient', id: 'b7' })
    const result = await http('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Observation', id: 'b8', status: 'final', code: { text: 'z' } }, request: { method: 'PUT', url: 'Observation/b8' } },
        { resource: { resourceType: 'Patient', id: 'b7', gender: 'male' }, request: { method: 'PUT', url: 'Patient/b7', ifMatch: 'W/"stale"' } },
      ],
    })
    expect(result.status).toBe(412)
    expect((await http('GET', 'Observation/b8')).status).toBe(200)
  })
})

describe('fhirStorage', () => {
  shouldBehaveLikeStorageAdapter({
    capabilities: { records: 'fhir', finalVersionsInTransaction: false },
    async open() {
      server.repo.clear()
      const side = memoryStorage()
      const storage = fhirStorage({ baseUrl: server.baseUrl, side, retries: 0 })
      return {
        storage,
        reopen: async () => fhirStorage({ baseUrl: server.baseUrl, side: memoryStorage({ store: side.store }), retries: 0 }),
        dispose: async () => undefined,
      }
    },
    crash: 'the SIGKILL scenarios open pglite or postgres in a child process; fhirStorage’s crash safety is tested below (a promotion replayed after its FHIR writes)',
  })
})

describe('fhirStorage specifics', () => {
  const record = 'Patient/p1/$everything'
  const open = (options: { retries?: number } = {}) => fhirStorage({ baseUrl: server.baseUrl, side: memoryStorage(), retries: options.retries ?? 0, retryDelayMs: 10 })
  const view = '0x' + 'ab'.repeat(32)

  test('default: a compartment record reads back exactly as written (Bundle fields, entry order, fullUrls)', async () => {
    server.repo.clear()
    const storage = open()
    const bundle = patientRecord()
    const created = await storage.putRecord(record, bundle, { expectedVersion: null })
    expect(created.data).toEqual(bundle)
    expect(await storage.getRecord(record)).toEqual({ id: record, version: created.version, data: bundle })
    // One resource per entry on the server, each its own FHIR resource.
    for (const entry of bundle.entry) expect((await http('GET', `${entry.resource.resourceType}/${entry.resource.id}`)).status).toBe(200)
  })

  test('behavior: a patch on /entry/N/resource/... writes only that resource, with If-Match on its versionId', async () => {
    server.repo.clear()
    const storage = open()
    const bundle = patientRecord()
    const { version } = await storage.putRecord(record, bundle, { expectedVersion: null })
    const m = bundle.entry.findIndex((e) => e.resource.id === 'm1')
    const next = structuredClone(bundle) as Bundle
    ;(next.entry[m]!.resource as any).dosageInstruction[0].text = 'twice a day'
    const before = server.requests.length
    const updated = await storage.putRecord(record, next, { expectedVersion: version })
    const writes = server.requests.slice(before).filter((r) => !r.startsWith('GET'))
    expect(writes).toEqual(['PUT /MedicationRequest/m1'])
    expect(updated.version).not.toBe(version)
    expect(updated.data).toEqual(next)
  })

  test('behavior: an entry removed from the Bundle is deleted on the server; a new one is created', async () => {
    server.repo.clear()
    const storage = open()
    const bundle = patientRecord()
    const { version } = await storage.putRecord(record, bundle, { expectedVersion: null })
    const next = { ...bundle, entry: [...bundle.entry.filter((e) => e.resource.id !== 'a1'), { fullUrl: 'urn:uuid:o9', resource: { resourceType: 'Observation', id: 'o9', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } } }] }
    await storage.putRecord(record, next, { expectedVersion: version })
    expect((await http('GET', 'AllergyIntolerance/a1')).status).toBe(404)
    expect((await http('GET', 'Observation/o9')).status).toBe(200)
    expect((await storage.getRecord(record))?.data).toEqual(next)
  })

  test('behavior: a write made directly in the FHIR server changes the record version; a stale putRecord is a VersionConflict', async () => {
    server.repo.clear()
    const storage = open()
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const o1 = (await http('GET', 'Observation/o1')).body
    await http('PUT', 'Observation/o1', { ...o1, status: 'amended' }, { 'if-match': `W/"${o1.meta.versionId}"` })
    const now = await storage.getRecord(record)
    expect(now?.version).not.toBe(version)
    expect((now?.data as unknown as Bundle).entry.find((e) => e.resource.id === 'o1')?.resource.status).toBe('amended')
    await expectLensyncErrorAsync(storage.putRecord(record, patientRecord(), { expectedVersion: version }), StorageError, { code: 'VersionConflict' })
  })

  test('behavior: a promotion replayed after its FHIR writes (the side store never committed) completes without writing again', async () => {
    server.repo.clear()
    const inner = memoryStorage()
    let crash = false
    // A side store whose commit fails once, after the FHIR writes: what a crash at that point leaves.
    const side: StorageAdapter = Object.assign(Object.create(null), inner, {
      transaction: <result>(fn: (tx: StorageOperations) => Promise<result>) =>
        inner.transaction(async (tx) => {
          const result = await fn(tx)
          if (crash) throw new Error('crash before the side store committed')
          return result
        }),
    })
    const storage = fhirStorage({ baseUrl: server.baseUrl, side, retries: 0 })
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    ;(next.entry.find((e) => e.resource.id === 'o1')!.resource as any).status = 'amended'
    await storage.stage(view, 1n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: { note: 'round 1' } })
    crash = true
    await expect(storage.promote(view, 1n)).rejects.toThrow('crash before the side store committed')
    crash = false
    expect((await http('GET', 'Observation/o1')).body).toMatchObject({ status: 'amended', meta: { source: `urn:lensync:round:${view}:1` } })
    expect(await storage.listStaged()).toHaveLength(1)
    const before = server.requests.length
    expect(await storage.promote(view, 1n)).toEqual({ outcome: 'promoted', changed: true })
    expect(server.requests.slice(before).filter((r) => !r.startsWith('GET'))).toEqual([])
    expect((await storage.getRecord(record))?.data).toEqual(next)
    expect(await storage.promote(view, 1n)).toEqual({ outcome: 'promoted', changed: false })
  })

  test('error: an outside write of the very content a staged round writes is still a VersionConflict (the round mark tells them apart)', async () => {
    server.repo.clear()
    const storage = open()
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    ;(next.entry.find((e) => e.resource.id === 'o1')!.resource as any).status = 'amended'
    await storage.stage(view, 1n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: null })
    const o1 = (await http('GET', 'Observation/o1')).body
    await http('PUT', 'Observation/o1', { ...o1, status: 'amended' }, { 'if-match': `W/"${o1.meta.versionId}"` })
    await expectLensyncErrorAsync(storage.promote(view, 1n), StorageError, { code: 'VersionConflict', context: { recordId: record, viewId: view, round: 1n } })
    expect(await storage.listStaged()).toHaveLength(1)
  })

  test('behavior: a promotion rebases onto a newer version written outside when the changes touch other fields; the same field is a VersionConflict', async () => {
    server.repo.clear()
    const storage = open()
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    const o1 = next.entry.find((e) => e.resource.id === 'o1')!.resource as any
    o1.valueQuantity.value = 6.1
    await storage.stage(view, 1n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: null })
    await storage.stage(view, 2n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: null })
    const current = (await http('GET', 'Observation/o1')).body
    await http('PUT', 'Observation/o1', { ...current, status: 'amended' }, { 'if-match': `W/"${current.meta.versionId}"` })
    expect(await storage.promote(view, 1n)).toEqual({ outcome: 'promoted', changed: true })
    expect((await http('GET', 'Observation/o1')).body).toMatchObject({ status: 'amended', valueQuantity: { value: 6.1 } })
    // Round 2 changes the same value from the same base: both sides changed /valueQuantity/value.
    const again = (await http('GET', 'Observation/o1')).body
    await http('PUT', 'Observation/o1', { ...again, valueQuantity: { ...again.valueQuantity, value: 5 } }, { 'if-match': `W/"${again.meta.versionId}"` })
    await expectLensyncErrorAsync(storage.promote(view, 2n), StorageError, { code: 'VersionConflict', context: { recordId: record, round: 2n } })
  })

  test('error: a round writing a resource deleted outside lensync is a VersionConflict caused by a FhirServerError Deleted; the record no longer holds the entry', async () => {
    server.repo.clear()
    const storage = open()
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    const o = next.entry.findIndex((e) => e.resource.id === 'o1')
    ;(next.entry[o]!.resource as any).status = 'amended'
    await storage.stage(view, 1n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: null })
    await http('DELETE', 'Observation/o1')
    const error = await expectLensyncErrorAsync(storage.promote(view, 1n), StorageError, { code: 'VersionConflict' })
    expect(error.cause).toBeInstanceOf(FhirServerError)
    expect(error.cause).toMatchObject({ name: 'FhirServerError', code: 'Deleted', status: 410, pointer: `/writes/0/data/entry/${o}/resource` })
    expect(await storage.listStaged()).toHaveLength(1)
    // The deletion is a change of the record: a new version, without the entry, reported as an outside write.
    const now = await storage.getRecord(record)
    expect(now?.version).not.toBe(version)
    expect((now?.data as unknown as Bundle).entry.map((e) => e.resource.id)).not.toContain('o1')
    expect(await storage.outsideWrites(record)).toMatchObject([{ ref: 'Observation/o1', deleted: true }])
    // Nothing wrote the round's Observation back.
    expect((await http('GET', 'Observation/o1')).status).toBe(404)
  })

  test('error: a resource deleted between the promotion’s check and its PUT is a VersionConflict caused by a FhirServerError Deleted (with the 404/410 as its cause)', async () => {
    server.repo.clear()
    let deleteFirst = false
    const racing: typeof fetch = async (input, init) => {
      if (deleteFirst && init?.method === 'PUT' && String(input).endsWith('/Observation/o1')) {
        deleteFirst = false
        await http('DELETE', 'Observation/o1')
      }
      return fetch(input, init)
    }
    const storage = fhirStorage({ baseUrl: server.baseUrl, side: memoryStorage(), retries: 0, fetch: racing })
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    const o = next.entry.findIndex((e) => e.resource.id === 'o1')
    ;(next.entry[o]!.resource as any).status = 'amended'
    await storage.stage(view, 1n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: null })
    deleteFirst = true
    const error = await expectLensyncErrorAsync(storage.promote(view, 1n), StorageError, { code: 'VersionConflict' })
    expect(deleteFirst).toBe(false)
    expect(error.cause).toMatchObject({ name: 'FhirServerError', code: 'Deleted', pointer: `/writes/0/data/entry/${o}/resource` })
    expect((error.cause as FhirServerError).cause).toMatchObject({ name: 'FhirServerError', code: 'NotFound' })
    expect(await storage.listStaged()).toHaveLength(1)
    expect((await http('GET', 'Observation/o1')).status).not.toBe(200)
  })

  test('behavior: the deletion wins: a write still holding a resource deleted outside lensync does not re-create it (the record keeps the deletion); the next write can', async () => {
    server.repo.clear()
    const storage = open()
    await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    expect((await http('DELETE', 'Observation/o1')).status).toBe(200)
    const now = (await storage.getRecord(record))!
    // A write made from a view that still shows the Observation (a rejoined round), on the current version.
    const stale = structuredClone(patientRecord()) as Bundle
    ;(stale.entry.find((e) => e.resource.id === 'c1')!.resource as any).clinicalStatus = { text: 'resolved' }
    const written = await storage.putRecord(record, stale, { expectedVersion: now.version })
    expect((await http('GET', 'Observation/o1')).status).toBe(404)
    expect((written.data as unknown as Bundle).entry.map((e) => e.resource.id)).not.toContain('o1')
    expect((written.data as unknown as Bundle).entry.find((e) => e.resource.id === 'c1')!.resource).toMatchObject({ clinicalStatus: { text: 'resolved' } })
    expect((await storage.getRecord(record))?.data).toEqual(written.data)
    // Once a lensync write has seen the deletion, adding the resource again is a create like any other.
    const again = await storage.putRecord(record, stale, { expectedVersion: written.version })
    expect((await http('GET', 'Observation/o1')).status).toBe(200)
    expect((again.data as unknown as Bundle).entry.map((e) => e.resource.id)).toContain('o1')
  })

  test('error: the server down: bounded retries, then StorageError Driver with FhirServerError Unavailable; the staged round is kept and promotes once it is back', async () => {
    server.repo.clear()
    const storage = open({ retries: 2 })
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    ;(next.entry[0]!.resource as any).gender = 'other'
    await storage.stage(view, 1n, { writes: [{ recordId: record, baseVersion: version, data: next as never }], meta: null })
    server.pause()
    try {
      const error = await expectLensyncErrorAsync(storage.promote(view, 1n), StorageError, { code: 'Driver' })
      expect(error.cause).toBeInstanceOf(FhirServerError)
      expect(error.cause).toMatchObject({ code: 'Unavailable', status: 503, attempts: 3 })
    } finally {
      server.resume()
    }
    expect(await storage.listStaged()).toHaveLength(1)
    expect(await storage.promote(view, 1n)).toEqual({ outcome: 'promoted', changed: true })
    expect((await storage.getRecord(record))?.data).toEqual(next)
  })

  test('error: an OperationOutcome error body is surfaced in the error, with the pointer of the resource in the record', async () => {
    server.repo.clear()
    const storage = open()
    const { version } = await storage.putRecord(record, patientRecord(), { expectedVersion: null })
    const next = structuredClone(patientRecord()) as Bundle
    const o = next.entry.findIndex((e) => e.resource.id === 'o1')
    delete (next.entry[o]!.resource as any).status // Observation.status is required (1..1)
    server.validate = true
    try {
      const error = await expectLensyncErrorAsync(storage.putRecord(record, next as never, { expectedVersion: version }), StorageError, { code: 'Driver', pointer: `/entry/${o}/resource` })
      const cause = error.cause as FhirServerError
      expect(cause).toBeInstanceOf(FhirServerError)
      expect(cause).toMatchObject({ code: 'Rejected', status: 400, pointer: `/entry/${o}/resource`, outcome: { resourceType: 'OperationOutcome' } })
      expect(cause.message).toContain('OperationOutcome: error')
      expect(cause.message).toContain('Observation.status')
    } finally {
      server.validate = false
    }
  })

  test('error: record ids that name no FHIR resource or compartment are InvalidArgument', async () => {
    const storage = open()
    for (const id of ['counter', 'Patient', 'Patient/p1/_history', 'patient/p1'])
      await expectLensyncErrorAsync(storage.getRecord(id), StorageError, { code: 'InvalidArgument' })
  })
})
