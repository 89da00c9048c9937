/**
 * The put side of a compiled view: which columns are writable, and the lens from a resource (a list
 * of resources, a Bundle) to its rows.
 *
 * - A view with no iteration has one row per resource: each writable column is a lens from the
 *   resource (see `pathLens.ts`), put one after the other.
 * - A view with one `forEach`/`forEachOrNull` over a list has one row per item: the list's lens
 *   (`prop`, `filter`) composed with `keyed` over the items — aligned by the FHIR key of the list
 *   (`identifier` by `system|value`, `coding` by `system|code`, `extension` by `url`, `item` by
 *   `linkId`) when the item columns hold it, else by position — and a row lens over each item.
 *   Columns outside the `forEach` repeat on every row and must agree.
 * - `repeat`, `unionAll`, nested or sibling iterations make every column read-only.
 * - Every put ends with a check: the rows of the new source, by the FHIRPath engine, must be the
 *   view. A difference in a read-only column is refused naming the column; any other difference
 *   (two columns writing one element, a `where` the edit breaks) is refused too. So PutGet holds
 *   whenever put returns, and a put never drops an edit silently.
 *
 * @internal
 */
import { deepEqual } from '../../../json/equal.js'
import type { JsonValue } from '../../../json/JsonValue.js'
import { toPointer } from '../../../json/pointer.js'
import { compose } from '../../compose.js'
import { LensError } from '../../errors.js'
import { keyedNode } from '../../keyed.js'
import type { Lens } from '../../Lens.js'
import { ViewDefinitionError } from '../errors.js'
import type { ViewRow } from '../types.js'
import { rowsOf } from './evaluate.js'
import { resourceKeyOf } from './fhirPath.js'
import { compileArray, compileColumn } from './pathLens.js'
import type { ColumnPlan, SelectPlan, ViewPlan } from './plan.js'

type AnyLens = Lens<unknown, unknown>
type Resource = { readonly resourceType: string; readonly id?: string } & Record<string, unknown>

/** The lens of a compiled view, with what it can write. */
export interface RowsLens {
  readonly get: (s: unknown) => ViewRow[]
  readonly put: (s: unknown, v: ViewRow[]) => unknown
  readonly create: (v: ViewRow[]) => unknown
  readonly writable: readonly string[]
  readonly readOnly: Readonly<Record<string, string>>
  readonly forEach: { readonly path: string; readonly columns: readonly string[] } | undefined
}

interface WritableColumn {
  readonly name: string
  readonly lens: AnyLens
}

/** FHIR lists with an identity, and the item fields that make the key. */
const listKeys: Readonly<Record<string, readonly string[]>> = {
  identifier: ['system', 'value'],
  coding: ['system', 'code'],
  security: ['system', 'code'],
  tag: ['system', 'code'],
  extension: ['url'],
  modifierExtension: ['url'],
  item: ['linkId'],
}

/** The view's structure: its columns split by focus, and the one iteration if there is one. */
interface Shape {
  readonly outer: readonly ColumnPlan[]
  readonly iteration: { readonly select: SelectPlan; readonly inner: readonly ColumnPlan[] } | undefined
  /** Why no column can be written, when the structure forbids it. */
  readonly blocked: string | undefined
}

function columnsBelow(s: SelectPlan): ColumnPlan[] {
  return [...s.columns, ...s.selects.flatMap(columnsBelow), ...(s.unionAll ?? []).flatMap(columnsBelow)]
}

function shapeOf(plan: ViewPlan): Shape {
  const outer: ColumnPlan[] = []
  const iterations: { select: SelectPlan; inner: ColumnPlan[] }[] = []
  let blocked: string | undefined
  const visit = (s: SelectPlan, inside: boolean): void => {
    if (s.repeat !== undefined) blocked ??= 'repeat rows have no single source item'
    if (s.unionAll !== undefined) blocked ??= 'unionAll rows come from several branches'
    if (s.forEach !== undefined) {
      if (inside) blocked ??= 'nested forEach rows are a product of two lists'
      iterations.push({ select: s, inner: columnsBelow(s) })
      for (const n of s.selects) visit(n, true)
      return
    }
    if (!inside) outer.push(...s.columns)
    for (const n of s.selects) visit(n, inside)
    for (const u of s.unionAll ?? []) visit(u, inside)
  }
  visit(plan.root, false)
  if (iterations.length > 1) blocked ??= 'the rows are a product of several forEach lists'
  return { outer, iteration: iterations[0], blocked }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A row lens over the writable columns: each column put in turn (`null` removes). */
function rowLens(columns: readonly WritableColumn[], template: Readonly<Record<string, unknown>>): AnyLens {
  const get = (s: unknown): ViewRow => {
    const row: ViewRow = {}
    for (const c of columns) {
      const v = c.lens.get(s)
      row[c.name] = v === undefined ? null : (v as JsonValue)
    }
    return row
  }
  const put = (s: unknown, v: unknown): unknown => {
    let out = s
    const row = v as ViewRow
    for (const c of columns) {
      const value = row[c.name]
      out = c.lens.put(out, value === null || value === undefined ? undefined : value)
    }
    return out
  }
  return { _tag: 'Custom', step: `columns(${columns.map((c) => c.name).join(', ')})`, get, put, create: (v) => put({ ...template }, v) }
}

export function rowsLens(plan: ViewPlan, over: 'resource' | 'resources' | 'bundle'): RowsLens {
  const shape = shapeOf(plan)
  const readOnly: Record<string, string> = {}
  const writableOf = (cols: readonly ColumnPlan[], typePath: string | undefined): WritableColumn[] => {
    const out: WritableColumn[] = []
    for (const c of cols) {
      if (shape.blocked !== undefined) readOnly[c.name] = shape.blocked
      else if (c.collection) readOnly[c.name] = 'a collection column'
      else {
        const compiled = compileColumn(c.path, typePath, plan.constants)
        if ('readOnly' in compiled) readOnly[c.name] = compiled.readOnly
        else out.push({ name: c.name, lens: compiled.lens })
      }
    }
    return out
  }
  const outer = writableOf(shape.outer, plan.resource)
  let items: { lens: AnyLens; inner: readonly string[]; orNull: boolean } | undefined
  if (shape.iteration !== undefined && shape.blocked === undefined) {
    const forEach = shape.iteration.select.forEach!
    const array = compileArray(forEach.path, plan.resource, plan.constants)
    if ('readOnly' in array) for (const c of shape.iteration.inner) readOnly[c.name] = `forEach ${JSON.stringify(forEach.path)}: ${array.readOnly}`
    else {
      const inner = writableOf(shape.iteration.inner, array.typePath)
      const keyFields = listKeys[array.member]
      const keyColumns = keyFields?.map((f) => shape.iteration!.inner.find((c) => c.path === f && inner.some((w) => w.name === c.name))?.name)
      const key =
        keyColumns !== undefined && keyColumns.every((k) => k !== undefined)
          ? (row: unknown) => keyColumns.map((k) => { const v = (row as ViewRow)[k!]; return v === null || v === undefined ? '' : String(v) }).join('|')
          : () => undefined
      const item = rowLens(inner, array.template)
      const keyedRows = keyedNode(key, item, { unkeyed: 'positional', emptyAsAbsent: !array.filtered, step: `rows(${forEach.path})` })
      items = { lens: compose(array.lens, keyedRows as AnyLens), inner: inner.map((c) => c.name), orNull: forEach.orNull }
    }
  } else if (shape.iteration !== undefined) for (const c of shape.iteration.inner) readOnly[c.name] = shape.blocked!
  const outerRow = rowLens(outer, {})
  const writable = [...outer.map((c) => c.name), ...(items?.inner ?? [])]
  const forEach = shape.iteration === undefined ? undefined : { path: shape.iteration.select.forEach!.path, columns: shape.iteration.inner.map((c) => c.name) }

  const refuse = (pointer: string, column: string | undefined, message: string): LensError =>
    new LensError({ code: 'ViewOutOfRange', pointer, step: column === undefined ? 'viewDefinition' : `column(${column})`, message, data: column === undefined ? undefined : { column } })

  /** The check every put ends with: the engine's rows of the new source are the view. */
  const verify = (next: unknown[], view: readonly ViewRow[], offset: number): void => {
    let rows: ViewRow[]
    try {
      rows = next.flatMap((r) => rowsOf(plan, r))
    } catch (cause) {
      if (!(cause instanceof ViewDefinitionError)) throw cause
      throw new LensError({ code: 'ViewOutOfRange', pointer: toPointer([offset]), step: 'viewDefinition', message: `the edited rows are not ones this view can produce: the edited record breaks the view (${cause.shortMessage}).`, cause })
    }
    if (deepEqual(rows, view)) return
    for (let i = 0; i < Math.max(rows.length, view.length); i++) {
      const got = rows[i]
      const want = view[i]
      if (got === undefined || want === undefined)
        throw refuse(toPointer([offset + i]), undefined, `the edited rows are not ones this view can produce: it would show ${rows.length} rows, not ${view.length}; a view can only add or remove rows where they map to list items or resources.`)
      for (const name of plan.names) {
        if (deepEqual(got[name] ?? null, want[name] ?? null)) continue
        if (readOnly[name] !== undefined)
          throw refuse(toPointer([offset + i, name]), name, `the column "${name}" is read-only (${readOnly[name]}); its value comes from the record and cannot be edited.`)
        throw refuse(toPointer([offset + i, name]), name, `the edited rows are not ones this view can produce: column "${name}" of row ${offset + i} would read ${JSON.stringify(got[name] ?? null)} (another column or a where clause decides it).`)
      }
    }
  }

  const checkRows = (v: unknown): ViewRow[] => {
    if (!Array.isArray(v)) throw refuse('', undefined, 'the view must be an array of rows.')
    v.forEach((row, i) => {
      if (!isRecord(row)) throw refuse(toPointer([i]), undefined, 'a row must be an object of column values.')
      for (const name of Object.keys(row))
        if (!plan.names.includes(name)) throw refuse(toPointer([i, name]), name, `"${name}" is not a column of this view.`)
    })
    return v as ViewRow[]
  }

  /** One resource and its rows (already checked). */
  const putResource = (s: unknown, v: readonly ViewRow[], offset: number): unknown => {
    let out = s
    if (items === undefined) {
      if (v.length > 1) throw refuse(toPointer([offset + 1]), undefined, 'a view without forEach has one row per resource.')
      if (v.length === 0) {
        if (rowsOf(plan, s).length === 0) return s
        throw refuse(toPointer([offset]), undefined, 'a row cannot be removed from a view over one resource (the resource stays).')
      }
      out = outerRow.put(out, v[0])
    } else {
      for (const c of outer)
        v.forEach((row, i) => {
          if (!deepEqual(row[c.name] ?? null, v[0]![c.name] ?? null))
            throw refuse(toPointer([offset + i, c.name]), c.name, `every row of one resource must hold the same "${c.name}" (a column outside forEach).`)
        })
      if (v.length > 0) out = outerRow.put(out, v[0])
      const inner = items.inner
      const projected = v.map((row) => Object.fromEntries(inner.map((n) => [n, row[n] ?? null])) as ViewRow)
      const emptied = items.orNull && v.length === 1 && inner.every((n) => v[0]![n] === null || v[0]![n] === undefined) && rowsOf(plan, s).length <= 1
      const before = items.lens.get(out) as unknown[]
      out = items.lens.put(out, emptied && before.length === 0 ? [] : projected)
    }
    verify([out], v, offset)
    return out
  }

  if (over === 'resource') {
    const get = (s: unknown): ViewRow[] => rowsOf(plan, s)
    return {
      get,
      put: (s, view) => {
        const v = checkRows(view)
        return deepEqual(v, get(s)) ? s : putResource(s, v, 0)
      },
      create: (view) => putResource({ resourceType: plan.resource }, checkRows(view), 0),
      writable,
      readOnly,
      forEach,
    }
  }

  // Lists of resources (or a Bundle's entries): rows grouped by the resource key column.
  const keyColumn = shape.outer.find((c) => c.path === 'id' || c.path === 'getResourceKey()')
  const rowKey = (row: ViewRow): string | undefined => {
    const v = keyColumn === undefined ? undefined : row[keyColumn.name]
    if (typeof v !== 'string') return undefined
    return keyColumn!.path === 'id' ? `${plan.resource}/${v}` : v
  }
  const resourcesOf = (s: unknown): readonly unknown[] => {
    if (over === 'resources') {
      if (!Array.isArray(s)) throw new LensError({ code: 'PathNotFound', pointer: '', step: 'viewDefinition', message: 'the source must be an array of resources.' })
      return s
    }
    const entry = isRecord(s) ? s.entry : undefined
    return Array.isArray(entry) ? entry.map((e) => (isRecord(e) ? e.resource : undefined)) : []
  }
  const get = (s: unknown): ViewRow[] => resourcesOf(s).flatMap((r) => rowsOf(plan, r))
  const putAll = (s: unknown, v: ViewRow[]): unknown => {
    if (keyColumn === undefined)
      throw refuse('', undefined, 'rows cannot be matched with resources: add a column with path id or getResourceKey() to edit a view over several resources.')
    const resources = resourcesOf(s)
    const groups = new Map<string, { rows: ViewRow[]; offset: number }>()
    v.forEach((row, i) => {
      const k = rowKey(row)
      if (k === undefined) throw refuse(toPointer([i, keyColumn.name]), keyColumn.name, `every row needs its resource key in "${keyColumn.name}".`)
      const g = groups.get(k)
      if (g === undefined) groups.set(k, { rows: [row], offset: i })
      else g.rows.push(row)
    })
    const next: unknown[] = []
    const changed: boolean[] = []
    for (const r of resources) {
      const k = resourceKeyOf(r)
      const shown = rowsOf(plan, r).length > 0 || (k !== undefined && groups.has(k) && (r as Resource).resourceType === plan.resource)
      if (!shown || k === undefined) {
        next.push(r)
        changed.push(false)
        continue
      }
      const g = groups.get(k)
      groups.delete(k)
      if (g === undefined) {
        changed.push(true)
        continue // every row of the resource is gone: so is the resource
      }
      const out = deepEqual(g.rows, rowsOf(plan, r)) ? r : putResource(r, g.rows, g.offset)
      next.push(out)
      changed.push(out !== r)
    }
    for (const [k, g] of groups) {
      if (keyColumn.path !== 'id') throw refuse(toPointer([g.offset, keyColumn.name]), keyColumn.name, `no resource has the key ${JSON.stringify(k)}, and a new one cannot be made: "${keyColumn.name}" is read-only.`)
      next.push(putResource({ resourceType: plan.resource }, g.rows, g.offset))
      changed.push(true)
    }
    verify(next, v, 0)
    if (over === 'resources') return next
    const entries = (isRecord(s) && Array.isArray(s.entry) ? s.entry : []) as unknown[]
    const outEntries: unknown[] = []
    let i = 0
    for (const e of entries) {
      const r = isRecord(e) ? e.resource : undefined
      const k = resourceKeyOf(r)
      const keep = next[i] === r || (k !== undefined && resourceKeyOf(next[i]) === k)
      if (keep) {
        outEntries.push(next[i] === r ? e : { ...(e as object), resource: next[i] })
        i++
      }
    }
    for (; i < next.length; i++) outEntries.push({ resource: next[i] })
    const { entry: _entry, ...rest } = (isRecord(s) ? s : { resourceType: 'Bundle', type: 'collection' }) as Record<string, unknown>
    return outEntries.length > 0 ? { ...rest, entry: outEntries } : rest
  }
  return {
    get,
    put: (s, view) => {
      const v = checkRows(view)
      return deepEqual(v, get(s)) ? s : putAll(s, v)
    },
    create: (view) => putAll(over === 'resources' ? [] : { resourceType: 'Bundle', type: 'collection' }, checkRows(view)),
    writable,
    readOnly,
    forEach,
  }
}
