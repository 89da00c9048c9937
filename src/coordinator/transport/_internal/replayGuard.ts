/**
 * The nonces a server already answered, each kept until its request could no longer be fresh.
 *
 * @internal
 */

/** What {@link ReplayGuard.admit} decided. */
export type Admission = 'fresh' | 'replay' | 'full'

export interface ReplayGuard {
  /** Records `key` until `expiresAt` (ms); `'replay'` when it is already recorded, `'full'` when `capacity` live keys are. */
  admit(key: string, expiresAt: number): Admission
}

/** A guard holding at most `capacity` live keys: a full guard refuses new ones rather than forget one (which would let it be replayed). */
export function createReplayGuard(now: () => number, capacity = 100_000): ReplayGuard {
  const seen = new Map<string, number>()
  const sweep = (t: number) => {
    for (const [key, expiresAt] of seen) if (expiresAt <= t) seen.delete(key)
  }
  return {
    admit(key, expiresAt) {
      const t = now()
      const known = seen.get(key)
      if (known !== undefined && known > t) return 'replay'
      if (seen.size >= capacity) sweep(t)
      if (seen.size >= capacity) return 'full'
      seen.set(key, expiresAt)
      return 'fresh'
    },
  }
}
