/**
 * The model-based campaign, one test file per storage kind (each with its own anvil, so vitest runs
 * them side by side): fast-check command sequences drive a patient, a doctor and a researcher on a
 * real anvil with the real contract — proposals (honest; tampered, wrongly signed or oversized
 * payloads), syncs in any order, crashes at every fault point of the engine with a restart over the
 * same store, delayed deliveries, expiry, membership changes, and the attacks of `_attacks.ts` (forged
 * relayed acks, silent members evicted and set back, junk proposals holding the view: a ttl above the
 * maximum, a re-proposal after a cancel, removal by the controller) — with direct acks or relayed
 * signatures. After every command the safety and liveness invariants hold, after settling every holder
 * converges (`_invariants.ts`).
 *
 * - CI (default): 160 sequences on memory, 25 on PGlite, 15 on PostgreSQL (200 in all), ≤ 8
 *   commands each.
 * - Deep run: `LENSYNC_CAMPAIGN_RUNS=10000 npx vitest run test/coordinator/campaign` (10000 sequences
 *   per storage kind; no timeout).
 * - A failure prints its seed, path and command sequence; replay it exactly with
 *   `LENSYNC_CAMPAIGN_SEED=<seed> LENSYNC_CAMPAIGN_PATH=<path> npx vitest run test/coordinator/campaign/<kind>.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startWorld, type World } from '../integration/_harness.js'
import { timings } from './_command.js'
import { runCampaign, replayFromEnv } from './_runner.js'
import type { StorageKind } from './_storageKinds.js'

const deep = process.env.LENSYNC_CAMPAIGN_RUNS !== undefined

/** Registers the campaign on one storage kind (`skip`: why it cannot run). */
export function describeCampaign(name: StorageKind['name'], make: () => StorageKind, ciRuns: number, skip?: string): void {
  const runs = deep ? Number(process.env.LENSYNC_CAMPAIGN_RUNS) : ciRuns
  const replay = replayFromEnv()
  let world: World
  beforeAll(async () => {
    if (skip === undefined) world = await startWorld(3)
  })
  afterAll(async () => {
    await world?.stop()
  })
  describe(`campaign (${name} storage)`, () => {
    test.skipIf(skip !== undefined)(`behavior: ${replay.seed !== undefined ? 'replay of one sequence' : `${runs} sequences`}${skip ? ` — skipped: ${skip}` : ''}`, { timeout: deep ? 0 : 400_000 }, async () => {
      const kind = make()
      const counted = { sequences: 0 }
      const started = Date.now()
      try {
        await runCampaign(world, kind, { runs: replay.seed !== undefined ? 1 : runs, ...replay, counted })
      } finally {
        await kind.close()
        console.info(`[campaign] ${name}: ${counted.sequences} sequences in ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.report()})`)
        timings.total.clear()
      }
      expect(counted.sequences).toBe(replay.seed !== undefined ? 1 : runs)
    })
  })
}
