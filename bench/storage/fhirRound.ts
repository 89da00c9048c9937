/**
 * Round latency with the patient's record in a FHIR server (`fhirStorage`, side store PGlite) vs in
 * PGlite (`pgliteStorage`), the default. Run by `npm run bench` (section `fhir`), or alone: `node --import tsx bench/storage/fhirRound.ts [--rounds N]`.
 *
 * Two measurements, medians over N rounds (default 20) after 3 warm-up rounds:
 * - **storage round**: what a peer does with its storage in one round — read the record, stage the
 *   write, then promote it and store the view state in one transaction — on the fixture's patient
 *   record (a Bundle of 6 resources), one Observation changed per round;
 * - **three-peer round**: the doctor's edit, proposed on anvil, acked and promoted by all three peers
 *   (`settle`), with the patient on each storage.
 *
 * The FHIR server is Medplum's router over its in-memory repository on loopback (the test server):
 * the figures include HTTP on 127.0.0.1 and JSON (de)serialization, not a database behind the server.
 * Target: FHIR / PGlite ≤ 2× for the three-peer round.
 *
 * Last results (2-core machine, Node 20.20): see the table printed by the run, copied into the
 * closing note of the change.
 */
import { settle } from '../../src/coordinator/index.js'
import { fhirStorage } from '../../src/storage/fhir.js'
import { pgliteStorage } from '../../src/storage/pglite.js'
import type { StorageAdapter } from '../../src/storage/StorageAdapter.js'
import { castOn } from '../../test/coordinator/integration/_shareAndJoin.js'
import { startFhirServer } from '../../test/_helpers/fhirServer.js'
import { type Bundle, observation, patientRecord } from '../../test/_helpers/fixtures.js'
import { startWorld } from '../../test/coordinator/integration/_harness.js'

const roundsArg = process.argv.indexOf('--rounds')
const rounds = roundsArg >= 0 ? Number(process.argv[roundsArg + 1]) : 20
const warmup = 3

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function storageRounds(storage: StorageAdapter, recordId: string): Promise<number[]> {
  await storage.putRecord(recordId, patientRecord(), { expectedVersion: null })
  const viewId = '0x' + '5a'.repeat(32)
  const times: number[] = []
  for (let i = 1; i <= warmup + rounds; i++) {
    const started = performance.now()
    const stored = (await storage.getRecord(recordId))!
    const next = structuredClone(stored.data) as unknown as Bundle
    const o = next.entry.findIndex((e) => e.resource.id === 'o1')
    ;(next.entry[o]!.resource as unknown as { valueQuantity: { value: number } }).valueQuantity.value = 5 + i / 10
    await storage.stage(viewId, BigInt(i), { writes: [{ recordId, baseVersion: stored.version, data: next as never }], meta: { round: i } })
    await storage.transaction(async (tx) => {
      await tx.promote(viewId, BigInt(i))
      await tx.setViewState(viewId, { version: i })
    })
    if (i > warmup) times.push(performance.now() - started)
  }
  return times
}

async function peerRounds(world: Awaited<ReturnType<typeof startWorld>>, storage: StorageAdapter, recordId: string): Promise<number[]> {
  const { patient, doctor, researcher, clinical } = await castOn(world, storage, recordId)
  const all = [patient.peer, doctor.peer, researcher.peer]
  const times: number[] = []
  for (let i = 1; i <= warmup + rounds; i++) {
    const started = performance.now()
    await doctor.peer.update(clinical, (view) => {
      const v = view as unknown as Bundle
      return { ...v, entry: [...v.entry, observation(`b${i}`, 100 + i)] } as never
    })
    await settle(all)
    if (i > warmup) times.push(performance.now() - started)
  }
  await Promise.all([patient.close(), doctor.close(), researcher.close()])
  return times
}

const server = await startFhirServer()
const world = await startWorld()
try {
  const rows: [string, number, number][] = []
  {
    const pglite = pgliteStorage()
    const fhir = fhirStorage({ baseUrl: server.baseUrl, discoverEveryMs: 60_000 })
    const a = median(await storageRounds(pglite, 'record'))
    const b = median(await storageRounds(fhir, 'Patient/p1/$everything'))
    rows.push(['storage round (read, stage, promote + view state)', a, b])
    await Promise.all([pglite.close(), fhir.close()])
  }
  server.repo.clear()
  {
    const pglite = pgliteStorage()
    const fhir = fhirStorage({ baseUrl: server.baseUrl, discoverEveryMs: 60_000 })
    const a = median(await peerRounds(world, pglite, 'record'))
    const b = median(await peerRounds(world, fhir, 'Patient/p1/$everything'))
    rows.push(['three-peer round (propose, ack, promote; anvil)', a, b])
    await Promise.all([pglite.close(), fhir.close()])
  }
  console.log(`\nRound latency, median of ${rounds} rounds (ms)\n`)
  console.log('| measurement | PGlite | FHIR store | FHIR / PGlite |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const [name, a, b] of rows) console.log(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)}× |`)
} finally {
  await Promise.all([server.stop(), world.stop()])
}
