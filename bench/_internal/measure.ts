/**
 * A small calibrated timer (no benchmark framework): calibrate a batch size so one batch lasts at least
 * `batchMs`, warm up for `warmupMs`, then time batches until `sampleMs` has passed; each batch gives one
 * ns/op sample. Allocation is measured separately (see {@link allocatedBytesPerOp}).
 *
 * Why not mitata: the runner already isolates each implementation in its own process, and needs raw
 * samples, a hard time budget for `--quick` and allocation figures from the same batches — about
 * seventy lines here, with nothing hidden between the clock reads and the operation.
 */

/** Timing budget of one measurement. */
export interface MeasureOptions {
  readonly warmupMs: number
  readonly sampleMs: number
  readonly batchMs: number
  readonly minSamples: number
  readonly maxSamples: number
}

/** Full and quick budgets. */
export const budgets = {
  full: { warmupMs: 300, sampleMs: 1200, batchMs: 2, minSamples: 15, maxSamples: 2000 },
  quick: { warmupMs: 10, sampleMs: 30, batchMs: 0.5, minSamples: 3, maxSamples: 200 },
} as const satisfies Record<string, MeasureOptions>

/** Timing of one implementation: ns per op over the samples. */
export interface Timing {
  readonly median: number
  readonly p10: number
  readonly p90: number
  readonly samples: number
  /** Runs per batch. */
  readonly batch: number
}

let sink: unknown
/** Keeps results alive so the JIT cannot drop the operation. @internal */
export function drain(): string {
  return typeof sink
}

const now = (): number => Number(process.hrtime.bigint())

function timeBatch(run: () => unknown, k: number): number {
  const start = now()
  for (let i = 0; i < k; i++) sink = run()
  return now() - start
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo)
}

/** Times `run` (which performs `opsPerRun` operations). */
export function measure(run: () => unknown, opsPerRun: number, options: MeasureOptions): Timing {
  const batchNs = options.batchMs * 1e6
  // Calibrate: grow the batch until one lasts batchNs (also the first warm-up).
  let k = 1
  for (;;) {
    const t = timeBatch(run, k)
    if (t >= batchNs || k >= 1 << 24) break
    k = t <= 0 ? k * 10 : Math.max(k + 1, Math.min(k * 10, Math.ceil((k * batchNs * 1.2) / t)))
  }
  const warmEnd = now() + options.warmupMs * 1e6
  while (now() < warmEnd) timeBatch(run, k)
  ;(globalThis as { gc?: () => void }).gc?.()
  const samples: number[] = []
  const sampleEnd = now() + options.sampleMs * 1e6
  while ((samples.length < options.minSamples || now() < sampleEnd) && samples.length < options.maxSamples)
    samples.push(timeBatch(run, k) / (k * opsPerRun))
  samples.sort((a, b) => a - b)
  return { median: quantile(samples, 0.5), p10: quantile(samples, 0.1), p90: quantile(samples, 0.9), samples: samples.length, batch: k }
}

/**
 * Times `run` one call at a time, each after an untimed `setup` (the timer's resolution is far
 * below the operations that need this).
 */
export function measureWithSetup(run: () => unknown, setup: () => void, opsPerRun: number, options: MeasureOptions): Timing {
  const once = (): number => {
    setup()
    const start = now()
    sink = run()
    return now() - start
  }
  const warmEnd = now() + options.warmupMs * 1e6
  do once()
  while (now() < warmEnd)
  ;(globalThis as { gc?: () => void }).gc?.()
  const samples: number[] = []
  const sampleEnd = now() + options.sampleMs * 1e6
  while ((samples.length < options.minSamples || now() < sampleEnd) && samples.length < options.maxSamples) samples.push(once() / opsPerRun)
  samples.sort((a, b) => a - b)
  return { median: quantile(samples, 0.5), p10: quantile(samples, 0.1), p90: quantile(samples, 0.9), samples: samples.length, batch: 1 }
}

/**
 * Bytes allocated per op on the V8 heap, or `null` without `--expose-gc`. Method: `gc()`, read
 * `process.memoryUsage().heapUsed`, run `m` operations, read it again; garbage stays counted until
 * the next collection, and the child runs with `--max-semi-space-size=64` so that `m` is chosen to
 * allocate ≤ 8 MB and no scavenge runs inside the window (a window with a scavenge shows a drop and is
 * discarded). Median of 5 windows. Off-heap memory (Buffers, native hash state) is not counted.
 */
export function allocatedBytesPerOp(run: () => unknown, opsPerRun: number, nsPerRun: number, maxMs: number): number | null {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return null
  const window = (m: number): number => {
    gc()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < m; i++) sink = run()
    return process.memoryUsage().heapUsed - before
  }
  const byTime = Math.max(1, Math.floor((maxMs * 1e6) / 5 / Math.max(nsPerRun, 1)))
  const probe = Math.min(byTime, 64)
  const estimate = Math.max(window(probe), 0) / probe
  const m = Math.max(1, Math.min(byTime, Math.floor((8 * 1024 * 1024) / Math.max(estimate, 1))))
  const results: number[] = []
  for (let i = 0; i < 5; i++) {
    const delta = window(m)
    if (delta >= 0) results.push(delta / (m * opsPerRun))
  }
  if (results.length === 0) return null
  results.sort((a, b) => a - b)
  return results[Math.floor(results.length / 2)]!
}
