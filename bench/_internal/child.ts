/**
 * One child process = one implementation of one scenario (shared JIT state between implementations
 * would distort the figures). Usage (the runner does this):
 *
 *   TSX_TSCONFIG_PATH=bench/tsconfig.dist.json node --expose-gc --max-semi-space-size=64 --import tsx bench/_internal/child.ts <file> <scenario> <implementation> <full|quick> [expectedDigest]
 *
 * `TSX_TSCONFIG_PATH` makes `lensync/*` resolve to the built dist/ (the child refuses to run otherwise).
 * Builds the implementation, runs it twice and checks both results (through the scenario's `verify`)
 * against `expectedDigest` (the hand-written result's digest, or the scenario's `expected`;
 * `LENSYNC_BENCH_REFERENCE_FILE` holds the hand-written JSON for the message); on a
 * mismatch it prints the difference and exits 1 without timing. Then times it and prints one JSON line.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { assertResolvesToDist } from './dist.js'
import { allocatedBytesPerOp, budgets, drain, measure, measureWithSetup } from './measure.js'
import type { Scenario } from './scenario.js'
import { stableJson } from './stableJson.js'

/** What a child prints on success. */
export interface ChildResult {
  readonly scenario: string
  readonly implementation: string
  readonly digest: string
  readonly median: number
  readonly p10: number
  readonly p90: number
  readonly samples: number
  readonly batch: number
  readonly bytesPerOp: number | null
  readonly report: Readonly<Record<string, number>>
}

const digestOf = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 16)

function firstDifference(a: string, b: string): string {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `at char ${i}:\n  got:      …${a.slice(Math.max(0, i - 60), i + 80)}\n  expected: …${b.slice(Math.max(0, i - 60), i + 80)}`
}

async function main(): Promise<void> {
  assertResolvesToDist()
  const [file, id, implementation, mode = 'full', expected] = process.argv.slice(2)
  const module = (await import(`../scenarios/${file}.ts`)) as { scenarios: readonly Scenario[] }
  const scenario = module.scenarios.find((s) => s.id === id)
  if (scenario === undefined) throw new Error(`bench: no scenario ${id} in ${file}`)
  const make = scenario.implementations[implementation!]
  if (make === undefined) throw new Error(`bench: scenario ${id} has no implementation ${implementation}`)
  const prepared = make()
  const verify = scenario.verify ?? ((r: unknown) => r)
  const runOnce = (): unknown => {
    prepared.setup?.()
    return prepared.run()
  }
  const first = stableJson(verify(runOnce()))
  const second = stableJson(verify(runOnce()))
  if (first !== second) throw new Error(`bench: ${id} / ${implementation} is not deterministic (two runs differ) ${firstDifference(second, first)}`)
  const digest = digestOf(first)
  const want = expected ?? (scenario.expected !== undefined ? digestOf(stableJson(scenario.expected)) : undefined)
  if (want !== undefined && want !== digest) {
    const file = process.env.LENSYNC_BENCH_REFERENCE_FILE
    const reference = scenario.expected !== undefined ? stableJson(scenario.expected) : file !== undefined && existsSync(file) ? readFileSync(file, 'utf8') : undefined
    const detail = reference === undefined ? '' : firstDifference(first, reference)
    process.stderr.write(`VERIFICATION FAILED: ${id} / ${implementation}: result differs from the reference (digest ${digest}, expected ${want}) ${detail}\n`)
    process.exit(1)
  }
  // The hand-written run leaves its result for the others' failure messages.
  if (expected === undefined && process.env.LENSYNC_BENCH_REFERENCE_FILE !== undefined) writeFileSync(process.env.LENSYNC_BENCH_REFERENCE_FILE, first)
  const budget = mode === 'quick' ? budgets.quick : budgets.full
  const ops = scenario.opsPerRun ?? 1
  const timing = prepared.setup === undefined ? measure(prepared.run, ops, budget) : measureWithSetup(prepared.run, prepared.setup, ops, budget)
  const bytesPerOp = prepared.setup === undefined ? allocatedBytesPerOp(prepared.run, ops, timing.median * ops, mode === 'quick' ? 20 : 300) : null
  const result: ChildResult = {
    scenario: id!,
    implementation: implementation!,
    digest,
    ...timing,
    bytesPerOp,
    report: scenario.report?.(runOnce()) ?? {},
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  drain()
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
