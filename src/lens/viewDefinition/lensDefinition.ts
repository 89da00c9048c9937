/**
 * A JSON form of lensync's own combinators, so that peers exchange a lens definition instead of
 * code.
 *
 * @since 0.2.0
 */
import { compose } from '../compose.js'
import * as fhir from '../fhir/index.js'
import { filterNode } from '../filter.js'
import { id, type Lens, type PathKey } from '../Lens.js'
import { makePath } from '../_internal/pathNode.js'
import { redact } from '../redact.js'
import { omit } from '../omit.js'
import { pick } from '../pick.js'
import { rename } from '../rename.js'
import { ViewDefinitionError } from './errors.js'

/**
 * One step of a JSON lens definition: an object with exactly one of these keys.
 *
 * - `{ "prop": "name" }`, `{ "path": ["name", 0, "family"] }` — navigation.
 * - `{ "pick": ["id", "code"] }`, `{ "omit": ["text"] }`, `{ "rename": ["birthDate", "dob"] }`.
 * - `{ "redact": "birthDate" }` — the field removed from the view (restored on put).
 * - `{ "keyed": "identifier" | "coding" | "extension" | "entry" | "item" }` — the FHIR list preset
 *   of that property (`fhir.identifiers()` …), optionally `{ "keyed": "extension", "where": { "url": "…" } }`.
 * - `{ "where": { "field": value, … } }` — `filter` on an array: items whose fields equal the values.
 * - `{ "pipe": [step, …] }` — steps in order.
 *
 * @category view definitions
 * @since 0.2.0
 */
export type LensStepDefinition =
  | { readonly prop: string }
  | { readonly path: readonly PathKey[] }
  | { readonly pick: readonly string[] }
  | { readonly omit: readonly string[] }
  | { readonly rename: readonly [string, string] }
  | { readonly redact: string }
  | { readonly keyed: 'identifier' | 'coding' | 'extension' | 'entry' | 'item'; readonly where?: Readonly<Record<string, string | number | boolean>> }
  | { readonly where: Readonly<Record<string, string | number | boolean>> }
  | LensDefinition

/**
 * A lens written as JSON data: `{ "pipe": [ … ] }`.
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface LensDefinition {
  readonly pipe: readonly LensStepDefinition[]
}

type AnyLens = Lens<unknown, unknown>

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function bad(pointer: string, message: string): never {
  throw new ViewDefinitionError({ code: 'InvalidLensDefinition', pointer, message })
}

const strings = (v: unknown, pointer: string): string[] => {
  if (!Array.isArray(v) || v.length === 0 || v.some((k) => typeof k !== 'string')) bad(pointer, 'expected a non-empty array of strings.')
  return v as string[]
}

const matches = (fields: Record<string, unknown>) => (item: unknown) =>
  isRecord(item) && Object.entries(fields).every(([k, v]) => item[k] === v)

function fieldsOf(v: unknown, pointer: string): Record<string, string | number | boolean> {
  if (!isRecord(v) || Object.keys(v).length === 0 || Object.values(v).some((x) => !['string', 'number', 'boolean'].includes(typeof x)))
    bad(pointer, 'where must be an object of field values (strings, numbers, booleans).')
  return v as Record<string, string | number | boolean>
}

const presets = {
  identifier: fhir.identifiers,
  coding: fhir.codings,
  extension: fhir.extensions,
  entry: fhir.entries,
  item: fhir.items,
} as const

function step(def: unknown, pointer: string): AnyLens {
  if (!isRecord(def)) return bad(pointer, 'a step must be an object.')
  const keys = Object.keys(def).filter((k) => k !== 'where' || !('keyed' in def))
  if (keys.length !== 1) return bad(pointer, `a step has exactly one combinator key, found ${keys.length === 0 ? 'none' : keys.join(', ')}.`)
  const start = id<unknown>()
  switch (keys[0]) {
    case 'pipe': {
      if (!Array.isArray(def.pipe)) return bad(`${pointer}/pipe`, 'pipe must be an array of steps.')
      return def.pipe.reduce<AnyLens>((lens, s, i) => compose(lens, step(s, `${pointer}/pipe/${i}`)), start)
    }
    case 'prop':
      if (typeof def.prop !== 'string') return bad(`${pointer}/prop`, 'prop must be a string.')
      return makePath([def.prop])
    case 'path': {
      const ks = def.path
      if (!Array.isArray(ks) || ks.length === 0 || ks.some((k) => typeof k !== 'string' && !(Number.isSafeInteger(k) && (k as number) >= 0)))
        return bad(`${pointer}/path`, 'path must be a non-empty array of keys and indices.')
      return makePath(ks as PathKey[])
    }
    case 'pick':
      return pick(strings(def.pick, `${pointer}/pick`) as never)(start as never) as AnyLens
    case 'omit':
      return omit(strings(def.omit, `${pointer}/omit`) as never)(start as never) as AnyLens
    case 'rename': {
      const [from, to] = strings(def.rename, `${pointer}/rename`)
      if (to === undefined) return bad(`${pointer}/rename`, 'rename is [from, to].')
      return rename(from as never, to as never)(start as never) as AnyLens
    }
    case 'redact':
      if (typeof def.redact !== 'string') return bad(`${pointer}/redact`, 'redact must name a field.')
      return redact(def.redact, 'remove')(start as never) as AnyLens
    case 'keyed': {
      const preset = presets[def.keyed as keyof typeof presets]
      if (preset === undefined) return bad(`${pointer}/keyed`, `keyed must be one of ${Object.keys(presets).join(', ')}.`)
      const where = def.where === undefined ? undefined : matches(fieldsOf(def.where, `${pointer}/where`))
      return (preset as (o?: { where?: (i: unknown) => boolean }) => (l: AnyLens) => AnyLens)(where && { where })(start)
    }
    case 'where':
      return filterNode(matches(fieldsOf(def.where, `${pointer}/where`)), { step: `where(${JSON.stringify(def.where)})` }) as AnyLens
    default:
      return bad(pointer, `unknown combinator "${keys[0]}"; use pipe, prop, path, pick, omit, rename, redact, keyed or where.`)
  }
}

/**
 * Compiles a JSON lens definition into a lens.
 *
 * **When to use** — when the lens of a shared view travels as data (and is hashed on chain) rather
 * than as code; for SQL on FHIR tables use a ViewDefinition and {@link viewDefinition}.
 *
 * **Laws** — those of the combinators it names (each states its own).
 *
 * **Details** — checked when compiled: an unknown combinator or bad arguments are a
 * `ViewDefinitionError` with code `InvalidLensDefinition` and a pointer into the definition.
 *
 * **Example** (the identifiers of a patient, without their periods)
 * ```ts
 * import { lensDefinition } from 'lensync/views'
 * const _ids = lensDefinition({ pipe: [{ keyed: 'identifier' }] })
 * _ids.get({ resourceType: 'Patient', identifier: [{ system: 'urn:mrn', value: '7' }] })
 * // Output: [{ system: 'urn:mrn', value: '7' }]
 * ```
 *
 * @category view definitions
 * @since 0.2.0
 */
export function lensDefinition(definition: LensDefinition): Lens<unknown, unknown> {
  if (!isRecord(definition) || !('pipe' in definition)) bad('', 'a lens definition is an object { "pipe": [steps] }.')
  return step(definition, '')
}
