/**
 * `examples/ehr/`: the EHR backend with the patient's peer on its FHIR server, the doctor's and the
 * researcher's peers on their own HTTP transports, on anvil. A clinician's PUT straight to the FHIR
 * API reaches both views.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Bundle } from 'lensync/lens'
import { clinicalView, researchView } from '../../examples/views.js'
import { a1c, type EhrScenario, RECORD_ID, startScenario } from '../../examples/ehr/main.js'

let s: EhrScenario
beforeAll(async () => {
  s = await startScenario()
})
afterAll(async () => {
  await s?.close()
})

describe('examples/ehr (integration)', () => {
  test('default: the EHR serves the chart from the FHIR server, and the other peers reach its transport on its /lensync route', async () => {
    const chart = (await (await fetch(`${s.ehr.url}/patients/p1`)).json()) as Bundle
    expect((chart.entry ?? []).map((e) => e.resource?.id).sort()).toEqual(['c1', 'o1', 'p1'])
    expect(a1c(await s.doctor.view(s.clinical))).toBe(7.2)
    expect((await fetch(`${s.ehr.url}/lensync/lensync/v1/info`)).status).toBe(200)
    expect((await fetch(`${s.ehr.url}/nothing`)).status).toBe(404)
  })

  test('behavior: a clinician’s edit made directly in the FHIR server reaches the doctor’s and the researcher’s views', async () => {
    await s.clinicianEdit('Observation/o1', (o) => ({ ...o, valueQuantity: { value: 6.8, unit: '%' } }))
    await s.settle()
    const record = (await s.ehr.peer.record(RECORD_ID)) as unknown as Bundle
    expect(a1c(record)).toBe(6.8)
    expect(await s.doctor.view(s.clinical)).toEqual(clinicalView.get(record))
    expect(await s.researcher.view(s.research)).toEqual(researchView.get(record))
    expect(a1c(await s.researcher.view(s.research))).toBe(6.8)
    // The researcher's view stays de-identified.
    expect(((await s.researcher.view(s.research)) as unknown as Bundle).entry?.find((e) => e.resource?.id === 'p1')?.resource).not.toHaveProperty('name')
    expect(await s.ehr.storage.outsideWrites(RECORD_ID)).toEqual([expect.objectContaining({ ref: 'Observation/o1', author: 'Practitioner/pr1' })])
    expect(s.ehr.peer.log.filter((e) => e.kind === 'propagated').map((e) => e.viewId).sort()).toEqual([s.clinical, s.research].sort())
  })
})
