/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same FHIR data on every machine,
 * so every benchmark run measures the same records.
 */

/** A deterministic random source. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max]. */
  int(min: number, max: number): number
  /** One item of `items`. */
  pick<T>(items: readonly T[]): T
  /** `length` characters of `[0-9A-Z]`. */
  code(length: number): string
}

/** Returns a {@link Random} seeded with `seed` (a 32-bit integer). */
export function random(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  const code = (length: number): string => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)]
    return out
  }
  return { next, int, pick, code }
}
