/**
 * JSON Schema validation of views (ajv).
 *
 * @since 0.1.0
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv'
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' }
import { compose } from './compose.js'
import { LensError } from './errors.js'
import type { Lens } from './Lens.js'
import { deepEqual } from '../json/equal.js'
import { isRecord, preview, typeName } from './_internal/record.js'

/**
 * A JSON Schema (draft-06, draft-07 or 2019-09 keywords ajv understands), or `true`/`false`.
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
  /** Name of the schema in error messages and in `step`. @defaultValue the schema's `$id`, `id` or `title`, else `schema` */
  readonly name?: string | undefined
  /**
   * Check a resource against the definition of its own `resourceType` (`definitions.Patient` for a
   * Patient) instead of the schema's root, so that errors point into the resource rather than at a
   * root `oneOf` of every resource type.
   * @defaultValue `true` for a schema shaped like HL7's `fhir.schema.json` (a root `oneOf` of
   * `$ref`s to `#/definitions/…`), else `false`
   */
  readonly byResourceType?: boolean | undefined
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
  /** Whether a resource is checked against the definition of its `resourceType`. @since 0.2.0 */
  readonly byResourceType: boolean
  /**
   * How long compiling `schema` took in this process, in milliseconds — once per schema object
   * (later lenses over the same object reuse the compiled code and report the same figure).
   * @since 0.2.0
   */
  readonly compileMs: number
}

/** ajv settings of every instance: all errors, no strict mode (FHIR schemas use unknown keywords). */
const ajvOptions: Options = { allErrors: true, strict: false, validateFormats: false }

const DRAFT_06 = /^https?:\/\/json-schema\.org\/draft-06\/schema#?$/

/** A new Ajv instance that also knows draft-06 (HL7 publishes the FHIR R4 schema as draft-06). */
function newAjv(): Ajv {
  const ajv = new Ajv(ajvOptions)
  ajv.addMetaSchema(draft06MetaSchema)
  return ajv
}

/** The shared Ajv instance for plain schemas. */
let ajv: Ajv | undefined

/** A compiled schema: the root check, and for a by-type schema the check of one resource type. */
interface Compiled {
  readonly check: ValidateFunction
  readonly ofType: ((resourceType: string) => ValidateFunction | undefined) | undefined
  readonly compileMs: number
}

const compiled = new WeakMap<object, Compiled>()
const compiledBoolean = new Map<boolean, Compiled>()
let compiles = 0

/** How many schemas `validate` has compiled so far (each schema object once). @internal */
export function validateCompileCount(): number {
  return compiles
}

/**
 * The schema as ajv 8 takes it: draft-06 names a schema's id `$id`, but HL7's files (and other
 * draft-04-era schemas) write `id` at the root, which ajv 8 refuses; it is read as `$id`.
 */
function normalized(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (typeof schema.$schema !== 'string' || !DRAFT_06.test(schema.$schema)) return schema
  if (typeof schema.id !== 'string' || schema.$id !== undefined) return schema
  const { id, ...rest } = schema
  return { ...rest, $id: id }
}

/** The id of a schema (`$id`, or draft-06-era `id`). */
function schemaId(schema: JsonSchema): string | undefined {
  if (typeof schema !== 'object') return undefined
  if (typeof schema.$id === 'string') return schema.$id
  return typeof schema.id === 'string' ? schema.id : undefined
}

/** Whether the root is a `oneOf` of `$ref`s into `definitions`: HL7's fhir.schema.json shape. */
function isByResourceType(schema: JsonSchema): boolean {
  if (typeof schema !== 'object' || !isRecord(schema.definitions) || !Array.isArray(schema.oneOf) || schema.oneOf.length === 0)
    return false
  return schema.oneOf.every((s) => isRecord(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/'))
}

function compile(schema: JsonSchema, byResourceType: boolean, step: string): Compiled {
  const cached = typeof schema === 'boolean' ? compiledBoolean.get(schema) : compiled.get(schema)
  if (cached !== undefined && (cached.ofType !== undefined) === byResourceType) return cached
  const started = performance.now()
  let result: Omit<Compiled, 'compileMs'>
  try {
    if (typeof schema === 'boolean') result = { check: (ajv ??= newAjv()).compile(schema), ofType: undefined }
    else if (!byResourceType) result = { check: (ajv ??= newAjv()).compile(normalized(schema)), ofType: undefined }
    else {
      // Its own instance: the schema is registered under its id, and another copy of the same file
      // must not clash with it. Compiling the root compiles every definition once.
      const own = newAjv()
      const key = schemaId(schema) ?? 'lensync:schema'
      own.addSchema(normalized(schema), key)
      const check = own.getSchema(key)!
      const definitions = schema.definitions as Record<string, unknown>
      result = {
        check,
        ofType: (type) =>
          Object.prototype.hasOwnProperty.call(definitions, type) ? own.getSchema(`${key}#/definitions/${type.replace(/~/g, '~0').replace(/\//g, '~1')}`) : undefined,
      }
    }
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
  const entry: Compiled = { ...result, compileMs: performance.now() - started }
  if (typeof schema === 'boolean') compiledBoolean.set(schema, entry)
  else compiled.set(schema, entry)
  return entry
}

/** Builds the `Validate` node. @internal */
export function validateNode<V>(schema: JsonSchema, options: ValidateOptions = {}): ValidateLens<V> {
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema)))
    throw new LensError({ code: 'InvalidLens', pointer: '', step: 'validate()', message: 'validate: schema must be an object or a boolean' })
  const name = options.name ?? schemaId(schema) ?? (typeof schema === 'object' && typeof schema.title === 'string' ? schema.title : 'schema')
  const step = `validate(${name})`
  const byResourceType = options.byResourceType ?? isByResourceType(schema)
  if (byResourceType && (typeof schema !== 'object' || !isRecord(schema.definitions)))
    throw new LensError({ code: 'InvalidLens', pointer: '', step, message: 'validate: byResourceType needs a schema with definitions named after resource types' })
  const { check, ofType, compileMs } = compile(schema, byResourceType, step)

  const violation = (pointer: string, message: string, errors: readonly ErrorObject[]): LensError =>
    new LensError({
      code: 'SchemaViolation',
      pointer,
      step,
      message: `The view does not satisfy ${name}: ${message}; fix the view.`,
      metaMessages: errors.slice(0, 5).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? e.keyword} ${preview(e.params)}`),
      data: errors.slice(),
    })
  /** The check for `v`: its resource type's definition, or the root. */
  const checkOf = (v: V): ValidateFunction => {
    if (ofType === undefined) return check
    const type = isRecord(v) ? v.resourceType : undefined
    if (typeof type !== 'string')
      throw violation(isRecord(v) ? '/resourceType' : '', `a resource needs a string resourceType, got ${isRecord(v) ? typeName(type) : typeName(v)}`, [])
    const fn = ofType(type)
    if (fn === undefined) throw violation('/resourceType', `"${type}" is not a resource type it defines`, [])
    return fn
  }
  const assertValid = (v: V): V => {
    const fn = checkOf(v)
    if (fn(v)) return v
    const errors: readonly ErrorObject[] = fn.errors ?? []
    const first = errors[0]
    throw violation(first?.instancePath ?? '', first ? `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}` : 'invalid', errors)
  }
  return {
    _tag: 'Validate',
    step,
    schema,
    byResourceType,
    compileMs,
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
 *   is compiled once per process, when the first lens over it is built, and cached in a `WeakMap`
 *   (`compileMs` on the node says how long that took).
 * - The official FHIR R4 JSON Schema works as HL7 publishes it (`fhir.schema.json`: draft-06, its
 *   id written `id`, a root `oneOf` of every resource type): pass the parsed file, once. A resource
 *   is then checked against the definition of its own `resourceType` (`byResourceType`), so a bad
 *   `gender` is reported at `/gender`, not as a failed root `oneOf`; an unknown or missing
 *   `resourceType` is a `SchemaViolation` at `/resourceType`. Compiling that schema compiles all
 *   its definitions (they reach one another through `Extension` and `Resource`): ≈ 6–9 s on a
 *   2-core machine [measured], after which a Patient validates in a few microseconds — build the
 *   lens once, at start-up.
 * - Errors: `SchemaViolation` with ajv's errors in `data` and `pointer` = the first error's
 *   `instancePath`; `InvalidLens` when the schema does not compile (at construction), or when
 *   `byResourceType` is asked of a schema without `definitions`.
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
