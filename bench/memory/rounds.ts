/**
 * Memory over many rounds: 10,000 one-op rounds (the `round-<n>` scenario's round: translate, apply,
 * get, digest) on a Bundle of 5,000 entries, each on the previous round's result. The V8 heap is
 * read after a forced full collection (`--expose-gc`) every 1,000 rounds: the caches lensync keeps
 * (memoized views, key tables, digests, array lineage) are bounded by the garbage collector, so the
 * heap after the last round should equal the heap after the first thousand.
 *
 * Usage: `node --expose-gc --import tsx bench/memory/rounds.ts [full|quick]` prints one JSON line
 * (quick: 500 rounds, read every 100).
 */
import { viewDigest } from 'lensync/coordinator'
import { applyPatch, fhir, id, pipe, translate } from 'lensync/lens'
import type { Bundle, BundleEntry, Patch } from 'lensync/lens'
import { makeBundle } from '../data/index.js'
import { assertResolvesToDist } from '../_internal/dist.js'

/** What the script prints. */
export interface MemoryResult {
  readonly size: number
  readonly rounds: number
  /** Heap used (bytes) after a full collection, every `every` rounds (the first before any round). */
  readonly heap: readonly { readonly round: number; readonly bytes: number }[]
}

const isObservation = (e: BundleEntry): boolean => e.resource?.resourceType === 'Observation'
const _clinical = pipe(id<Bundle>(), fhir.entries({ where: isObservation }))

function main(): void {
  assertResolvesToDist()
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('bench/memory/rounds.ts needs node --expose-gc')
  const quick = process.argv[2] === 'quick'
  const size = 5000
  const rounds = quick ? 500 : 10_000
  const every = quick ? 100 : 1000
  const target = Math.floor(size / 4)
  let record = makeBundle(size)
  viewDigest(_clinical.get(record))
  const heap: { round: number; bytes: number }[] = []
  const read = (round: number): void => {
    gc()
    gc()
    heap.push({ round, bytes: process.memoryUsage().heapUsed })
  }
  read(0)
  for (let k = 1; k <= rounds; k++) {
    const patch: Patch = [{ op: 'replace', path: `/${target}/resource/component/0/valueQuantity/value`, value: 100 + (k % 60) }]
    record = applyPatch(record, translate(_clinical, record, patch))
    viewDigest(_clinical.get(record))
    if (k % every === 0) read(k)
  }
  const result: MemoryResult = { size, rounds, heap }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main()
