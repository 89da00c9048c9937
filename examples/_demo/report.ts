/**
 * How the demo prints: peer log lines, patches, round figures (gas from receipts, latency from the
 * peers' logs), record summaries and the audit table of a view.
 *
 * @since 0.1.0
 */
import type { Address, Chain, Hash, Hex, PublicClient, Transport } from 'viem'
import { hasPermission, type PeerLogEntry, READ, type RoundHistory, type ViewHistory, WRITE } from 'lensync/coordinator'
import type { Bundle, Patch } from 'lensync/lens'

/** A peer log entry with the time it was written and who wrote it. */
export interface TimedEntry {
  readonly who: string
  readonly at: number
  readonly entry: PeerLogEntry
}

/** Names of addresses and views, for readable output. */
export interface Names {
  address(address: Address): string
  view(viewId: Hex): string
}

export const short = (hex: string, n = 6): string => `${hex.slice(0, 2 + n)}…`
export const thousands = (n: bigint | number): string => n.toLocaleString('en-US')

/** One line per operation: `op path value` (long values cut). */
export function formatPatch(patch: Patch, indent = '      '): string {
  if (patch.length === 0) return `${indent}(empty patch)`
  return patch
    .map((op) => {
      const json = 'value' in op ? JSON.stringify(op.value) : ''
      // Long values (whole resources) go on their own line, in full: what was sent is what is shown.
      const value = json.length === 0 ? '' : json.length <= 90 ? ` ${json}` : `\n${indent}        ${json}`
      const from = 'from' in op ? ` from ${op.from}` : ''
      return `${indent}${op.op.padEnd(7)} ${op.path === '' ? '""' : op.path}${from}${value}`
    })
    .join('\n')
}

/** `Patient 1, Condition 2, …` and the size of the JSON. */
export function summarize(bundle: Bundle | undefined): string {
  if (bundle === undefined) return '(nothing)'
  const counts = new Map<string, number>()
  for (const e of bundle.entry ?? []) counts.set(e.resource?.resourceType ?? '?', (counts.get(e.resource?.resourceType ?? '?') ?? 0) + 1)
  const bytes = Buffer.byteLength(JSON.stringify(bundle))
  return `${[...counts].map(([type, n]) => `${type} ${n}`).join(', ')} (${thousands(bytes)} bytes)`
}

/** Total gas of the distinct transactions of a round (proposal, acks, closing transaction). */
export async function roundGas(client: PublicClient<Transport, Chain>, round: RoundHistory, cache: Map<Hash, bigint>): Promise<bigint> {
  const hashes = new Set<Hash>([round.proposedAt.tx, ...round.acks.map((a) => a.tx), ...(round.closedAt ? [round.closedAt.tx] : [])])
  let total = 0n
  for (const hash of hashes) {
    let gas = cache.get(hash)
    if (gas === undefined) {
      gas = (await client.getTransactionReceipt({ hash })).gasUsed
      cache.set(hash, gas)
    }
    total += gas
  }
  return total
}

/** Milliseconds from the proposer's `proposed`/`propagated` entry to the last promote/discard of the round. */
export function roundLatency(log: readonly TimedEntry[], viewId: Hex, round: bigint): number | undefined {
  const of = log.filter((t) => t.entry.viewId.toLowerCase() === viewId.toLowerCase() && t.entry.round === round)
  const start = of.find((t) => t.entry.kind === 'proposed')?.at
  const ends = of.filter((t) => t.entry.kind === 'promoted' || t.entry.kind === 'discarded').map((t) => t.at)
  if (start === undefined || ends.length === 0) return undefined
  return Math.max(...ends) - start
}

/** One line summing up a finished round. */
export function formatRound(names: Names, viewId: Hex, r: RoundHistory, gas: bigint, ms: number | undefined): string {
  const acks = r.acks.map((a) => `${names.address(a.peer)}${a.via === 'proposal' ? ' (by proposing)' : ''}`).join(', ')
  const outcome = r.outcome === 'aborted' ? `ABORTED (${r.abortReason ?? '?'})` : r.outcome
  const version = r.outcome === 'completed' ? `→ version ${r.version}` : `(for version ${r.version})`
  return `    ▸ ${names.view(viewId)} round ${r.round} ${version}: proposed by ${names.address(r.proposer)}, acked by ${acks || 'nobody'}; ${outcome}; gas ${thousands(gas)}${ms !== undefined ? `; ${ms.toFixed(0)} ms proposal→all promoted/discarded` : ''}`
}

/** The audit trail of a view as a table. */
export async function historyTable(client: PublicClient<Transport, Chain>, names: Names, history: ViewHistory, cache: Map<Hash, bigint>): Promise<string> {
  const rows: string[][] = [['block', 'event', 'round', 'version', 'by', 'acks', 'outcome', 'gas']]
  const shown = new Set<Hash>()
  const gasOf = async (hash: Hash) => {
    if (shown.has(hash)) return '(same tx)'
    shown.add(hash)
    return txGas(client, hash, cache)
  }
  type Row = { block: bigint; logIndex: number; cells: string[] }
  const events: Row[] = []
  for (const m of history.membership) {
    if (m.type === 'ViewCreated') events.push({ block: m.block, logIndex: m.logIndex, cells: [String(m.block), 'ViewCreated', '-', '0', names.address(m.controller), '-', `head ${short(m.initialCommitment)}`, await gasOf(m.tx)] })
    else if (m.type === 'PeerPermissionsChanged') {
      const what = m.permissions === 0 ? 'removed' : hasPermission(m.permissions, READ | WRITE) ? 'READ|WRITE' : hasPermission(m.permissions, WRITE) ? 'WRITE' : 'READ'
      events.push({ block: m.block, logIndex: m.logIndex, cells: [String(m.block), 'PeerPermissions', '-', '-', names.address(m.peer), '-', what, await gasOf(m.tx)] })
    } else events.push({ block: m.block, logIndex: m.logIndex, cells: [String(m.block), 'PeersEvicted', String(m.round), '-', m.peers.map(names.address).join(' '), '-', '-', await gasOf(m.tx)] })
  }
  for (const r of history.rounds) {
    const outcome = r.outcome === 'aborted' ? `aborted (${r.abortReason ?? '?'})` : r.outcome
    const acks = r.acks.map((a) => names.address(a.peer)).join(' ')
    events.push({
      block: r.proposedAt.block,
      logIndex: r.proposedAt.logIndex,
      cells: [String(r.proposedAt.block), 'Round', String(r.round), String(r.version), names.address(r.proposer), acks, outcome, thousands(await roundGas(client, r, cache))],
    })
  }
  events.sort((a, b) => (a.block === b.block ? a.logIndex - b.logIndex : a.block < b.block ? -1 : 1))
  rows.push(...events.map((e) => e.cells))
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  const line = (row: string[]) => `    │ ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' │ ')} │`
  const rule = (l: string, m: string, r: string) => `    ${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`
  return [rule('┌', '┬', '┐'), line(rows[0]!), rule('├', '┼', '┤'), ...rows.slice(1).map(line), rule('└', '┴', '┘')].join('\n')
}

async function txGas(client: PublicClient<Transport, Chain>, hash: Hash, cache: Map<Hash, bigint>): Promise<string> {
  let gas = cache.get(hash)
  if (gas === undefined) {
    gas = (await client.getTransactionReceipt({ hash })).gasUsed
    cache.set(hash, gas)
  }
  return thousands(gas)
}
