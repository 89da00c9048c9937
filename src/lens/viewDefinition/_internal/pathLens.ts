/**
 * The writable subset of FHIRPath compiled to lensync's combinators.
 *
 * A column (or `forEach`) expression made only of navigation (`a.b`), `first()`, `[n]`,
 * `ofType(T)` on a choice element, `extension('url')` and `where(…)` on equality predicates
 * (`use = 'official'`, `system = %sys`, joined by `and`) becomes a chain of `prop`/`path`, `filter`
 * and `at` nodes, with the FHIRPath meaning kept exactly:
 * - `a.b` through a repeating `a` is the flattened collection; `a.b.first()` is "the first `a` that
 *   has a `b`, its `b`": `prop('a')`, `filter(has b)`, `at(0)`, `prop('b')`. An index other than 0
 *   is allowed only when nothing after the repeating element repeats.
 * - `where(k = 'v')` and `extension(url)` are a `filter`; the equalities are also the template an
 *   item created through `at` starts from (`{ use: 'official' }`, `{ url }`), so a put into a view
 *   that had no such item creates one the filter shows.
 * - `value.ofType(Quantity)` is `prop('valueQuantity')` (choice types from the FHIR R4 model).
 * Anything else (other functions, operators, literals, constants, `getResourceKey()`, a path left
 * as a collection) is read-only, with the reason.
 *
 * @internal
 */
import r4 from 'fhirpath/fhir-context/r4'
import { compose } from '../../compose.js'
import { filterNode } from '../../filter.js'
import { id, type Lens, makeLens, type PathKey, type PathTemplate } from '../../Lens.js'
import { makePath } from '../../_internal/pathNode.js'
import { type FhirPathNode, parseFhirPath } from './fhirPath.js'

type AnyLens = Lens<unknown, unknown>

/** One step of a navigation path. */
type Step =
  | { readonly kind: 'member'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'ofType'; readonly type: string }
  | { readonly kind: 'filter'; readonly test: (item: unknown) => boolean; readonly template: PathTemplate; readonly text: string }
  | { readonly kind: 'this' }

/** The result of compiling an expression: a lens, or why there is none. */
export type Compiled = { readonly lens: AnyLens; readonly typePath: string | undefined } | { readonly readOnly: string }

/** A compiled array (for `forEach`): the lens to the items shown, and the key fields of a known list. */
export type CompiledArray =
  | { readonly lens: AnyLens; readonly typePath: string | undefined; readonly member: string; readonly template: Readonly<Record<string, unknown>>; readonly filtered: boolean }
  | { readonly readOnly: string }

class NotWritable extends Error {}
const refuse = (why: string): never => {
  throw new NotWritable(why)
}

const model = r4 as unknown as {
  readonly path2Type: Readonly<Record<string, string>>
  readonly path2Repeating?: Readonly<Record<string, boolean>>
  readonly choiceTypePaths: Readonly<Record<string, readonly string[]>>
  readonly pathsDefinedElsewhere: Readonly<Record<string, string>>
}

/** The model path of member `name` below `typePath` (`Patient` + `name` → `Patient.name`). */
function memberPath(typePath: string | undefined, name: string): string | undefined {
  if (typePath === undefined) return undefined
  const full = `${typePath}.${name}`
  return model.pathsDefinedElsewhere[full] ?? full
}

/** The model path that members of the value at `path` hang from (`Patient.name` → `HumanName`). */
function typeOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined
  const type = model.path2Type[path]
  if (type === undefined) return undefined
  return type === 'BackboneElement' || type === 'Element' ? path : type
}

function isRepeating(path: string | undefined, name: string): boolean {
  // Without model information (an unknown type), a FHIR list is recognised by its JSON: see `member`.
  return path !== undefined && model.path2Repeating?.[path] === true || (path === undefined && ['extension', 'modifierExtension', 'coding', 'identifier', 'given', 'line', 'telecom', 'name', 'address', 'contact', 'item', 'answer', 'entry', 'component', 'category', 'note', 'link'].includes(name))
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

// ---------------------------------------------------------------------------------------------
// syntax tree → steps
// ---------------------------------------------------------------------------------------------

function unwrap(node: FhirPathNode): FhirPathNode {
  let n = node
  while ((n.type === 'EntireExpression' || n.type === 'TermExpression' || n.type === 'InvocationTerm' || n.type === 'ParenthesizedTerm') && n.children?.length === 1)
    n = n.children[0]!
  return n
}

function literal(node: FhirPathNode, constants: Readonly<Record<string, unknown>>): unknown {
  const n = unwrap(node)
  if (n.type === 'LiteralTerm') {
    const lit = n.children?.[0]
    if (lit?.type === 'StringLiteral' && typeof lit.text === 'string')
      return lit.text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', f: '\f' })[c] ?? c)
    if (lit?.type === 'BooleanLiteral') return lit.text === 'true'
    if (lit?.type === 'NumberLiteral' && typeof lit.text === 'string' && /^\d+(\.\d+)?$/.test(lit.text)) return Number(lit.text)
  }
  if (n.type === 'ExternalConstantTerm' && typeof n.text === 'string' && Object.prototype.hasOwnProperty.call(constants, n.text)) {
    const v = constants[n.text]
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v
  }
  return refuse(`${n.text ?? n.type} is not a literal or a constant`)
}

/** Member names of a relative path inside a `where` (`use`, `period.start`). */
function memberChain(node: FhirPathNode): string[] {
  const n = unwrap(node)
  if (n.type === 'MemberInvocation' && typeof n.text === 'string') return [n.text]
  if (n.type === 'InvocationExpression' && n.children?.length === 2) {
    const last = unwrap(n.children[1]!)
    if (last.type === 'MemberInvocation' && typeof last.text === 'string') return [...memberChain(n.children[0]!), last.text]
  }
  return refuse('a where() condition may only compare an element path with a literal')
}

/** `a = 'x' and b = %y` → item test and creation template. */
function predicate(node: FhirPathNode, constants: Readonly<Record<string, unknown>>): { test: (item: unknown) => boolean; template: Record<string, unknown> } {
  const n = unwrap(node)
  if (n.type === 'AndExpression' && n.children?.length === 2) {
    const a = predicate(n.children[0]!, constants)
    const b = predicate(n.children[1]!, constants)
    return { test: (x) => a.test(x) && b.test(x), template: { ...a.template, ...b.template } }
  }
  if (n.type === 'EqualityExpression' && n.text === '=' && n.children?.length === 2) {
    const chain = memberChain(n.children[0]!)
    const value = literal(n.children[1]!, constants)
    const read = (x: unknown): unknown => chain.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), x)
    let template: Record<string, unknown> = {}
    for (let i = chain.length - 1; i >= 0; i--) template = { [chain[i]!]: i === chain.length - 1 ? value : template }
    return { test: (x) => read(x) === value, template }
  }
  return refuse('a where() condition may only be equalities joined by and')
}

function functionStep(name: string, params: readonly FhirPathNode[], constants: Readonly<Record<string, unknown>>): Step[] {
  if (name === 'first' && params.length === 0) return [{ kind: 'index', index: 0 }]
  if (name === 'ofType' && params.length === 1) {
    const t = unwrap(params[0]!)
    if (t.type === 'MemberInvocation' && typeof t.text === 'string') return [{ kind: 'ofType', type: t.text }]
  }
  if (name === 'extension' && params.length === 1) {
    const url = literal(params[0]!, constants)
    if (typeof url !== 'string') refuse('extension() needs a url')
    return [
      { kind: 'member', name: 'extension' },
      { kind: 'filter', test: (e) => typeof e === 'object' && e !== null && (e as { url?: unknown }).url === url, template: { url }, text: `extension(${JSON.stringify(url)})` },
    ]
  }
  if (name === 'where' && params.length === 1) {
    const { test, template } = predicate(params[0]!, constants)
    return [{ kind: 'filter', test, template, text: 'where(…)' }]
  }
  return refuse(`${name}() is a function, not navigation`)
}

function stepsOf(node: FhirPathNode, constants: Readonly<Record<string, unknown>>): Step[] {
  const n = unwrap(node)
  switch (n.type) {
    case 'MemberInvocation':
      return typeof n.text === 'string' ? [{ kind: 'member', name: n.text }] : refuse('an unnamed member')
    case 'ThisInvocation':
      return [{ kind: 'this' }]
    case 'FunctionInvocation': {
      const fn = n.children?.[0]
      const name = fn?.children?.[0]?.text
      const params = fn?.children?.[1]?.children ?? []
      return typeof name === 'string' ? functionStep(name, params, constants) : refuse('an unnamed function')
    }
    case 'InvocationExpression':
      return [...stepsOf(n.children![0]!, constants), ...stepsOf(n.children![1]!, constants)]
    case 'IndexerExpression': {
      const index = literal(n.children![1]!, constants)
      if (typeof index !== 'number' || !Number.isInteger(index)) refuse('an index must be a whole number')
      return [...stepsOf(n.children![0]!, constants), { kind: 'index', index: index as number }]
    }
    default:
      return refuse(`${n.type.replace(/(Expression|Term)$/, '').toLowerCase() || 'this'} is not navigation`)
  }
}

// ---------------------------------------------------------------------------------------------
// steps → lens
// ---------------------------------------------------------------------------------------------

/** Whether `steps` (from an item) hold a repeating member. */
function repeats(steps: readonly Step[], typePath: string | undefined): boolean {
  let tp = typePath
  for (const s of steps) {
    if (s.kind !== 'member') continue
    const mp = memberPath(tp, s.name)
    if (isRepeating(mp, s.name)) return true
    tp = typeOf(mp)
  }
  return false
}

/** The lens of a path that yields at most one value, from a focus of type `typePath`. */
function singular(steps: readonly Step[], typePath: string | undefined): { lens: AnyLens; typePath: string | undefined } {
  const keys: PathKey[] = []
  const templates: (PathTemplate | undefined)[] = []
  const lenses: AnyLens[] = []
  const flush = (): void => {
    if (keys.length > 0) lenses.push(makePath(keys.splice(0), templates.splice(0)))
  }
  let tp = typePath
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!
    if (s.kind === 'this') continue
    if (s.kind === 'index') {
      if (s.index === 0) continue // first() / [0] of one value is that value
      refuse(`[${s.index}] of a single value is always empty`)
    }
    if (s.kind === 'ofType' || s.kind === 'filter') refuse(`${s.kind === 'ofType' ? `ofType(${s.type})` : s.text} applies to a collection or a choice element here`)
    if (s.kind !== 'member') continue
    const mp = memberPath(tp, s.name)
    const choice = mp === undefined ? undefined : model.choiceTypePaths[mp]
    if (choice !== undefined) {
      const next = steps[i + 1]
      if (next === undefined || next.kind !== 'ofType') return refuse(`${s.name} is a choice element (${s.name}[x]); select one type with ofType()`)
      const type = upperFirst(next.type)
      if (!choice.includes(type)) refuse(`${s.name} has no type ${next.type}`)
      keys.push(`${s.name}${type}`)
      templates.push(undefined)
      i++
      // A complex type (Quantity) is its own model path; a primitive has no members.
      tp = /^[A-Z]/.test(next.type) ? next.type : undefined
      continue
    }
    if (!isRepeating(mp, s.name)) {
      keys.push(s.name)
      templates.push(undefined)
      tp = typeOf(mp)
      continue
    }
    // A repeating member: the rest is a flattened collection until an index selects one value.
    let j = i + 1
    const filters: Extract<Step, { kind: 'filter' }>[] = []
    while (steps[j]?.kind === 'filter') filters.push(steps[j++] as Extract<Step, { kind: 'filter' }>)
    let k = j
    while (k < steps.length && steps[k]!.kind !== 'index') k++
    if (k === steps.length) refuse(`${s.name} repeats, so the path is a collection; select one item with first() or [n]`)
    const tail = steps.slice(j, k)
    const index = (steps[k] as Extract<Step, { kind: 'index' }>).index
    const itemType = typeOf(mp)
    if (index !== 0 && repeats(tail, itemType)) refuse(`[${index}] of a collection flattened from nested lists has no single position in the source`)
    // The item holding the selected value: the first (or n-th) item whose tail is not empty.
    const tailLens = tail.length === 0 ? undefined : singular([...tail, { kind: 'index', index: 0 }], itemType).lens
    const tests = filters.map((f) => f.test)
    const template = Object.assign({}, ...filters.map((f) => f.template)) as Record<string, unknown>
    const show = (item: unknown): boolean => tests.every((t) => t(item)) && (tailLens === undefined || tailLens.get(item) !== undefined)
    keys.push(s.name)
    templates.push(undefined)
    flush()
    if (filters.length > 0 || tailLens !== undefined) lenses.push(emptyAsAbsent, filterNode(show, { step: `filter(${[...filters.map((f) => f.text), ...(tailLens ? [`has ${tailLens.step}`] : [])].join(' and ')})` }) as AnyLens)
    keys.push(index)
    templates.push(undefined)
    flush()
    if (Object.keys(template).length > 0) lenses.push(seed(template))
    if (tailLens !== undefined) lenses.push(tailLens)
    const rest = steps.slice(k + 1)
    if (rest.length === 0) return { lens: chain(lenses), typePath: undefined }
    // What follows the selected value starts from its type.
    const after = singular(rest, tail.length === 0 ? itemType : undefined)
    return { lens: chain([...lenses, after.lens]), typePath: after.typePath }
  }
  flush()
  return { lens: chain(lenses), typePath: tp }
}

/** The identity on a list, except that a put of `[]` removes it (FHIR forbids empty arrays). */
const emptyAsAbsent: AnyLens = makeLens<unknown, unknown>({
  step: 'emptyAsAbsent',
  get: (s) => s,
  put: (_s, v) => (Array.isArray(v) && v.length === 0 ? undefined : v),
  create: (v) => (Array.isArray(v) && v.length === 0 ? undefined : v),
})

/**
 * The identity on an item, except that an item created from nothing starts from `template` (the
 * equalities of the filter that must show it: `{ use: 'official' }`, `{ url }`).
 */
function seed(template: Readonly<Record<string, unknown>>): AnyLens {
  return makeLens<unknown, unknown>({
    step: `seed(${JSON.stringify(template)})`,
    get: (s) => s,
    put: (s, v) => (s === undefined && typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...template, ...v } : v),
    create: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...template, ...v } : v),
  })
}

function chain(lenses: readonly AnyLens[]): AnyLens {
  return lenses.reduce<AnyLens>((a, b) => compose(a, b), id<unknown>())
}

/** Compiles a column expression from a focus of type `typePath` (a resource type or model path). */
export function compileColumn(expression: string, typePath: string | undefined, constants: Readonly<Record<string, unknown>>): Compiled {
  try {
    return singular(stepsOf(parseFhirPath(expression), constants), typePath)
  } catch (e) {
    if (e instanceof NotWritable) return { readOnly: e.message }
    throw e
  }
}

/**
 * Compiles a `forEach` expression to the lens onto the array it iterates (filtered by its
 * `where`/`extension` steps): a singular path ending at a repeating member.
 */
export function compileArray(expression: string, typePath: string | undefined, constants: Readonly<Record<string, unknown>>): CompiledArray {
  try {
    const steps = stepsOf(parseFhirPath(expression), constants)
    let end = steps.length
    while (end > 0 && steps[end - 1]!.kind === 'filter') end--
    const last = steps[end - 1]
    if (last === undefined || last.kind !== 'member') return refuse('forEach must end at a list element (optionally filtered with where/extension)')
    const base = singular(steps.slice(0, end - 1), typePath)
    const mp = memberPath(base.typePath, last.name)
    if (!isRepeating(mp, last.name)) refuse(`${last.name} is not a list`)
    const filters = steps.slice(end) as Extract<Step, { kind: 'filter' }>[]
    const lenses: AnyLens[] = [base.lens, makePath([last.name])]
    if (filters.length > 0) lenses.push(emptyAsAbsent, filterNode((item: unknown) => filters.every((f) => f.test(item)), { step: `filter(${filters.map((f) => f.text).join(' and ')})` }) as AnyLens)
    const template = Object.assign({}, ...filters.map((f) => f.template)) as Record<string, unknown>
    return { lens: chain(lenses), typePath: typeOf(mp), member: last.name, template, filtered: filters.length > 0 }
  } catch (e) {
    if (e instanceof NotWritable) return { readOnly: e.message }
    throw e
  }
}
