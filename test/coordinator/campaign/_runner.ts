/**
 * Runs the campaign on one storage kind: `runs` sequences of at most 8 commands, each on a fresh
 * system (new views, peers and stores on the shared anvil), settled and checked at the end.
 *
 * Environment:
 * - `LENSYNC_CAMPAIGN_RUNS`: sequences per storage kind (CI default in the test file; ≥ 10000 for a
 *   deep run).
 * - `LENSYNC_CAMPAIGN_SEED` and `LENSYNC_CAMPAIGN_PATH`: replay the failure a run printed, exactly.
 */
import fc from 'fast-check'
import type { World } from '../integration/_harness.js'
import { type Model, assertNone } from './_command.js'
import { Settle, commands } from './_commands.js'
import { checkSettled } from './_invariants.js'
import { System, type SystemOptions } from './_system.js'
import type { StorageKind } from './_storageKinds.js'

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  readonly runs: number
  readonly seed?: number | undefined
  readonly path?: string | undefined
  /** Changes every system (the self-tests break the engine here). */
  readonly wrapStorage?: SystemOptions['wrapStorage']
  /** Sequences that completed (for the report). */
  readonly counted?: { sequences: number } | undefined
}

/** The seed and path from the environment, when a failure is being replayed. */
export function replayFromEnv(): { seed?: number; path?: string } {
  const seed = process.env.LENSYNC_CAMPAIGN_SEED
  const path = process.env.LENSYNC_CAMPAIGN_PATH
  return { ...(seed ? { seed: Number(seed) } : {}), ...(path ? { path } : {}) }
}

export async function runCampaign(world: World, kind: StorageKind, options: CampaignOptions): Promise<void> {
  const property = fc.asyncProperty(fc.constantFrom<'direct' | 'relay'>('direct', 'relay'), fc.commands(commands, { maxCommands: 8 }), async (ackMode, cmds) => {
    // Each sequence runs on a fresh fork of the deployed chain: reverted afterwards, so that the
    // chain (and every peer's log scan) stays small however many sequences run.
    const snapshot = await world.testClient.snapshot()
    const system = await System.create(world, kind, { ackMode, wrapStorage: options.wrapStorage })
    try {
      await fc.asyncModelRun(() => ({ model: { doctorWrites: true } satisfies Model, real: system }), cmds)
      // Every sequence ends settled: the peers converge whatever came before.
      await system.settleFully()
      assertNone(await checkSettled(system), `${new Settle().toString()} (end of sequence)`)
      if (options.counted) options.counted.sequences++
      if (options.counted && process.env.LENSYNC_CAMPAIGN_PROGRESS) console.info(`[campaign] ${kind.name}: ${options.counted.sequences} (${ackMode}, ${cmds})`)
    } finally {
      await system.close()
      await world.testClient.revert({ id: snapshot })
    }
  })
  await fc.assert(property, {
    numRuns: options.runs,
    // A sequence that hangs (a livelock, an await that never resolves) fails with its seed too.
    timeout: 30_000,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    endOnFailure: true,
    reporter: (details) => {
      if (!details.failed) return
      throw new Error(
        `campaign failed on ${kind.name} storage — replay with LENSYNC_CAMPAIGN_SEED=${details.seed} LENSYNC_CAMPAIGN_PATH=${details.counterexamplePath}\n` +
          `counterexample: ${fc.stringify(details.counterexample)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
      )
    },
  })
}
