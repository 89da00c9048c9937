/**
 * The model-based campaign: fast-check command sequences drive a patient, a doctor and a researcher
 * on a real anvil with the real contract: proposals (honest and hostile), syncs in any order, crashes
 * at every fault point of the engine with a restart over the same store, delayed deliveries, expiry,
 * membership changes; with direct acks or relayed signatures; on memory, PGlite and PostgreSQL
 * storage. After every command the safety invariant holds, after settling every holder converges
 * (see `_invariants.ts`).
 *
 * - CI (default): `LENSYNC_CAMPAIGN_RUNS` sequences per storage kind, 120 / 50 / 30 by default
 *   (memory / PGlite / PostgreSQL: 200 in all).
 * - Deep run: `LENSYNC_CAMPAIGN_RUNS=10000 npx vitest run test/coordinator/campaign/campaign.test.ts`
 *   (10000 sequences per storage kind; no timeout).
 * - A failure prints its seed, path and command sequence; replay it exactly with
 *   `LENSYNC_CAMPAIGN_SEED=<seed> LENSYNC_CAMPAIGN_PATH=<path> LENSYNC_CAMPAIGN_STORAGE=<kind>`.
 * - PostgreSQL: `DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test); skipped with the
 *   reason when unreachable, except under `CI=true`, where that fails.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startWorld, type World } from '../integration/_harness.js'
import { runCampaign, replayFromEnv } from './_runner.js'
import { type StorageKind, memoryKind, pgliteKind, postgresKind, postgresUnreachable } from './_storageKinds.js'

const deep = process.env.LENSYNC_CAMPAIGN_RUNS !== undefined
const runsOf = (ci: number) => (deep ? Number(process.env.LENSYNC_CAMPAIGN_RUNS) : ci)
const only = process.env.LENSYNC_CAMPAIGN_STORAGE
const replay = replayFromEnv()
const ci = process.env.CI === 'true'
const pgReason = await postgresUnreachable()
if (pgReason && !ci) console.warn(`[campaign.test.ts] PostgreSQL campaign skipped: ${pgReason}`)

let world: World
beforeAll(async () => {
  world = await startWorld(3)
})
afterAll(async () => {
  await world?.stop()
})

function campaign(name: StorageKind['name'], make: () => StorageKind, ciRuns: number) {
  test.skipIf(only !== undefined && only !== name)(`behavior: ${name} storage, ${runsOf(ciRuns)} sequences`, { timeout: deep ? 0 : 170_000 }, async () => {
    const kind = make()
    const counted = { sequences: 0 }
    const started = Date.now()
    try {
      await runCampaign(world, kind, { runs: replay.seed !== undefined ? 1 : runsOf(ciRuns), ...replay, counted })
    } finally {
      await kind.close()
      console.info(`[campaign] ${name}: ${counted.sequences} sequences in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }
    expect(counted.sequences).toBe(replay.seed !== undefined ? 1 : runsOf(ciRuns))
  })
}

describe('campaign', () => {
  campaign('memory', memoryKind, 120)
  campaign('pglite', pgliteKind, 50)
  if (pgReason !== undefined && ci)
    test(`error: PostgreSQL is required under CI=true: ${pgReason}`, () => {
      throw new Error(`the PostgreSQL campaign cannot run under CI=true: ${pgReason}`)
    })
  else if (pgReason !== undefined) test.skip(`postgres storage — skipped: ${pgReason}`, () => undefined)
  else campaign('postgres', postgresKind, 30)
})
