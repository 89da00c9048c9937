/**
 * The SQL on FHIR v2 `ViewDefinition` resource, as lensync reads it.
 *
 * **Details** — structural and partial: the fields the view runner uses. Other fields (`url`,
 * `name`, `status`, `fhirVersion`, …) are allowed and ignored, but they are part of the definition's
 * hash.
 *
 * @since 0.2.0
 */
import type { JsonValue } from '../../json/JsonValue.js'

/**
 * A column: a FHIRPath expression evaluated on the current focus (the resource, or a `forEach` item).
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface ViewColumn {
  /** Column name: unique in the view, `[A-Za-z][A-Za-z0-9_]*`. */
  readonly name: string
  /** FHIRPath expression. */
  readonly path: string
  /** FHIR type of the values (informative here). */
  readonly type?: string
  /** Whether the column holds every value as an array (else at most one value is allowed). */
  readonly collection?: boolean
  readonly description?: string
  readonly tag?: readonly { readonly name: string; readonly value: string }[]
}

/**
 * A `select` clause: columns, nested selects and `unionAll` branches, optionally once per item of
 * `forEach` / `forEachOrNull`, or over a `repeat`ed traversal.
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface ViewSelect {
  readonly column?: readonly ViewColumn[]
  readonly select?: readonly ViewSelect[]
  readonly forEach?: string
  readonly forEachOrNull?: string
  readonly repeat?: readonly string[]
  readonly unionAll?: readonly ViewSelect[]
}

/**
 * A named constant, referenced as `%name` in expressions; one `value[x]`.
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface ViewConstant {
  readonly name: string
  readonly [valueX: `value${string}`]: JsonValue | undefined
}

/**
 * A SQL on FHIR v2 ViewDefinition.
 *
 * @category view definitions
 * @since 0.2.0
 */
export interface ViewDefinition {
  readonly resourceType?: 'ViewDefinition'
  /** The FHIR resource type the view is over (`Patient`, `Observation`, …). */
  readonly resource: string
  readonly name?: string
  readonly status?: string
  readonly constant?: readonly ViewConstant[]
  readonly select: readonly ViewSelect[]
  /** Resource filters: each `path` must yield `true` for the resource to give rows. */
  readonly where?: readonly { readonly path: string; readonly description?: string }[]
  readonly [other: string]: unknown
}

/**
 * One row of a view: a value per column (`null` when the expression yields nothing, an array for a
 * `collection` column).
 *
 * @category view definitions
 * @since 0.2.0
 */
export type ViewRow = { [column: string]: JsonValue }
