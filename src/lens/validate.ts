/**
 * JSON Schema validation of views (ajv).
 *
 * @since 0.1.0
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { deepEqual } from '../json/equal.js'
import { preview } from './_internal/record.js'

/**
 * A JSON Schema (draft-07 / 2019-09 keywords ajv understands), or `true`/`false`.
 *
 * @category models
 * @since 0.1.0
 */
export type JsonSchema = Readonly<Record<string, unknown>> | boolean

/**
 * Options of {@link validate}.
 *
 * @category models
 * @since 0.1.0
 */
export interface ValidateOptions {
  /** Name of the schema in error messages and in `step`. @defaultValue the schema's `$id` or `title`, else `schema` */
  readonly name?: string | undefined
}

/**
 * The `Validate` node: the identity on views that satisfy `schema`.
 *
 * @category models
 * @since 0.1.0
 */
export interface ValidateLens<V> extends Lens<V, V> {
  readonly _tag: 'Validate'
  /** The schema views are checked against. */
  readonly schema: JsonSchema
}

/** The one Ajv instance of lensync: all errors, no strict mode (FHIR schemas use unknown keywords). */
let ajv: Ajv | undefined
const compiled = new WeakMap<object, ValidateFunction>()
const compiledBoolean = new Map<boolean, ValidateFunction>()
let compiles = 0

/** How many schemas `validate` has compiled so far (each schema object once). @internal */
export function validateCompileCount(): number {
  return compiles
}

function compile(schema: JsonSchema, step: string): ValidateFunction {
  const cached = typeof schema === 'boolean' ? compiledBoolean.get(schema) : compiled.get(schema)
  if (cached !== undefined) return cached
  ajv ??= new Ajv({ allErrors: true, strict: false, validateFormats: false })
  let fn: ValidateFunction
  try {
    fn = ajv.compile(schema as Record<string, unknown> | boolean)
  } catch (cause) {
    throw new LensError({
      code: 'InvalidLens',
      pointer: '',
      step,
      message: `validate: the schema does not compile: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    })
  }
  compiles++
  if (typeof schema === 'boolean') compiledBoolean.set(schema, fn)
  else compiled.set(schema, fn)
  return fn
}

/** Builds the `Validate` node. @internal */
export function validateNode<V>(schema: JsonSchema, options: ValidateOptions = {}): ValidateLens<V> {
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema)))
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'validate()', message: 'validate: schema must be an object or a boolean' })
  const name =
    options.name ??
    (typeof schema === 'object' && typeof schema.$id === 'string'
      ? schema.$id
      : typeof schema === 'object' && typeof schema.title === 'string'
        ? schema.title
        : 'schema')
  const step = `validate(${name})`
  const check = compile(schema, step)
  const assertValid = (v: V): V => {
    if (check(v)) return v
    const errors: readonly ErrorObject[] = check.errors ?? []
    const first = errors[0]
    throw new LensError({
      code: 'SchemaViolation',
      pointer: first?.instancePath ?? '',
      step,
      message: `The view does not satisfy ${name}: ${first ? `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}` : 'invalid'}; fix the view.`,
      metaMessages: errors.slice(0, 5).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? e.keyword} ${preview(e.params)}`),
      data: errors.slice(),
    })
  }
  return {
    _tag: 'Validate',
    step,
    schema,
    get: (s) => s,
    put: (s, v) => (v === s || deepEqual(v, s) ? s : assertValid(v)),
    create: (v) => assertValid(v),
  }
}

/**
 * Checks views against a JSON Schema (ajv): the identity on valid views; `put` and `create` of an
 * invalid view throw `SchemaViolation`.
 *
 * **When to use** — at the end of a pipeline, to state what a view may contain (required fields,
 * value sets, patterns) so that a peer's edit is rejected before it reaches the record.
 *
 * **Laws** — on views that satisfy the schema:
 * 1. GetPut — `put(s, get(s)) === s`: always (an unchanged view is not re-validated, so it holds
 *    even for a source that does not satisfy the schema).
 * 2. PutGet — `get(put(s, v))` equals `v`: for every valid `v` (invalid ones throw).
 * 3. PutPut — `put(put(s, v1), v2)` equals `put(s, v2)`: for valid views.
 * 4. CreateGet — `get(create(v))` equals `v`: for every valid `v`.
 *
 * **Details**
 * - `get` does not validate: reading is never refused.
 * - One Ajv instance is shared by every `validate` lens (`allErrors: true`, `strict: false`,
 *   formats not checked — ajv-formats is not a dependency, so use `pattern`); each schema object
 *   is compiled once, when the lens is built, and cached in a `WeakMap`.
 * - Errors: `SchemaViolation` with ajv's errors in `data` and `pointer` = the first error's
 *   `instancePath`; `InvalidLens` when the schema does not compile (at construction).
 *
 * **Example** (a view must keep a family name)
 * ```ts
 * import { id, pipe, validate } from 'lensync'
 * import type { HumanName } from 'lensync'
 * const _name = pipe(id<HumanName>(), validate({ type: 'object', required: ['family'] }))
 * _name.put({ family: 'Lee' }, {})
 * // throws LensError: SchemaViolation at "" in validate(schema): The view does not satisfy schema: (root) must have required property 'family'; fix the view.
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export function validate(schema: JsonSchema, options?: ValidateOptions): <S, V>(self: Lens<S, V>) => Lens<S, V> {
  const node = validateNode<unknown>(schema, options)
  return <S, V>(self: Lens<S, V>) => compose(self, node as unknown as Lens<V, V>)
}
