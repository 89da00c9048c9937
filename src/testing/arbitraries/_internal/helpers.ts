/**
 * Small generators shared by the FHIR arbitraries: identifiers, dates, words, key-order variation and
 * constraint checks.
 *
 * @internal
 */
import fc from 'fast-check'
import { InvalidConstraintsError } from '../../errors.js'

/** Checks that `value` is a non-negative integer (or absent) and returns it or the default. @internal */
export function count(api: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidConstraintsError({ api, constraint: name, message: 'must be a non-negative integer', value })
  return value
}

/** Checks that `value` is a boolean (or absent) and returns it or the default. @internal */
export function flag(api: string, name: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean')
    throw new InvalidConstraintsError({ api, constraint: name, message: 'must be a boolean', value })
  return value
}

/** Checks that `min <= max`. @internal */
export function range(api: string, minName: string, min: number, maxName: string, max: number): void {
  if (min > max)
    throw new InvalidConstraintsError({ api, constraint: minName, message: `must not exceed ${maxName} (${max})`, value: min })
}

/** Checks that `constraints` is an object or absent. @internal */
export function constraintsObject<C extends object>(api: string, constraints: C | undefined): C {
  if (constraints === undefined) return {} as C
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints))
    throw new InvalidConstraintsError({ api, constraint: 'constraints', message: 'must be an object', value: constraints })
  return constraints
}

const syllables = ['an', 'bel', 'cor', 'da', 'el', 'fin', 'gar', 'hal', 'is', 'jon', 'ka', 'lor', 'mer', 'nor', 'ol', 'pra', 'quin', 'ros', 'sel', 'tor', 'ul', 'ven', 'wil', 'xa', 'yor', 'zen'] as const

/** A made-up capitalised name of 2–3 syllables. @internal */
export const nameWord: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...syllables), { minLength: 2, maxLength: 3 })
  .map((parts) => {
    const word = parts.join('')
    return word.charAt(0).toUpperCase() + word.slice(1)
  })

/** A made-up lower-case word. @internal */
export const word: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''))

/** A short made-up phrase (1–4 words). @internal */
export const phrase: fc.Arbitrary<string> = fc
  .array(word, { minLength: 1, maxLength: 4 })
  .map((words) => {
    const text = words.join(' ')
    return text.charAt(0).toUpperCase() + text.slice(1)
  })

/** Free text with unicode and JSON-sensitive characters, never empty or blank. @internal */
export const freeText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: phrase },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' }).filter((s) => s.trim().length > 0) },
  { weight: 1, arbitrary: fc.constantFrom('Ünïcødé naïve café', 'line\nbreak "quoted" \\ back', 'ščř 日本語 😀', 'tab\there / slash ~0 ~1') },
)

/** A FHIR `id`: `[A-Za-z0-9\-.]{1,64}`. @internal */
export const fhirId: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9\-.]{0,15}$/),
  fc.uuid(),
  fc.integer({ min: 1, max: 999999 }).map(String),
)

/** A digit string of the given length range. @internal */
export function digits(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength, maxLength }).map((d) => d.join(''))
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** A FHIR `date`: `YYYY`, `YYYY-MM` or (mostly) `YYYY-MM-DD`. @internal */
export const fhirDate: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1920, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.nat(9))
  .map(([y, m, d, precision]) => (precision === 0 ? `${y}` : precision === 1 ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`))

const zone = fc.constantFrom('Z', '+00:00', '+01:00', '-05:00', '+05:30', '+10:00')

/** A full FHIR `instant` (`YYYY-MM-DDThh:mm:ss[.sss]zz`). @internal */
export const fhirInstant: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 2000, max: 2025 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
    zone,
  )
  .map(([y, mo, d, h, mi, s, ms, z]) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${ms === undefined ? '' : `.${pad(ms, 3)}`}${z}`)

/** A FHIR `dateTime`: a date, or a full instant. @internal */
export const fhirDateTime: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: fhirDate }, { weight: 3, arbitrary: fhirInstant })

/** A FHIR `decimal` as a JS number with 0–3 decimals (`7`, `7.2`, `0.05`), never `-0`. @internal */
export function decimal(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .tuple(fc.integer({ min: Math.ceil(min * 1000), max: Math.floor(max * 1000) }), fc.integer({ min: 0, max: 3 }))
    .map(([milli, scale]) => {
      const rounded = Number((milli / 1000).toFixed(scale))
      const value = rounded < min || rounded > max ? milli / 1000 : rounded
      return value === 0 ? 0 : value
    })
}

/** A made-up `urn:uuid:` URL. @internal */
export const urnUuid: fc.Arbitrary<string> = fc.uuid().map((u) => `urn:uuid:${u}`)

/**
 * Sometimes reorders an object's own keys (reversed, or sorted alphabetically), since key order is not
 * significant in FHIR JSON and lenses must not depend on it. Values are shared, never copied.
 *
 * @internal
 */
export function varyKeyOrder<T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.tuple(arb, fc.nat(5)).map(([value, mode]) => {
    if (mode > 1) return value
    const keys = Object.keys(value)
    if (mode === 0) keys.reverse()
    else keys.sort()
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = (value as Record<string, unknown>)[k]
    return out as T
  })
}

/**
 * A record whose keys not in `required` are sometimes left out (never present as `undefined`): half
 * of the time, or a fifth of the time for keys in `rare`. A key whose arbitrary is `undefined` (e.g.
 * an array with a maximum of 0) is always left out. Shrinks towards fewer keys.
 *
 * @internal
 */
export function record<T extends object>(
  model: { readonly [K in keyof T]?: fc.Arbitrary<Exclude<T[K], undefined>> | undefined },
  required: readonly (keyof T)[] = [],
  rare: readonly (keyof T)[] = [],
): fc.Arbitrary<T> {
  const kept: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [k, arb] of Object.entries(model) as [string, fc.Arbitrary<unknown> | undefined][]) {
    if (arb === undefined) continue
    if (required.includes(k as keyof T)) kept[k] = arb
    else
      kept[k] = fc.oneof(
        { withCrossShrink: true },
        { weight: rare.includes(k as keyof T) ? 4 : 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: arb },
      )
  }
  return fc.record(kept).map((r) => compact(r) as T)
}

/** Removes keys whose value is `undefined`, so no key is present with an `undefined` value. @internal */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v
  return out as T
}

/** A non-empty array of at most `max` items, or `undefined` when `max` is 0 (so the key is left out). @internal */
export function nonEmpty<T>(arb: fc.Arbitrary<T>, max: number, unique?: (item: T) => unknown): fc.Arbitrary<T[]> | undefined {
  if (max <= 0) return undefined
  return unique
    ? fc.uniqueArray(arb, { minLength: 1, maxLength: max, selector: unique })
    : fc.array(arb, { minLength: 1, maxLength: max })
}
