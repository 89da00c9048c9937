/**
 * `viewDefinition(vd)`: a SQL on FHIR v2 ViewDefinition compiled into a lens from FHIR data to its
 * rows.
 *
 * @since 0.2.0
 */
import type { Lens } from '../Lens.js'
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
  readonly _tag: 'ViewDefinition'
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
    _tag: 'ViewDefinition',
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

