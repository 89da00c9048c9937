/**
 * `viewDefinition(vd)`: a SQL on FHIR v2 ViewDefinition compiled into a lens from FHIR data to its
 * rows.
 *
 * @since 0.2.0
 */
import type { Lens } from '../Lens.js'
import type { LensError } from '../errors.js'
import type { ViewDefinitionError } from './errors.js'
import type { definitionHash } from './definitionHash.js'
import type { AnyResource, Bundle } from '../fhir/types.js'
import { planView } from './_internal/plan.js'
import { type RowsLens, rowsLens } from './_internal/rows.js'
import type { ViewDefinition, ViewRow } from './types.js'

/**
 * Options of {@link viewDefinition}.
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface ViewDefinitionOptions<O extends 'resource' | 'resources' | 'bundle' = 'resource'> {
  /**
   * What the lens reads: one resource, an array of resources, or a Bundle (its entries'
   * resources). @defaultValue 'resource'
   */
  readonly over?: O | undefined
}

/**
 * The lens {@link viewDefinition} builds.
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface ViewDefinitionLens<S> extends Lens<S, ViewRow[]> {
  /** A custom node: edit translation uses the state-based fallback. */
  readonly _tag: 'Custom'
  /** The definition, as given. */
  readonly definition: ViewDefinition
  /** The column names, in the order the definition gives them. */
  readonly columns: readonly string[]
  /** The columns an edited row may change. */
  readonly writable: readonly string[]
  /** For every other column, why it is read-only. */
  readonly readOnly: Readonly<Record<string, string>>
  /**
   * The one `forEach`/`forEachOrNull` of the view, when it has one: its path and the columns read
   * from each item (the other columns come from the resource and repeat on each of its rows).
   */
  readonly forEach: { readonly path: string; readonly columns: readonly string[] } | undefined
}

type Source<O> = O extends 'resources' ? readonly AnyResource[] : O extends 'bundle' ? Bundle : AnyResource

/**
 * Compiles a SQL on FHIR v2 ViewDefinition into a lens from FHIR data (one resource, an array of
 * resources, or a Bundle) to its rows.
 *
 * **When to use** — to share a table-shaped view (the de-identified Observations a researcher
 * sees) defined the way EHRs define views, and to write edited rows back into the record.
 *
 * **Laws**
 * 1. GetPut: `put(s, get(s)) === s` — always (the very same reference).
 * 2. PutGet: `get(put(s, v))` equals `v` — whenever `put` returns: every put ends by evaluating the
 *    view on the new record and refuses (`ViewOutOfRange`) rows it would not give back.
 * 3. PutPut: `put(put(s, v1), v2)` equals `put(s, v2)` — for edits of writable columns, and for
 *    `forEach` rows under `keyed`'s condition (a row `v2` keeps, `v1` kept too).
 * 4. CreateGet: `get(create(v))` equals `v` — when a resource built from the writable columns alone
 *    passes the view's `where` clauses and gives the read-only columns the values `v` states.
 *
 * **Details**
 * - `get` is the SQL on FHIR processing algorithm with every expression evaluated by HL7's FHIRPath
 *   engine (the `fhirpath` package, R4 model), `getResourceKey()`/`getReferenceKey()` included; it
 *   passes every `shareable` test of the v2 conformance suite. A definition that breaks the
 *   ViewDefinition rules is a {@link ViewDefinitionError} when compiled; a column yielding several
 *   values, or a `where` yielding a non-boolean, is one when evaluated.
 * - Writable columns (listed in `writable`): paths of navigation, `first()`, `[n]`, `ofType(T)` of a
 *   choice element, `extension(url)` and `where()` on equalities (`use = 'official'`), compiled to
 *   `prop`/`path`, `filter` and `at` — an item created through a filter starts from its equalities.
 *   One `forEach`/`forEachOrNull` over a list makes a row per item: `keyed` by the list's FHIR key
 *   when the item columns hold it (`identifier` by `system|value`, `coding`, `extension`, `item`),
 *   by position otherwise; adding, removing and reordering rows adds, removes and reorders items.
 * - Read-only columns (`readOnly`, with the reason): functions, operators, constants, `%rowIndex`,
 *   `getResourceKey()`, collection columns, and every column of a view with `repeat`, `unionAll`
 *   or more than one `forEach`. A row may hold them, but only with the value the edited record
 *   gives: a changed one is refused with a {@link LensError} `ViewOutOfRange` whose `step` is
 *   `column(<name>)` and `data.column` the name.
 * - Over several resources, rows are matched with resources by a column with path `id` (or
 *   `getResourceKey()`): a resource whose rows all go is removed, a new `id` creates a resource;
 *   resources of other types stay as they are.
 * - Edit translation uses the state-based fallback: a row patch is applied to the rows, put, and
 *   the record diffed, so a translated patch touches only what changed.
 *
 * **Example** (a patient's official family name as a table column)
 * ```ts
 * import { viewDefinition } from 'lensync/views'
 * import type { Patient } from 'lensync/lens'
 * const _names = viewDefinition({
 *   resource: 'Patient',
 *   select: [{ column: [{ name: 'id', path: 'id' }, { name: 'family', path: "name.where(use = 'official').family.first()" }] }],
 * })
 * const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ use: 'official', family: 'Lee' }] }
 * _names.get(patient)
 * // Output: [{ id: 'p1', family: 'Lee' }]
 * _names.put(patient, [{ id: 'p1', family: 'Kim' }])
 * // Output: { resourceType: 'Patient', id: 'p1', name: [{ use: 'official', family: 'Kim' }] }
 * ```
 *
 * @see {@link definitionHash} to record the definition of a shared view.
 * @category view definitions
 * @since 0.2.0
 */
export function viewDefinition(definition: ViewDefinition): ViewDefinitionLens<AnyResource>
export function viewDefinition<O extends 'resource' | 'resources' | 'bundle'>(
  definition: ViewDefinition,
  options: ViewDefinitionOptions<O>,
): ViewDefinitionLens<Source<O>>
export function viewDefinition(definition: ViewDefinition, options: ViewDefinitionOptions<'resource' | 'resources' | 'bundle'> = {}): ViewDefinitionLens<unknown> {
  const plan = planView(definition)
  const over = options.over ?? 'resource'
  const lens: RowsLens = rowsLens(plan, over)
  return {
    _tag: 'Custom',
    step: `viewDefinition(${typeof definition.name === 'string' ? definition.name : plan.resource})`,
    definition,
    columns: plan.names,
    writable: lens.writable,
    readOnly: lens.readOnly,
    forEach: lens.forEach,
    get: lens.get,
    put: lens.put,
    create: lens.create,
  }
}

