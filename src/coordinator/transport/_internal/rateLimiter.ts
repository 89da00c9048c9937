/**
 * A token bucket per client: `rate` requests per second on average, bursts of up to `burst`.
 *
 * @internal
 */

export interface RateLimiter {
  /** Takes a token for `client`; `false` when its bucket is empty. */
  take(client: string): boolean
}

/** At most `maxClients` buckets are kept; the fullest (least recently emptied) are forgotten first. */
export function createRateLimiter(rate: number, burst: number, now: () => number, maxClients = 10_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(client) {
      const t = now()
      let bucket = buckets.get(client)
      if (bucket === undefined) {
        if (buckets.size >= maxClients) {
          // Forget buckets that refilled completely: they hold no state worth keeping.
          for (const [key, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * rate >= burst) buckets.delete(key)
          if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!)
        }
        bucket = { tokens: burst, at: t }
      } else buckets.delete(client)
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * rate)
      bucket.at = t
      buckets.set(client, bucket)
      if (bucket.tokens < 1) return false
      bucket.tokens -= 1
      return true
    },
  }
}
