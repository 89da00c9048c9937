/**
 * Extracts the ```ts code examples of the doc comments and Markdown files, and type-checks them in
 * one TypeScript program with the repository's compiler options.
 *
 * Each block becomes its own in-memory module (nothing is written to disk) placed beside this file,
 * so `lensync`, `lensync/lens`, `lensync/coordinator` and `lensync/storage/*` resolve through the
 * tsconfig.json `paths` to the sources, exactly as they do for the tests.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/** A fenced ```ts block found in a doc comment or a Markdown file. */
export interface DocExample {
  /** File the block comes from, relative to the repository root (`src/lens/keyed.ts`). */
  readonly file: string
  /** 1-based line of the block's first code line in `file`. */
  readonly line: number
  /** Number of characters stripped from the start of every code line (` * ` in a doc comment). */
  readonly indent: number
  /** The code, one module. */
  readonly code: string
  /** Whether the fence opts out of type-checking (```ts nocheck). */
  readonly nocheck: boolean
}

/** A fence that was opened and never closed. */
export interface UnclosedFence {
  readonly file: string
  readonly line: number
}

/** What {@link extractFromDocComments} and {@link extractFromMarkdown} find. */
export interface Extraction {
  readonly examples: DocExample[]
  readonly unclosed: UnclosedFence[]
}

/** A type error in an example, located in the file the example comes from. */
export interface ExampleFailure {
  /** The failing example; `undefined` for a diagnostic of the whole program (compiler options). */
  readonly example: DocExample | undefined
  /** `src/lens/keyed.ts:368:3 TS2304: Cannot find name 'Patient'.` */
  readonly message: string
}

const OPEN = /^(\s*)```\s*(ts|typescript)(?:\s+(.*))?$/
const FENCE = /^(\s*)```/
const CLOSE = /^\s*```\s*$/

/** The info-string word that opts a block out of type-checking. */
export const NOCHECK = 'nocheck'

/**
 * Collects the ```ts blocks of numbered lines. `lines[i].text` is the line with its comment prefix
 * already stripped, `lines[i].indent` how many characters were stripped.
 */
function collectFences(
  file: string,
  lines: ReadonlyArray<{ readonly line: number; readonly text: string; readonly indent: number }>,
): Extraction {
  const examples: DocExample[] = []
  const unclosed: UnclosedFence[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i]!
    const opening = OPEN.exec(open.text)
    if (opening === null) {
      // Skip other languages' fences whole, so that their content is never read as a fence.
      if (FENCE.test(open.text)) {
        const end = lines.findIndex((l, j) => j > i && CLOSE.test(l.text))
        if (end === -1) unclosed.push({ file, line: open.line })
        i = end === -1 ? lines.length : end
      }
      continue
    }
    const fenceIndent = opening[1]!.length
    const words = (opening[3] ?? '').trim().split(/\s+/)
    const end = lines.findIndex((l, j) => j > i && CLOSE.test(l.text))
    if (end === -1) {
      unclosed.push({ file, line: open.line })
      break
    }
    const body = lines.slice(i + 1, end)
    examples.push({
      file,
      line: open.line + 1,
      indent: open.indent + fenceIndent,
      code: body.map((l) => l.text.slice(Math.min(fenceIndent, leadingSpaces(l.text)))).join('\n'),
      nocheck: words.includes(NOCHECK),
    })
    i = end
  }
  return { examples, unclosed }
}

function leadingSpaces(text: string): number {
  return text.length - text.trimStart().length
}

/**
 * The ```ts blocks in the JSDoc comments (`/** … *\/`) of a TypeScript source. The comment prefix
 * (`   * `) is stripped from every line; indentation after it is kept.
 */
export function extractFromDocComments(file: string, source: string): Extraction {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const examples: DocExample[] = []
  const unclosed: UnclosedFence[] = []
  for (const comment of docComments(sourceFile)) {
    const text = source.slice(comment.pos, comment.end)
    const firstLine = sourceFile.getLineAndCharacterOfPosition(comment.pos).line + 1
    const lines = text.split('\n').map((raw, k) => {
      const prefix = /^\s*\/?\*+\/?(?: |$)/.exec(k === 0 ? '' : raw)?.[0] ?? ''
      const body = raw.slice(prefix.length).replace(/\*\/$/, '').replace(/\r$/, '')
      return { line: firstLine + k, text: k === 0 ? '' : body, indent: prefix.length }
    })
    const found = collectFences(file, lines)
    examples.push(...found.examples)
    unclosed.push(...found.unclosed)
  }
  return { examples, unclosed }
}

/**
 * The `/** … *\/` comments of a source file, in order: the leading comments of every token, found
 * by walking the parsed tree (a bare scanner misreads template literals and regular expressions).
 */
function docComments(sourceFile: ts.SourceFile): ts.CommentRange[] {
  const text = sourceFile.text
  const found = new Map<number, ts.CommentRange>()
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      if (range.kind === ts.SyntaxKind.MultiLineCommentTrivia && text.startsWith('/**', range.pos)) found.set(range.pos, range)
    }
    for (const child of node.getChildren(sourceFile)) visit(child)
  }
  visit(sourceFile)
  return [...found.values()].sort((a, b) => a.pos - b.pos)
}

/** The ```ts blocks of a Markdown file (fences may be indented, e.g. in a list). */
export function extractFromMarkdown(file: string, source: string): Extraction {
  const lines = source.split('\n').map((text, k) => ({ line: k + 1, text: text.replace(/\r$/, ''), indent: 0 }))
  return collectFences(file, lines)
}

/** The compiler options of `tsconfig.json` at `root`, as `tsc` reads them. */
export function readCompilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json')
  const read = ts.readConfigFile(configPath, ts.sys.readFile)
  if (read.error !== undefined) throw new Error(formatDiagnostics([read.error]))
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath)
  const errors = parsed.errors.filter((d) => d.code !== 18003) // "No inputs were found": irrelevant here
  if (errors.length > 0) throw new Error(formatDiagnostics(errors))
  return { ...parsed.options, noEmit: true }
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')
}

/**
 * Type-checks every example that does not opt out, in one program, and returns one failure per
 * diagnostic. `dir` is the (existing) directory the in-memory modules pretend to live in.
 */
export function typecheckExamples(
  root: string,
  dir: string,
  examples: readonly DocExample[],
  options: ts.CompilerOptions = readCompilerOptions(root),
): ExampleFailure[] {
  const virtual = new Map<string, { readonly example: DocExample; readonly text: string }>()
  examples.forEach((example, n) => {
    if (example.nocheck) return
    const name = `${example.file.replace(/[^A-Za-z0-9]+/g, '_')}_L${example.line}_${n}.ts`
    // `export {}` on the last line makes every block a module (its own scope, top-level await)
    // without shifting the line numbers.
    virtual.set(join(dir, name), { example, text: `${example.code}\nexport {}\n` })
  })
  const host = ts.createCompilerHost(options, true)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists.call(host, fileName)
  host.readFile = (fileName) => virtual.get(fileName)?.text ?? readFile.call(host, fileName)
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const entry = virtual.get(fileName)
    if (entry === undefined) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate)
    return ts.createSourceFile(fileName, entry.text, languageVersion, true, ts.ScriptKind.TS)
  }
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host })
  const failures: ExampleFailure[] = []
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]
  for (const d of global) failures.push({ example: undefined, message: `(program) TS${d.code}: ${formatDiagnostics([d])}` })
  for (const [fileName, { example }] of virtual) {
    const sourceFile = program.getSourceFile(fileName)
    if (sourceFile === undefined) throw new Error(`example module ${fileName} is missing from the program`)
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
    for (const d of diagnostics) {
      const at = d.start === undefined ? { line: 0, character: 0 } : sourceFile.getLineAndCharacterOfPosition(d.start)
      const where = `${example.file}:${example.line + at.line}:${example.indent + at.character + 1}`
      failures.push({ example, message: `${where} TS${d.code}: ${formatDiagnostics([d])}` })
    }
  }
  return failures
}

/** Every ```ts block of the doc comments under `src/` and of the given Markdown files. */
export function collectExamples(root: string, markdown: readonly string[]): Extraction {
  const examples: DocExample[] = []
  const unclosed: UnclosedFence[] = []
  const add = (found: Extraction): void => {
    examples.push(...found.examples)
    unclosed.push(...found.unclosed)
  }
  for (const file of ts.sys.readDirectory(join(root, 'src'), ['.ts'], undefined, undefined).sort()) {
    if (file.endsWith('.d.ts')) continue
    add(extractFromDocComments(toPosix(relative(root, file)), readFileSync(file, 'utf8')))
  }
  for (const file of markdown) {
    const path = join(root, file)
    if (ts.sys.fileExists(path)) add(extractFromMarkdown(file, readFileSync(path, 'utf8')))
  }
  return { examples, unclosed }
}

function toPosix(path: string): string {
  return path.split('\\').join('/')
}

/** The repository root (two levels above this file). */
export const repositoryRoot: string = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
