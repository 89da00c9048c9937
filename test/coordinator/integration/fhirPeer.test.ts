import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { historyToFhir } from 'lensync'
import { settle } from 'lensync/coordinator'
import { fhirStorage } from 'lensync/storage/fhir'
import { memoryStorage } from 'lensync/storage/memory'
import { type Bundle, clinicalLens, observation, patientRecord, researchLens } from '../../_helpers/fixtures.js'
import { startFhirServer, type FhirTestServer } from '../../_helpers/fhirServer.js'
import { startWorld, type World } from './_harness.js'
import { castOn } from './_shareAndJoin.js'

// Three peers on a real anvil with the real contract and the in-process transport; the patient's
// record lives in a real FHIR server (Medplum's router over node:http), the doctor and researcher
// keep their views in memory storage.

const recordId = 'Patient/p1/$everything'
let world: World
let server: FhirTestServer
beforeAll(async () => {
  ;[world, server] = await Promise.all([startWorld(), startFhirServer()])
})
afterAll(async () => {
  await Promise.all([world?.stop(), server?.stop()])
})

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/${path}`, { method, headers: { 'content-type': 'application/fhir+json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> }
}

/** A clinician's edit made directly in the FHIR server (the EHR's own UI), with its author. */
async function outsideEdit(path: string, change: (resource: Record<string, any>) => Record<string, any>) {
  const current = (await http('GET', path)).body
  const next = change(structuredClone(current))
  next.meta = { ...next.meta, author: { reference: 'Practitioner/pr1', display: 'Dr. Outside' } }
  const written = await http('PUT', path, next, { 'if-match': `W/"${current.meta.versionId}"` })
  expect(written.status).toBe(200)
  return written.body
}

async function castOnFhir(options: { fetch?: typeof globalThis.fetch } = {}) {
  server.repo.clear()
  const storage = fhirStorage({ baseUrl: server.baseUrl, side: memoryStorage(), retries: 1, retryDelayMs: 10, discoverEveryMs: 0, fetch: options.fetch })
  const { patient, doctor, researcher, clinical, research, all } = await castOn(world, storage, recordId)
  const expectConsistent = async () => {
    const record = (await patient.peer.record(recordId)) as unknown as Bundle
    expect(await doctor.peer.view(clinical)).toEqual(clinicalLens.get(record))
    expect(await patient.peer.view(clinical)).toEqual(clinicalLens.get(record))
    expect(await researcher.peer.view(research)).toEqual(researchLens.get(record))
    for (const peer of all) expect(await peer.storage.listStaged()).toEqual([])
    return record
  }
  return { storage, patient, doctor, researcher, clinical, research, all, expectConsistent }
}

describe('three peers, the patient on a FHIR server (integration)', () => {
  test('default: the record is the FHIR Patient and its compartment; both views are shared and joined from it', async () => {
    const c = await castOnFhir()
    const record = await c.expectConsistent()
    expect(record).toEqual(patientRecord())
    expect((await http('GET', 'Observation/o1')).body.status).toBe('final')
  })

  test('behavior: a doctor edit becomes a round; when it completes the new Observation is a resource in the FHIR server and the researcher has it', async () => {
    const c = await castOnFhir()
    await c.doctor.peer.update(c.clinical, (view) => {
      const v = view as unknown as Bundle
      return { ...v, entry: [...v.entry, observation('o2', 131)] } as never
    })
    await settle(c.all)
    await c.expectConsistent()
    const o2 = await http('GET', 'Observation/o2')
    expect(o2.status).toBe(200)
    expect(o2.body.valueQuantity.value).toBe(131)
    expect(o2.body.meta.source).toMatch(/^urn:lensync:round:0x[0-9a-f]{64}:1$/)
    expect(((await c.researcher.peer.view(c.research)) as unknown as Bundle).entry.map((e) => e.resource.id)).toContain('o2')
  })

  test('behavior: the view history as FHIR AuditEvents and Provenances, valid R4 and written to the FHIR server', async () => {
    const c = await castOnFhir()
    await c.doctor.peer.update(c.clinical, (view) => {
      const v = view as unknown as Bundle
      return { ...v, entry: [...v.entry, observation('o4', 120)] } as never
    })
    await settle(c.all)
    const history = await c.patient.peer.history(c.clinical)
    const { auditEvents, provenances } = historyToFhir(history, { coordinator: world.coordinator, chainId: 31337, targets: ['Patient/p1'] })
    expect(auditEvents).toHaveLength(1)
    expect(provenances).toHaveLength(1)
    expect(auditEvents[0]).toMatchObject({ resourceType: 'AuditEvent', outcome: '0', agent: [{ who: { identifier: { value: c.doctor.account.address.toLowerCase() } }, requestor: true }, { requestor: false }] })
    expect(provenances[0]).toMatchObject({ resourceType: 'Provenance', target: [{ display: 'view version 1' }, { reference: 'Patient/p1' }] })
    server.validate = true
    try {
      for (const resource of [...auditEvents, ...provenances]) {
        const written = await http('PUT', `${resource.resourceType}/${resource.id as string}`, resource)
        expect(written.status).toBe(200)
      }
    } finally {
      server.validate = false
    }
  })

  test('behavior: the patient edits two resources of its record: one round per view, and only those two resources are written (PUT with If-Match)', async () => {
    const c = await castOnFhir()
    const record = (await c.patient.peer.record(recordId)) as unknown as Bundle
    const m = record.entry.findIndex((e) => e.resource.id === 'm1')
    const o = record.entry.findIndex((e) => e.resource.id === 'o1')
    const before = server.requests.length
    await c.patient.peer.updateRecord(recordId, [
      { op: 'replace', path: `/entry/${m}/resource/dosageInstruction/0/doseAndRate/0/doseQuantity/value`, value: 1000 },
      { op: 'replace', path: `/entry/${o}/resource/valueQuantity/value`, value: 6.9 },
    ])
    await settle(c.all)
    await c.expectConsistent()
    expect(server.requests.slice(before).filter((r) => !r.startsWith('GET')).sort()).toEqual(['PUT /MedicationRequest/m1', 'PUT /Observation/o1'])
    expect((await http('GET', 'MedicationRequest/m1')).body.dosageInstruction[0].doseAndRate[0].doseQuantity.value).toBe(1000)
  })

  test('behavior: an outside write (a clinician in the EHR, straight to the FHIR server) becomes a round on every affected view at the next sync', async () => {
    const c = await castOnFhir()
    await outsideEdit('Observation/o1', (o) => ({ ...o, valueQuantity: { ...o.valueQuantity, value: 7.4 } }))
    await settle(c.all)
    const record = await c.expectConsistent()
    expect(record.entry.find((e) => e.resource.id === 'o1')!.resource).toMatchObject({ valueQuantity: { value: 7.4 } })
    expect((((await c.researcher.peer.view(c.research)) as unknown as Bundle).entry.find((e) => e.resource.id === 'o1')!.resource as any).valueQuantity.value).toBe(7.4)
    expect(c.patient.peer.log.filter((e) => e.kind === 'propagated').map((e) => e.viewId).sort()).toEqual([c.clinical, c.research].sort())
    // The author of the outside write is recorded.
    expect(await c.storage.outsideWrites(recordId)).toEqual([{ ref: 'Observation/o1', versionId: expect.any(String), lastUpdated: expect.any(String), author: 'Practitioner/pr1' }])
  })

  test('behavior: a resource created outside lensync in the patient’s compartment joins the record and reaches the views', async () => {
    const c = await castOnFhir()
    const created = await http('PUT', 'Observation/o7', { resourceType: 'Observation', id: 'o7', status: 'final', code: { text: 'Heart rate' }, subject: { reference: 'Patient/p1' }, valueQuantity: { value: 64, unit: '/min' } })
    expect(created.status).toBe(200)
    await settle(c.all)
    const record = await c.expectConsistent()
    expect(record.entry.map((e) => e.resource.id)).toContain('o7')
    expect(((await c.doctor.peer.view(c.clinical)) as unknown as Bundle).entry.map((e) => e.resource.id)).toContain('o7')
  })

  test('behavior: a resource deleted outside lensync leaves the record, and a round removes it from the views that held it', async () => {
    const c = await castOnFhir()
    expect((await http('DELETE', 'Observation/o1')).status).toBe(200)
    await settle(c.all)
    const record = await c.expectConsistent()
    expect(record.entry.map((e) => e.resource.id)).not.toContain('o1')
    expect(((await c.doctor.peer.view(c.clinical)) as unknown as Bundle).entry.map((e) => e.resource.id)).not.toContain('o1')
    expect(((await c.researcher.peer.view(c.research)) as unknown as Bundle).entry.map((e) => e.resource.id)).not.toContain('o1')
    expect(await c.storage.outsideWrites(recordId)).toMatchObject([{ ref: 'Observation/o1', deleted: true }])
  })

  test('behavior: a resource deleted outside lensync while a round editing it is in flight: the promotion meets FhirServerError Deleted, and the deletion wins on every view', async () => {
    let deleteBeforePut = false
    const racing: typeof fetch = async (input, init) => {
      if (deleteBeforePut && init?.method === 'PUT' && String(input).endsWith('/Observation/o1')) {
        deleteBeforePut = false
        expect((await http('DELETE', 'Observation/o1')).status).toBe(200)
      }
      return fetch(input, init)
    }
    const c = await castOnFhir({ fetch: racing })
    await c.doctor.peer.update(c.clinical, (view) => {
      const v = view as unknown as Bundle
      const o = v.entry.findIndex((e) => e.resource.id === 'o1')
      const entry = structuredClone(v.entry)
      ;(entry[o]!.resource as any).valueQuantity.value = 6.1
      return { ...v, entry } as never
    })
    deleteBeforePut = true
    await settle(c.all)
    expect(deleteBeforePut).toBe(false)
    const record = await c.expectConsistent()
    expect(record.entry.map((e) => e.resource.id)).not.toContain('o1')
    expect((await http('GET', 'Observation/o1')).status).toBe(404)
    expect(((await c.doctor.peer.view(c.clinical)) as unknown as Bundle).entry.map((e) => e.resource.id)).not.toContain('o1')
    expect(((await c.researcher.peer.view(c.research)) as unknown as Bundle).entry.map((e) => e.resource.id)).not.toContain('o1')
    // The round's promotion met the deletion, the record rejoined the round's verified view without
    // re-creating the Observation, and a round on each view carried the deletion.
    const log = c.patient.peer.log
    expect(log.find((e) => e.kind === 'failed' && e.viewId === c.clinical && e.round === 1n)?.message).toMatch(/^VersionConflict/)
    expect(log.some((e) => e.kind === 'rejoined' && e.viewId === c.clinical && e.round === 1n)).toBe(true)
    expect(log.filter((e) => e.kind === 'propagated').map((e) => e.viewId).sort()).toEqual([c.clinical, c.research].sort())
    expect(await c.storage.outsideWrites(recordId)).toMatchObject([{ ref: 'Observation/o1', deleted: true }])
  })

  test('behavior: outside edits right after a round (one of the resource the round wrote, copying its meta) become their own rounds; their author is recorded', async () => {
    const c = await castOnFhir()
    await c.doctor.peer.update(c.clinical, (view) => {
      const v = view as unknown as Bundle
      const o = v.entry.findIndex((e) => e.resource.id === 'o1')
      const entry = structuredClone(v.entry)
      ;(entry[o]!.resource as any).valueQuantity.value = 6.1
      return { ...v, entry: [...entry, observation('o3', 99)] } as never
    })
    await c.patient.peer.sync() // the patient stages the round and acks: it completes, and the patient promotes it
    // The clinician edits another field of the Observation the round wrote, and another resource.
    await outsideEdit('Observation/o1', (o) => ({ ...o, status: 'amended' }))
    await outsideEdit('Condition/c1', (r) => ({ ...r, clinicalStatus: { text: 'resolved' } }))
    await settle(c.all)
    const record = await c.expectConsistent()
    expect(record.entry.map((e) => e.resource.id)).toContain('o3')
    expect(record.entry.find((e) => e.resource.id === 'o1')!.resource).toMatchObject({ status: 'amended', valueQuantity: { value: 6.1 } })
    expect(record.entry.find((e) => e.resource.id === 'c1')!.resource).toMatchObject({ clinicalStatus: { text: 'resolved' } })
    expect(c.patient.peer.log.map((e) => e.kind)).toContain('propagated')
    // Both outside writes are recorded with their author (the Observation's copied the round's meta.source).
    expect((await c.storage.outsideWrites(recordId)).map((w) => [w.ref, w.author]).sort()).toEqual([
      ['Condition/c1', 'Practitioner/pr1'],
      ['Observation/o1', 'Practitioner/pr1'],
    ])
  })
})
