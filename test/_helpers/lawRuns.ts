/**
 * Runs per law for `checkLaws` in the test suite: 1,000 by default (the CI floor);
 * set `LENSYNC_LAW_RUNS` (e.g. 20000) for a deep check.
 */
export function lawRuns(): number {
  const fromEnv = Number(process.env.LENSYNC_LAW_RUNS)
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1000
}
