/**
 * vitest setup: `LENSYNC_SEED=<n>` pins the seed of every property test (fast-check's global seed,
 * which `checkLaws`/`checkEditLaws` also follow), so a failure printed with "seed n" replays exactly.
 * Unset, every run explores fresh random data.
 */
import fc from 'fast-check'

const pinned = process.env.LENSYNC_SEED
if (pinned !== undefined && pinned !== '') {
  const seed = Number(pinned)
  if (!Number.isInteger(seed)) throw new Error(`LENSYNC_SEED must be an integer, got ${JSON.stringify(pinned)}`)
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
}
