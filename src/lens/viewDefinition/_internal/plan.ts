/**
 * A ViewDefinition checked and compiled: every expression parsed once, every structural rule of
 * SQL on FHIR v2 enforced with a pointer into the definition.
 *
 * @internal
 */
import { toPointer } from '../../../json/pointer.js'
import { ViewDefinitionError } from '../errors.js'
import type { ViewColumn, ViewDefinition, ViewSelect } from '../types.js'
import { type Evaluate, type FhirPathNode, compileFhirPath, parseFhirPath } from './fhirPath.js'

/** A compiled column. */
export interface ColumnPlan {
  readonly name: string
  readonly path: string
  readonly collection: boolean
  readonly evaluate: Evaluate
  /** Where the column is in the definition. */
  readonly pointer: string
}

/** A compiled `select` (the definition's root is one too, with its `select`s as children). */
export interface SelectPlan {
  readonly pointer: string
  readonly forEach: { readonly evaluate: Evaluate; readonly path: string; readonly orNull: boolean } | undefined
  readonly repeat: readonly Evaluate[] | undefined
  readonly columns: readonly ColumnPlan[]
  readonly selects: readonly SelectPlan[]
  readonly unionAll: readonly SelectPlan[] | undefined
  /** Every column name this select produces, in order. */
  readonly names: readonly string[]
}

/** A compiled view. */
export interface ViewPlan {
  readonly resource: string
  readonly where: readonly { readonly evaluate: Evaluate; readonly path: string; readonly pointer: string }[]
  readonly constants: Readonly<Record<string, unknown>>
  readonly root: SelectPlan
  readonly names: readonly string[]
}

/** Variables the engine or the SQL on FHIR spec define. */
const builtIns = new Set(['rowIndex', 'resource', 'rootResource', 'context', 'ucum', 'sct', 'loinc', 'factory', 'terminologies', 'server'])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function invalid(pointer: string, message: string): never {
  throw new ViewDefinitionError({ code: 'InvalidViewDefinition', pointer, message })
}

/** `%name`s an expression uses. */
function externalConstants(node: FhirPathNode, out: Set<string>): Set<string> {
  if (node.type === 'ExternalConstantTerm' && typeof node.text === 'string') out.add(node.text.replace(/^`|`$/g, ''))
  for (const child of node.children ?? []) externalConstants(child, out)
  return out
}

/** A constant as a FHIRPath literal, so that it compares with FHIR values of its type. */
function literalOf(type: string, value: unknown): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value)
  const text = String(value)
  switch (type) {
    case 'Date':
      return `@${text}`
    case 'DateTime':
    case 'Instant':
      return `@${text.includes('T') ? text : `${text}T`}`
    case 'Time':
      return `@T${text}`
    default:
      return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  }
}

/** `expression` with every `%name` of `literals` (outside strings and quoted names) written in. */
function substitute(expression: string, literals: ReadonlyMap<string, string>): string {
  if (literals.size === 0) return expression
  return expression.replace(/'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|%([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string | undefined) =>
    name !== undefined && literals.has(name) ? literals.get(name)! : match,
  )
}

/** Compiles one expression: parsed by the engine, every `%constant` defined (and written in). */
function expression(path: unknown, pointer: string, constants: ReadonlyMap<string, string>): Evaluate {
  if (typeof path !== 'string' || path === '') invalid(pointer, 'an expression must be a non-empty string of FHIRPath.')
  const evaluate = compileFhirPath(substitute(path, constants), pointer)
  for (const name of externalConstants(parseFhirPath(path), new Set()))
    if (!constants.has(name) && !builtIns.has(name))
      invalid(pointer, `%${name} is not a constant of this view; declare it in constant[] or fix the name.`)
  return evaluate
}

function constantValue(c: unknown, pointer: string): [string, string, unknown] {
  if (!isRecord(c) || typeof c.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(c.name))
    invalid(`${pointer}/name`, 'a constant needs a name made of letters, digits and _ (starting with a letter).')
  const values = Object.keys(c).filter((k) => k.startsWith('value') && c[k] !== undefined)
  if (values.length !== 1) invalid(pointer, `the constant "${c.name}" needs exactly one value[x] (e.g. valueString), found ${values.length}.`)
  return [c.name, values[0]!.slice('value'.length), c[values[0]!]]
}

function column(c: unknown, pointer: string, constants: ReadonlyMap<string, string>): ColumnPlan {
  if (!isRecord(c)) invalid(pointer, 'a column must be an object with a name and a path.')
  if (typeof c.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(c.name))
    invalid(`${pointer}/name`, 'a column name must be letters, digits and _ (starting with a letter).')
  if (c.collection !== undefined && typeof c.collection !== 'boolean') invalid(`${pointer}/collection`, 'collection must be a boolean.')
  return {
    name: c.name,
    path: c.path as string,
    collection: c.collection === true,
    evaluate: expression(c.path, `${pointer}/path`, constants),
    pointer,
  }
}

function select(s: unknown, pointer: string, constants: ReadonlyMap<string, string>): SelectPlan {
  if (!isRecord(s)) invalid(pointer, 'a select must be an object.')
  const list = (key: string): unknown[] => {
    const v = s[key]
    if (v === undefined) return []
    if (!Array.isArray(v)) invalid(`${pointer}/${key}`, `${key} must be an array.`)
    return v
  }
  const iterators = ['forEach', 'forEachOrNull', 'repeat'].filter((k) => s[k] !== undefined)
  if (iterators.length > 1) invalid(pointer, `a select may have only one of forEach, forEachOrNull and repeat, found ${iterators.join(', ')}.`)
  const forKey = s.forEach !== undefined ? 'forEach' : s.forEachOrNull !== undefined ? 'forEachOrNull' : undefined
  const forEach =
    forKey === undefined
      ? undefined
      : { evaluate: expression(s[forKey], `${pointer}/${forKey}`, constants), path: s[forKey] as string, orNull: forKey === 'forEachOrNull' }
  const repeat = s.repeat === undefined ? undefined : list('repeat').map((p, i) => expression(p, `${pointer}/repeat/${i}`, constants))
  if (repeat !== undefined && repeat.length === 0) invalid(`${pointer}/repeat`, 'repeat needs at least one expression.')
  const columns = list('column').map((c, i) => column(c, `${pointer}/column/${i}`, constants))
  const selects = list('select').map((c, i) => select(c, `${pointer}/select/${i}`, constants))
  const unionAll = s.unionAll === undefined ? undefined : list('unionAll').map((c, i) => select(c, `${pointer}/unionAll/${i}`, constants))
  if (unionAll !== undefined) {
    if (unionAll.length === 0) invalid(`${pointer}/unionAll`, 'unionAll needs at least one branch.')
    const first = unionAll[0]!.names
    unionAll.forEach((u, i) => {
      if (u.names.length !== first.length || u.names.some((n, j) => n !== first[j]))
        invalid(`${pointer}/unionAll/${i}`, `every unionAll branch must have the same columns in the same order: [${first.join(', ')}] vs [${u.names.join(', ')}].`)
    })
  }
  const names = [...columns.map((c) => c.name), ...selects.flatMap((c) => c.names), ...(unionAll?.[0]?.names ?? [])]
  return { pointer, forEach, repeat, columns, selects, unionAll, names }
}

/** Checks and compiles a ViewDefinition; every error is a {@link ViewDefinitionError} with a pointer. */
export function planView(definition: unknown): ViewPlan {
  if (!isRecord(definition)) invalid('', 'a ViewDefinition must be a JSON object.')
  if (definition.resourceType !== undefined && definition.resourceType !== 'ViewDefinition')
    invalid('/resourceType', `resourceType must be "ViewDefinition", got ${JSON.stringify(definition.resourceType)}.`)
  if (typeof definition.resource !== 'string' || !/^[A-Z][A-Za-z]*$/.test(definition.resource))
    invalid('/resource', 'resource must name a FHIR resource type, e.g. "Patient".')
  if (!Array.isArray(definition.select) || definition.select.length === 0) invalid('/select', 'select must be a non-empty array.')
  const constants = new Map<string, unknown>()
  const names = new Map<string, string>()
  if (definition.constant !== undefined) {
    if (!Array.isArray(definition.constant)) invalid('/constant', 'constant must be an array.')
    definition.constant.forEach((c, i) => {
      const [name, type, value] = constantValue(c, `/constant/${i}`)
      if (constants.has(name)) invalid(`/constant/${i}/name`, `the constant "${name}" is declared twice.`)
      constants.set(name, value)
      names.set(name, literalOf(type, value))
    })
  }
  const root = select({ select: definition.select }, '', names)
  const seen = new Set<string>()
  const check = (s: SelectPlan): void => {
    for (const c of s.columns) {
      if (seen.has(c.name)) invalid(`${c.pointer}/name`, `two columns are named "${c.name}"; column names must be unique.`)
      seen.add(c.name)
    }
    s.selects.forEach(check)
    if (s.unionAll !== undefined) check(s.unionAll[0]!)
  }
  check(root)
  if (definition.where !== undefined && !Array.isArray(definition.where)) invalid('/where', 'where must be an array.')
  const where = ((definition.where ?? []) as unknown[]).map((w, i) => {
    const pointer = `/where/${i}`
    if (!isRecord(w)) invalid(pointer, 'a where clause must be an object with a path.')
    return { evaluate: expression(w.path, `${pointer}/path`, names), path: w.path as string, pointer: `${pointer}/path` }
  })
  return { resource: definition.resource, where, constants: Object.fromEntries(constants), root, names: root.names }
}

/** A pointer to column `name` for error messages. */
export function columnPointer(plan: ViewPlan, name: string): string {
  const find = (s: SelectPlan): string | undefined =>
    s.columns.find((c) => c.name === name)?.pointer ?? s.selects.map(find).find((p) => p !== undefined) ?? (s.unionAll ? find(s.unionAll[0]!) : undefined)
  return find(plan.root) ?? toPointer([name])
}
