import fc from 'fast-check'

/**
 * The seed of a law check: the one given, else fast-check's global seed when a test setup configured
 * one (`fc.configureGlobal({ seed })`), else a fresh random one. Reported with every failure.
 *
 * @internal
 */
export function checkSeed(given: number | undefined): number {
  if (given !== undefined) return given
  const global = fc.readConfigureGlobal().seed
  return global !== undefined ? global : (Math.random() * 0x7fffffff) | 0
}
