/**
 * Markdown tables of a benchmark run.
 */
import type { GasResult } from '../chain/gas.js'
import type { RoundsResult } from '../chain/rounds.js'

/** One implementation's figures in the results file. */
export interface Row {
  readonly implementation: string
  readonly median: number
  readonly p10: number
  readonly p90: number
  /** median / hand-written median; null without a hand-written implementation. */
  readonly ratio: number | null
  readonly bytesPerOp: number | null
  readonly samples: number
  readonly batch: number
  readonly report: Readonly<Record<string, number>>
}

/** One scenario in the results file. */
export interface ScenarioResult {
  readonly id: string
  readonly title: string
  readonly unit: string
  readonly rows: readonly Row[]
}

/** A duration in ns, with a unit that keeps 3 significant digits. */
export function duration(ns: number): string {
  if (ns < 1e3) return `${ns < 10 ? ns.toFixed(2) : ns < 100 ? ns.toFixed(1) : ns.toFixed(0)} ns`
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`
  return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`
}

const bytes = (b: number | null): string => (b === null ? '—' : b < 1 ? '0' : b < 10_000 ? b.toFixed(0) : `${(b / 1024).toFixed(0)} Ki`)

/** The lens and translation table. */
export function scenarioTable(results: readonly ScenarioResult[]): string {
  const lines = [
    '| scenario | implementation | median | p10 | p90 | × hand-written | bytes/op | notes |',
    '|---|---|--:|--:|--:|--:|--:|---|',
  ]
  for (const s of results) {
    s.rows.forEach((r, i) => {
      const notes = Object.entries(r.report).map(([k, v]) => `${k}: ${v}`)
      if (s.unit !== 'op') notes.unshift(`${Math.round(1e9 / r.median).toLocaleString('en-US')} ${s.unit}s/s`)
      lines.push(
        `| ${i === 0 ? `**${s.id}** ${s.title}` : ''} | ${r.implementation} | ${duration(r.median)} | ${duration(r.p10)} | ${duration(r.p90)} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${bytes(r.bytesPerOp)} | ${notes.join('; ')} |`,
      )
    })
  }
  return lines.join('\n')
}

/** The chain table. */
export function gasTable(gas: GasResult): string {
  const lines = [
    '| peers n | proposeUpdate | per-peer acks: total (n−1 txs) | mean / ack tx | round total, per-peer | ackWithSignatures (n−1 sigs) | gas / extra signer | round total, batch | latency per-peer | latency batch |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ]
  const g = (x: number | undefined): string => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US'))
  for (const r of gas.rows)
    lines.push(
      `| ${r.n} | ${g(r.propose)} | ${g(r.acksTotal)} | ${g(r.ackMean)} | ${g(r.roundGasPerPeer)} | ${g(r.batch)} | ${g(r.batchPerExtraSigner)} | ${g(r.roundGasBatch)} | ${r.latencyPerPeerMs.toFixed(1)} ms | ${r.latencyBatchMs.toFixed(1)} ms |`,
    )
  lines.push('', `Batch gas per extra signer (least-squares over n): **${g(gas.batchPerSignerFit)}**. ${gas.anvil}, automine.`)
  return lines.join('\n')
}

/** The rounds-over-HTTP table. */
export function roundsTable(result: RoundsResult): string {
  const lines = [
    '| peers n | payloads | rounds | latency median | p10 | p90 | bytes / round (all servers, in + out) | transport time / round (alone) |',
    '|--:|---|--:|--:|--:|--:|--:|--:|',
  ]
  for (const r of result.rows)
    lines.push(
      `| ${r.n} | ${r.encryption === 'hpke' ? 'sealed (HPKE)' : 'unencrypted'} | ${r.rounds} | ${r.latencyMedianMs.toFixed(0)} ms | ${r.latencyP10Ms.toFixed(0)} ms | ${r.latencyP90Ms.toFixed(0)} ms | ${Math.round(r.bytesPerRound).toLocaleString('en-US')} | ${r.transportMs.toFixed(1)} ms |`,
    )
  lines.push('', `Encryption's cost: ${result.overhead.map((o) => `n = ${o.n}: round latency ${o.latency.toFixed(2)}× (medians), bytes ${o.bytes.toFixed(2)}×, added transport time ${(100 * o.addedShare).toFixed(1)}% of the unencrypted round`).join('; ')}. View: a ${result.viewBytes.toLocaleString('en-US')}-byte Patient, one \`replace\` per round; direct acks.`)
  return lines.join('\n')
}

/** The round-vs-size table: each size's median and its ratio to the smallest record's. */
export function roundTable(points: readonly { readonly size: number; readonly median: number; readonly p10: number; readonly p90: number }[]): string {
  const base = points[0]?.median ?? 1
  const lines = ['| entries | median | p10 | p90 | × smallest |', '|--:|--:|--:|--:|--:|']
  for (const p of points) lines.push(`| ${p.size.toLocaleString('en-US')} | ${duration(p.median)} | ${duration(p.p10)} | ${duration(p.p90)} | ${(p.median / base).toFixed(2)}× |`)
  return lines.join('\n')
}

/** The memory table: heap after a full collection every so many rounds. */
export function memoryTable(memory: { readonly size: number; readonly heap: readonly { readonly round: number; readonly bytes: number }[] }): string {
  const first = memory.heap.find((h) => h.round > 0) ?? memory.heap[0]
  const lines = ['| rounds | heap used after full GC | vs first reading after rounds |', '|--:|--:|--:|']
  for (const h of memory.heap) lines.push(`| ${h.round.toLocaleString('en-US')} | ${(h.bytes / 2 ** 20).toFixed(1)} MiB | ${first === undefined || h.round === 0 ? '—' : `${((h.bytes - first.bytes) / 2 ** 20 >= 0 ? '+' : '')}${((h.bytes - first.bytes) / 2 ** 20).toFixed(2)} MiB`} |`)
  return lines.join('\n')
}
