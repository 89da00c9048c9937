/**
 * `fhir.byType(cases)`: a different lens per FHIR resource type.
 *
 * @since 0.1.0
 */
import { compose } from '../compose.js'
import { LensError } from '../errors.js'
import type { Lens, LensTag } from '../Lens.js'
import { isRecord, typeName } from '../_internal/record.js'
import type { Resource } from './types.js'

/**
 * The lenses of {@link byType}, by `resourceType`. Each maps a resource to a view of the same type.
 *
 * @category models
 * @since 0.1.0
 */
export type ResourceCases = { readonly [resourceType: string]: CaseLens }

/**
 * Any lens, with its types erased (a case of {@link byType}).
 *
 * @category models
 * @since 0.1.0
 */
export interface CaseLens {
  readonly _tag: LensTag
  readonly step: string
  get(s: never): unknown
  put(s: never, v: never): unknown
  create(v: never): unknown
}

/**
 * The `ByType` node.
 *
 * @category models
 * @since 0.1.0
 */
export interface ByTypeLens<S, V> extends Lens<S, V> {
  readonly _tag: 'ByType'
  /** The lens for each resource type; other types pass through unchanged. */
  readonly cases: Readonly<Record<string, Lens<unknown, unknown>>>
}

/**
 * Applies the lens registered for a resource's `resourceType`; resources of other types pass
 * through unchanged.
 *
 * **When to use** — inside a Bundle, where entries hold resources of several types:
 * `under('resource', fhir.byType({ Patient: _deidentifiedPatient, Observation: _observation }))`.
 *
 * **Laws** (given each case lens keeps `resourceType` in its view and in what it creates)
 * 1. GetPut: `put(s, get(s)) === s` — holds when each case satisfies GetPut.
 * 2. PutGet: `get(put(s, v))` equals `v` — holds when each case satisfies PutGet and CreateGet.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — holds when each case satisfies PutPut and a
 *    view does not change the resource's type (a type change re-creates the resource).
 * 4. CreateGet: `get(create(v))` equals `v` — holds when each case satisfies CreateGet.
 *
 * **Details**
 * - A view whose `resourceType` differs from the source's is created afresh from the view (the old
 *   resource's hidden parts are not carried to another type).
 * - A source or view that is not an object with a string `resourceType` is `ViewOutOfRange`; a case
 *   lens whose view drops or changes `resourceType` is `ViewOutOfRange` on `get`.
 *
 * **Example** (hide names in Patients, keep every other resource)
 * ```ts
 * import { fhir, id, omit, pipe } from 'lensync'
 * const _anonymous = pipe(id<fhir.AnyResource>(), fhir.byType({ Patient: pipe(id<fhir.Patient>(), omit(['name'])) }))
 * ```
 *
 * @category FHIR presets
 * @since 0.1.0
 */
export function byType(cases: ResourceCases): <S, A extends Resource | undefined>(self: Lens<S, A>) => Lens<S, A> {
  const step = `fhir.byType(${Object.keys(cases ?? {}).join(', ')})`
  if (!isRecord(cases))
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `fhir.byType: cases must be an object of lenses, got ${typeName(cases)}.` })
  for (const [type, lens] of Object.entries(cases))
    if (typeof (lens as CaseLens | undefined)?.get !== 'function')
      throw new LensError({ code: 'InvalidLens', pointer: '', step, message: `fhir.byType: the case "${type}" must be a lens.` })
  const node = makeByType(cases as unknown as Record<string, Lens<unknown, unknown>>, step)
  return (self) => compose(self, node as never)
}

function makeByType(cases: Record<string, Lens<unknown, unknown>>, step: string): ByTypeLens<unknown, unknown> {
  const typeOf = (value: unknown, what: string): string => {
    if (isRecord(value) && typeof value.resourceType === 'string') return value.resourceType
    throw new LensError({ code: 'ViewOutOfRange', pointer: '/resourceType', step, message: `fhir.byType: the ${what} must be a FHIR resource with a resourceType, got ${typeName(value)}.` })
  }
  const caseOf = (type: string) => (Object.prototype.hasOwnProperty.call(cases, type) ? cases[type] : undefined)
  const checked = (type: string, view: unknown): unknown => {
    if (typeOf(view, 'view') !== type)
      throw new LensError({ code: 'ViewOutOfRange', pointer: '/resourceType', step, message: `fhir.byType: the lens for ${type} must keep resourceType in its view.` })
    return view
  }
  return {
    _tag: 'ByType',
    step,
    cases,
    get(s) {
      if (s === undefined) return undefined
      const type = typeOf(s, 'source')
      const lens = caseOf(type)
      return lens === undefined ? s : checked(type, lens.get(s))
    },
    put(s, v) {
      if (v === undefined) return undefined
      const type = typeOf(v, 'view')
      const lens = caseOf(type)
      if (lens === undefined) return v
      return s !== undefined && typeOf(s, 'source') === type ? lens.put(s, v) : lens.create(v)
    },
    create(v) {
      if (v === undefined) return undefined
      const lens = caseOf(typeOf(v, 'view'))
      return lens === undefined ? v : lens.create(v)
    },
  }
}
