/**
 * How fast a write made directly in the FHIR server (outside lensync) reaches the other peers' views,
 * with every peer running its background loop (`peer.start({ interval })`) and nothing else driving
 * it. Run: `node --import tsx bench/storage/fhirOutsideWrite.ts [--samples N]`.
 *
 * Per sample: a clinician's `PUT Observation/o1` (a new value) or `DELETE Observation/o9` (a
 * resource added for the sample) on the FHIR server, then the time until both the doctor's and the
 * researcher's views show it (checked every 5 ms). Detection is by polling: the patient's `sync()`
 * reads the record (one search per resource type) and sees it differ from the views it holds; the
 * round is then proposed, acked and promoted over the following syncs of the three peers. Medians and
 * maxima over N samples (default 10) per loop interval.
 *
 * The FHIR server is Medplum's router over its in-memory repository on loopback, the chain is anvil
 * (the integration harness, viem polling every 50 ms).
 *
 * Run by `npm run bench` (section `fhir`, with `fhirRound.ts` beside it).
 *
 * Last results (10 samples; 2-core machine shared with other jobs, load average ≈ 7.5, Node 20):
 *
 * | loop interval | write | median | max |
 * | ---: | --- | ---: | ---: |
 * | 1000 | outside PUT | 2146 | 4070 |
 * | 1000 | outside DELETE | 2088 | 3132 |
 * | 250 | outside PUT | 1077 | 1138 |
 * | 250 | outside DELETE | 823 | 1322 |
 */
import { fhirStorage } from '../../src/storage/fhir.js'
import { memoryStorage } from '../../src/storage/memory.js'
import { castOn } from '../../test/coordinator/integration/_shareAndJoin.js'
import { startFhirServer } from '../../test/_helpers/fhirServer.js'
import { type Bundle, observation } from '../../test/_helpers/fixtures.js'
import { startWorld } from '../../test/coordinator/integration/_harness.js'

const samplesArg = process.argv.indexOf('--samples')
const samples = samplesArg >= 0 ? Number(process.argv[samplesArg + 1]) : 10
const intervals = [1000, 250]
const recordId = 'Patient/p1/$everything'

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const server = await startFhirServer()
const world = await startWorld()

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/${path}`, { method, headers: { 'content-type': 'application/fhir+json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as Record<string, any>
}

async function measure(interval: number): Promise<{ put: number[]; del: number[] }> {
  server.repo.clear()
  const storage = fhirStorage({ baseUrl: server.baseUrl, side: memoryStorage(), discoverEveryMs: 60_000 })
  const { patient, doctor, researcher, clinical, research } = await castOn(world, storage, recordId)
  const errors: unknown[] = []
  for (const p of [patient, doctor, researcher]) p.peer.start({ interval, onError: (e) => errors.push(e) })
  const views = async () => [(await doctor.peer.view(clinical)) as unknown as Bundle, (await researcher.peer.view(research)) as unknown as Bundle]
  const until = async (seen: (view: Bundle) => boolean) => {
    const started = performance.now()
    for (;;) {
      if ((await views()).every(seen)) return performance.now() - started
      if (performance.now() - started > 60_000) throw new Error(`not propagated in 60 s (${errors.length} loop errors: ${String(errors[0])})`)
      await sleep(5)
    }
  }
  const put: number[] = []
  const del: number[] = []
  try {
    for (let i = 1; i <= samples; i++) {
      const value = 100 + i
      const o1 = await http('GET', 'Observation/o1')
      await http('PUT', 'Observation/o1', { ...o1, valueQuantity: { ...o1.valueQuantity, value } }, { 'if-match': `W/"${o1.meta.versionId}"` })
      put.push(await until((v) => (v.entry.find((e) => e.resource.id === 'o1')?.resource as any)?.valueQuantity?.value === value))
      // A resource to delete: added through lensync (so the views hold it), then deleted outside.
      await doctor.peer.update(clinical, (view) => {
        const v = view as unknown as Bundle
        return { ...v, entry: [...v.entry, observation('o9', 90 + i)] } as never
      })
      await until((v) => v.entry.some((e) => e.resource.id === 'o9'))
      await http('DELETE', 'Observation/o9')
      del.push(await until((v) => !v.entry.some((e) => e.resource.id === 'o9')))
    }
  } finally {
    await Promise.all([patient.peer.stop(), doctor.peer.stop(), researcher.peer.stop()])
    await Promise.all([patient.close(), doctor.close(), researcher.close()])
  }
  return { put, del }
}

try {
  const rows: string[] = []
  for (const interval of intervals) {
    const { put, del } = await measure(interval)
    rows.push(`| ${interval} | outside PUT | ${median(put).toFixed(0)} | ${Math.max(...put).toFixed(0)} |`)
    rows.push(`| ${interval} | outside DELETE | ${median(del).toFixed(0)} | ${Math.max(...del).toFixed(0)} |`)
  }
  console.log(`\nOutside write → both other peers' views, ${samples} samples (ms)\n`)
  console.log('| loop interval | write | median | max |')
  console.log('| ---: | --- | ---: | ---: |')
  for (const row of rows) console.log(row)
} finally {
  await Promise.all([server.stop(), world.stop()])
}
