/**
 * The FHIRPath engine (HL7's `fhirpath` package, R4 model), wrapped: expressions compiled once and
 * cached, the SQL on FHIR functions `getResourceKey()` / `getReferenceKey()` added, engine errors
 * turned into {@link ViewDefinitionError}s.
 *
 * @internal
 */
import fhirpath, { type UserInvocationTable } from 'fhirpath'
import r4 from 'fhirpath/fhir-context/r4'
import { ViewDefinitionError } from '../errors.js'

/** A value the engine hands around: plain JSON, or its internal node (with FHIR type information). */
export type FhirPathValue = unknown

/** A compiled expression: the collection it yields on a focus, given `%` variables. */
export type Evaluate = (focus: unknown, env: Readonly<Record<string, unknown>>) => FhirPathValue[]

/** The key of a resource: `Type/id`. */
export function resourceKeyOf(resource: unknown): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined
  const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown }
  return typeof resourceType === 'string' && typeof id === 'string' ? `${resourceType}/${id}` : undefined
}

/** The key a reference points at (`Type/id`, the last two segments of a literal reference). */
export function referenceKeyOf(reference: unknown, type?: string): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined
  const ref = (reference as { reference?: unknown }).reference
  if (typeof ref !== 'string') return undefined
  const parts = ref.replace(/\/_history\/[^/]*$/, '').split('/')
  if (parts.length < 2) return undefined
  const key = `${parts[parts.length - 2]}/${parts[parts.length - 1]}`
  return type === undefined || parts[parts.length - 2] === type ? key : undefined
}

const typeName = (t: unknown): string | undefined => {
  if (typeof t === 'string') return t
  if (typeof t === 'object' && t !== null && typeof (t as { name?: unknown }).name === 'string') return (t as { name: string }).name
  return undefined
}

const userInvocationTable: UserInvocationTable = {
  getResourceKey: {
    fn: (inputs: unknown[]) => inputs.map(resourceKeyOf).filter((k): k is string => k !== undefined),
    arity: { 0: [] },
  },
  getReferenceKey: {
    fn: (inputs: unknown[], type?: unknown) =>
      inputs.map((r) => referenceKeyOf(r, type === undefined ? undefined : typeName(type))).filter((k): k is string => k !== undefined),
    arity: { 0: [], 1: ['TypeSpecifier'] },
  },
  // SQL on FHIR: join() of nothing is the empty string (the engine would yield nothing).
  join: {
    fn: (inputs: unknown[], separator?: unknown) => [inputs.map(String).join(typeof separator === 'string' ? separator : '')],
    arity: { 0: [], 1: ['String'] },
  },
}

const cache = new Map<string, Evaluate>()

/**
 * Compiles `expression` (once per process for each text). A parse error is `InvalidFhirPath` at
 * `pointer`.
 */
export function compileFhirPath(expression: string, pointer: string): Evaluate {
  const cached = cache.get(expression)
  if (cached !== undefined) return cached
  let fn: (resource: unknown, env: Record<string, unknown>) => unknown[]
  try {
    fn = fhirpath.compile(expression, r4, { resolveInternalTypes: false, userInvocationTable }) as typeof fn
  } catch (cause) {
    throw new ViewDefinitionError({
      code: 'InvalidFhirPath',
      pointer,
      message: `the FHIRPath expression ${JSON.stringify(expression)} does not parse: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
      cause,
    })
  }
  const evaluate: Evaluate = (focus, env) => {
    try {
      return fn(focus, { ...env })
    } catch (cause) {
      throw new ViewDefinitionError({
        code: 'EvaluationFailed',
        pointer,
        message: `evaluating ${JSON.stringify(expression)} failed: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
        cause,
      })
    }
  }
  cache.set(expression, evaluate)
  return evaluate
}

/** Plain JSON values of an engine result. */
export function toJson(values: readonly FhirPathValue[]): unknown[] {
  return fhirpath.resolveInternalTypes(values) as unknown[]
}

/** The parsed syntax tree of an expression (for the compiler of the writable subset). */
export function parseFhirPath(expression: string): FhirPathNode {
  return fhirpath.parse(expression) as FhirPathNode
}

/** A node of the engine's syntax tree. */
export interface FhirPathNode {
  readonly type: string
  readonly text?: string
  readonly terminalNodeText?: readonly string[]
  readonly children?: readonly FhirPathNode[]
}
