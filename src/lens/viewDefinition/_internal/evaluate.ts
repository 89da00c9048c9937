/**
 * The rows of a view over one resource: the SQL on FHIR v2 processing algorithm, expressions
 * evaluated by the FHIRPath engine.
 *
 * @internal
 */
import type { JsonValue } from '../../../json/JsonValue.js'
import { ViewDefinitionError } from '../errors.js'
import type { ViewRow } from '../types.js'
import { type FhirPathValue, toJson } from './fhirPath.js'
import type { SelectPlan, ViewPlan } from './plan.js'

/** Whether `resource` gives rows: its type is the view's and every `where` yields `true`. */
export function includes(plan: ViewPlan, resource: unknown): boolean {
  if (typeof resource !== 'object' || resource === null || (resource as { resourceType?: unknown }).resourceType !== plan.resource)
    return false
  for (const w of plan.where) {
    const result = toJson(w.evaluate(resource, plan.constants))
    if (result.length === 0) return false
    if (result.length > 1 || typeof result[0] !== 'boolean')
      throw new ViewDefinitionError({
        code: 'NotABoolean',
        pointer: w.pointer,
        message: `the where expression ${JSON.stringify(w.path)} must yield one boolean (or nothing), got ${JSON.stringify(result).slice(0, 80)}.`,
      })
    if (result[0] !== true) return false
  }
  return true
}

/** The rows of `resource` (none when it is not of the view's type or a `where` excludes it). */
export function rowsOf(plan: ViewPlan, resource: unknown): ViewRow[] {
  if (!includes(plan, resource)) return []
  return selectRows(plan, plan.root, resource, 0)
}

function nullRow(names: readonly string[]): ViewRow {
  const row: ViewRow = {}
  for (const n of names) row[n] = null
  return row
}

/** The focus of a `forEachOrNull` that found nothing: an empty collection. */
const NOTHING: readonly unknown[] = Object.freeze([])

/** Every pairing of one row from each part, merged (the cartesian product of the parts). */
function product(parts: readonly ViewRow[][]): ViewRow[] {
  let out: ViewRow[] = [{}]
  for (const part of parts) {
    const next: ViewRow[] = []
    for (const a of out) for (const b of part) next.push({ ...a, ...b })
    out = next
  }
  return out
}

/** The foci a repeat yields: every node reached by the expressions, depth first. */
function repeated(plan: ViewPlan, s: SelectPlan, focus: FhirPathValue): FhirPathValue[] {
  const out: FhirPathValue[] = []
  const visit = (node: FhirPathValue): void => {
    for (const e of s.repeat!)
      for (const child of e(node, plan.constants)) {
        out.push(child)
        visit(child)
      }
  }
  visit(focus)
  return out
}

function selectRows(plan: ViewPlan, s: SelectPlan, focus: FhirPathValue, rowIndex: number): ViewRow[] {
  let foci: readonly FhirPathValue[]
  let indexed = false
  if (s.forEach !== undefined) {
    foci = s.forEach.evaluate(focus, { ...plan.constants, rowIndex })
    indexed = true
    if (foci.length === 0 && s.forEach.orNull) foci = [NOTHING]
  } else if (s.repeat !== undefined) {
    foci = repeated(plan, s, focus)
    indexed = true
  } else foci = [focus]
  const out: ViewRow[] = []
  foci.forEach((f, i) => {
    const index = indexed ? i : rowIndex
    const env = { ...plan.constants, rowIndex: index }
    const own: ViewRow = {}
    for (const c of s.columns) {
      const values = toJson(c.evaluate(f, env)) as JsonValue[]
      if (c.collection) own[c.name] = values
      else if (values.length > 1)
        throw new ViewDefinitionError({
          code: 'NotASingleValue',
          pointer: `${c.pointer}/path`,
          message: `the column "${c.name}" yields ${values.length} values for one row; set collection: true or narrow the path (first(), [0], where(…)).`,
        })
      else own[c.name] = values[0] ?? null
    }
    // Below a forEachOrNull that found nothing, every column is null (but %rowIndex is 0).
    const nested = (n: SelectPlan): ViewRow[] => (f === NOTHING ? [nullRow(n.names)] : selectRows(plan, n, f, index))
    const parts: ViewRow[][] = [[own], ...s.selects.map(nested)]
    if (s.unionAll !== undefined) parts.push(f === NOTHING ? [nullRow(s.unionAll[0]!.names)] : s.unionAll.flatMap((u) => selectRows(plan, u, f, index)))
    for (const row of product(parts)) out.push(row)
  })
  return out
}
