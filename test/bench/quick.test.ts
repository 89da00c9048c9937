/**
 * The benchmark suite still runs: `npm run bench:quick` (every scenario, very briefly, plus the chain
 * round on anvil and the FHIR-store tables) exits 0, and every scenario produced a result for every implementation it declares,
 * each verified against the hand-written result before timing (the runner exits 1 otherwise).
 * Timings are never asserted: CI machines are noisy and shared.
 *
 * It runs the runner directly, not `npm run bench:quick` (which rebuilds dist/ first): `npm test`
 * builds dist/ before vitest, and a rebuild here would delete dist/ under the package-export tests
 * running alongside. The runner refuses a missing or stale dist/.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import type { Scenario } from '../../bench/_internal/scenario.js'
import { scenarioFiles } from '../../bench/scenarios/index.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface QuickResults {
  readonly failures: readonly string[]
  readonly scenarios: readonly { readonly id: string; readonly rows: readonly { readonly implementation: string; readonly median: number }[] }[]
  readonly gas?: { readonly rows: readonly { readonly n: number; readonly batch: number; readonly acksTotal: number }[] }
  readonly rounds?: { readonly rows: readonly { readonly n: number; readonly encryption: string; readonly bytesPerRound: number }[] }
}

test('default: bench:quick runs every scenario and every implementation verifies', async () => {
  const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  })
  expect(run.stdout).toContain('# lensync benchmarks (quick)')
  expect(run.stdout).toMatch(/## FHIR store vs PGlite: round latency[\s\S]*\| three-peer round .*\| \d+\.\d\d× \|/)
  expect(run.stdout).toMatch(/## FHIR store: outside writes reaching the other peers[\s\S]*\| 250 \| outside DELETE \| \d+ \| \d+ \|/)
  const results = JSON.parse(readFileSync(`${root}bench/results/quick.tmp.json`, 'utf8')) as QuickResults
  expect(results.failures).toEqual([])

  const declared: { id: string; implementations: string[] }[] = []
  for (const file of scenarioFiles) {
    const module = (await import(`../../bench/scenarios/${file}.ts`)) as { scenarios: readonly Scenario[] }
    for (const s of module.scenarios) declared.push({ id: s.id, implementations: Object.keys(s.implementations) })
  }
  expect(results.scenarios.map((s) => s.id)).toEqual(declared.map((s) => s.id))
  for (const s of declared) {
    const measured = results.scenarios.find((r) => r.id === s.id)!
    expect(measured.rows.map((r) => r.implementation), s.id).toEqual(s.implementations)
    for (const row of measured.rows) expect(row.median, `${s.id} / ${row.implementation}`).toBeGreaterThan(0)
  }
  // The chain part ran and every round completed (gas.ts checks each round before reporting it).
  expect(results.gas?.rows.map((r) => r.n)).toEqual([2, 3, 5])
  for (const row of results.gas!.rows) expect(row.batch).toBeGreaterThan(0)
  // Rounds over HTTP ran in both modes; a sealed round carries more bytes than an unencrypted one.
  expect(results.rounds?.rows.map((r) => [r.n, r.encryption])).toEqual([[3, 'none'], [3, 'hpke'], [10, 'none'], [10, 'hpke']])
  const [plain, sealed] = results.rounds!.rows
  expect(sealed!.bytesPerRound).toBeGreaterThan(plain!.bytesPerRound)
}, 600_000)
