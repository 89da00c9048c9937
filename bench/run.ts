/**
 * The lensync benchmark runner: `npm run bench` (full, ≈ 4 minutes on 2 cores) or `npm run bench:quick` (every
 * scenario very briefly, for CI: proves the suite runs and every result verifies; timings meaningless).
 *
 * It measures the built package, as users install it: both scripts run `npm run build` first, and the
 * children resolve `lensync/*` through package.json "exports" to dist/ (tsx with `tsconfig.dist.json`,
 * which has no "paths"). The sources under tsx would not do: tsx transpiles with esbuild's `keepNames`,
 * which wraps every closure in a `__name(…)` call, a cost the tsup-built dist/ does not have (≈ 18% of
 * translate's time in profiles). Run directly (`node --import tsx bench/run.ts`), the runner refuses
 * to start when dist/ is missing or older than src/.
 *
 * For each scenario it starts one child process per implementation (`_internal/child.ts`):
 * hand-written first, whose result digest the others must match before they are timed. Then the chain
 * benchmarks on fresh anvils: gas per round (`chain/gas.ts`), and round latency and bytes per round
 * over HTTP with and without payload encryption (`chain/rounds.ts`). Prints markdown tables; the full run writes
 * `bench/results/latest.md` and `latest.json`, the quick run `bench/results/quick.tmp.json` (ignored).
 *
 * Options: `--quick`; `--filter a,b` (scenario ids containing a or b; `gas` for the chain's gas,
 * `rounds` for round latency and bytes over HTTP with and without encryption, `memory` for the heap over
 * 10,000 rounds, `fhir` for round latency on the FHIR store vs PGlite and outside writes' delay);
 * `--no-chain`; `--concurrency N` (children at once; default 1, 2 with --quick).
 * Exits 1 when any implementation fails its verification or crashes, or when dist/ is missing or stale.
 *
 * The last full results table: `bench/results/latest.md` (kept there rather than in this comment, so
 * that a run updates it).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GasResult } from './chain/gas.js'
import type { RoundsResult } from './chain/rounds.js'
import { roundChart } from './_internal/chart.js'
import type { ChildResult } from './_internal/child.js'
import { assertDistFresh, distTsconfig } from './_internal/dist.js'
import { type Row, type ScenarioResult, gasTable, memoryTable, roundTable, roundsTable, scenarioTable } from './_internal/format.js'
import type { MemoryResult } from './memory/rounds.js'
import type { Scenario } from './_internal/scenario.js'
import { type ScenarioFile, scenarioFiles } from './scenarios/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const filters = option('--filter')?.split(',').filter(Boolean)
const selected = (id: string): boolean => filters === undefined || filters.some((f) => id.includes(f))
const concurrency = Number(option('--concurrency') ?? (quick ? 2 : 1))
const mode = quick ? 'quick' : 'full'
const env = {
  ...process.env,
  NODE_ENV: 'production',
  // Children resolve lensync/* to dist/ (package self-reference), not through the root tsconfig's "paths" to src/.
  TSX_TSCONFIG_PATH: distTsconfig,
  ...(quick ? { LENSYNC_BENCH_LAW_RUNS: '3' } : {}),
}
const nodeArgs = ['--expose-gc', '--max-semi-space-size=64', '--import', 'tsx']

interface Spawned {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function run(script: string, scriptArgs: readonly string[], extraEnv: Record<string, string> = {}): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, join(root, script), ...scriptArgs], { cwd: root, env: { ...env, ...extraEnv } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

const failures: string[] = []
const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

/** Records a failed step (`what`) with the child's stderr. */
function fail(what: string, stderr: string): void {
  failures.push(`${what}: ${stderr.trim()}`)
  log(`  ✗ ${what}\n${stderr.trim()}`)
}

/** Runs a script whose last stdout line is its JSON result; `undefined` (and a failure recorded) when it fails. */
async function runJson<T>(name: string, script: string, announce: string): Promise<T | undefined> {
  log(announce)
  const out = await run(script, [mode])
  if (out.code === 0) return JSON.parse(out.stdout.trim().split('\n').pop()!) as T
  fail(name, out.stderr)
  return undefined
}

async function runScenario(file: ScenarioFile, scenario: Scenario, scratch: string): Promise<ScenarioResult | undefined> {
  const names = Object.keys(scenario.implementations)
  const reference = join(scratch, `${scenario.id}.json`)
  let expected: string | undefined
  const rows: ChildResult[] = []
  for (const name of names) {
    const childArgs = [file, scenario.id, name, mode, ...(expected === undefined ? [] : [expected])]
    const out = await run('bench/_internal/child.ts', childArgs, { LENSYNC_BENCH_REFERENCE_FILE: reference })
    if (out.code !== 0) {
      fail(`${scenario.id} / ${name}`, out.stderr)
      if (name === 'hand-written') return undefined
      continue
    }
    const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildResult
    if (name === 'hand-written') expected = result.digest
    rows.push(result)
    log(`  ✓ ${scenario.id} / ${name}: ${result.median.toFixed(1)} ns/${scenario.unit ?? 'op'}`)
  }
  const floor = rows.find((r) => r.implementation === 'hand-written')?.median
  return {
    id: scenario.id,
    title: scenario.title,
    unit: scenario.unit ?? 'op',
    rows: rows.map(
      (r): Row => ({
        implementation: r.implementation,
        median: r.median,
        p10: r.p10,
        p90: r.p90,
        ratio: floor === undefined ? null : r.median / floor,
        bytesPerOp: r.bytesPerOp,
        samples: r.samples,
        batch: r.batch,
        report: r.report,
      }),
    ),
  }
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await work(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker))
  return results
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  const loadBefore = loadavg()
  Object.assign(process.env, env)
  const jobs: { file: ScenarioFile; scenario: Scenario }[] = []
  for (const file of scenarioFiles) {
    const module = (await import(`./scenarios/${file}.ts`)) as { scenarios: readonly Scenario[] }
    for (const scenario of module.scenarios) if (selected(scenario.id)) jobs.push({ file, scenario })
  }
  log(`lensync bench (${mode}): ${jobs.length} scenarios, ${jobs.reduce((n, j) => n + Object.keys(j.scenario.implementations).length, 0)} child processes, concurrency ${concurrency}`)
  const scratch = mkdtempSync(join(tmpdir(), 'lensync-bench-'))
  let scenarios: ScenarioResult[]
  try {
    scenarios = (await pool(jobs, concurrency, (j) => runScenario(j.file, j.scenario, scratch))).filter((s): s is ScenarioResult => s !== undefined)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }

  const gas = !args.includes('--no-chain') && selected('gas') ? await runJson<GasResult>('gas', 'bench/chain/gas.ts', '  … chain: gas per round on anvil') : undefined

  const rounds =
    !args.includes('--no-chain') && selected('rounds')
      ? await runJson<RoundsResult>('rounds', 'bench/chain/rounds.ts', '  … chain: round latency and bytes per round, with and without encryption, on anvil')
      : undefined

  // The FHIR-store figures are markdown tables printed by their scripts (they need anvil and the FHIR test server).
  const fhirSections: string[] = []
  if (!args.includes('--no-chain') && selected('fhir'))
    for (const [script, title, scriptArgs] of [
      ['bench/storage/fhirRound.ts', 'FHIR store vs PGlite: round latency', ['--rounds', quick ? '5' : '20']],
      ['bench/storage/fhirOutsideWrite.ts', 'FHIR store: outside writes reaching the other peers', ['--samples', quick ? '3' : '10']],
    ] as const) {
      log(`  … ${title}`)
      const out = await run(script, scriptArgs)
      if (out.code === 0) fhirSections.push('', `## ${title}`, out.stdout.trim())
      else fail(script, out.stderr)
    }

  const memory = selected('memory') ? await runJson<MemoryResult>('memory', 'bench/memory/rounds.ts', '  … memory: heap over rounds') : undefined

  const roundCpu = scenarios
    .filter((s) => /^round-\d+$/.test(s.id))
    .map((s) => ({ size: Number(s.id.slice('round-'.length)), ...s.rows[0]! }))
    .sort((a, b) => a.size - b.size)

  const loadAfter = loadavg()
  const machine = {
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    loadavg: { before: loadBefore.map((x) => Number(x.toFixed(2))), after: loadAfter.map((x) => Number(x.toFixed(2))) },
  }
  const seconds = Math.round((Date.now() - started) / 1000)
  const header = [
    `# lensync benchmarks (${mode})`,
    '',
    `${new Date().toISOString()} · commit ${gitCommit()} · Node ${machine.node} · ${machine.cpu} · load average ${machine.loadavg.before.join(' / ')} before, ${machine.loadavg.after.join(' / ')} after · ${seconds} s`,
    '',
    'One child process per implementation and scenario; each result verified equal to the hand-written one before timing. lensync is the built package (dist/, through its package exports), as installed from npm. Median, p10, p90 per op over calibrated batches; bytes/op = V8 heap allocated per op (heapUsed delta over a GC-free window). `NODE_ENV=production`.',
  ].join('\n')
  const markdown = [
    header,
    '',
    '## Lenses, commitments, translation, laws',
    '',
    scenarioTable(scenarios),
    ...(roundCpu.length > 0 ? ['', '## Round CPU vs record size', '', '![round CPU vs record size](round-cpu.svg)', '', roundTable(roundCpu)] : []),
    ...(memory ? ['', `## Memory over rounds (${memory.rounds.toLocaleString('en-US')} rounds, Bundle of ${memory.size.toLocaleString('en-US')} entries)`, '', memoryTable(memory)] : []),
    ...(gas ? ['', '## Chain: gas per round (anvil receipts)', '', gasTable(gas)] : []),
    ...(rounds ? ['', '## Rounds over HTTP: latency and bytes, sealed and unsealed payloads (anvil)', '', roundsTable(rounds)] : []),
    ...fhirSections,
    '',
  ].join('\n')
  process.stdout.write(`\n${markdown}\n`)
  const json = JSON.stringify({ mode, date: new Date().toISOString(), commit: gitCommit(), machine, seconds, scenarios, roundCpu, memory, gas, rounds, failures }, null, 1)
  if (quick || filters !== undefined) writeFileSync(join(root, 'bench/results/quick.tmp.json'), json)
  else {
    writeFileSync(join(root, 'bench/results/latest.json'), `${json}\n`)
    writeFileSync(join(root, 'bench/results/latest.md'), markdown)
  }
  // The chart needs real timings: a full run (filtered or not) that measured more than one size.
  if (!quick && roundCpu.length > 1)
    writeFileSync(join(root, 'bench/results/round-cpu.svg'), roundChart(roundCpu, `commit ${gitCommit()} · Node ${machine.node} · ${machine.cpu} · load ${machine.loadavg.before.join(' / ')}`))
  if (failures.length > 0) {
    log(`\n${failures.length} failure(s):\n${failures.map((f) => `- ${f.split('\n')[0]}`).join('\n')}`)
    process.exit(1)
  }
}

try {
  assertDistFresh()
} catch (error) {
  log(error instanceof Error ? error.message : String(error))
  process.exit(1)
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
