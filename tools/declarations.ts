/**
 * Writes the package's type declarations (dev tooling, run by `tsup.config.ts` after the JS build):
 * one `.d.ts` per source file, as `tsc` emits it, and a `.d.cts` twin of each for `require`, whose
 * relative imports point to the other twins and whose package imports resolve as ESM
 * (`resolution-mode: import`): viem's declarations are ESM only, so a CommonJS declaration file may
 * import its types only that way (TypeScript 5.3 or newer).
 *
 * **Why not tsup's `dts`**: its declaration bundler (rollup-plugin-dts) turns the types that a
 * namespace re-export (`export * as fhir`) takes from a shared chunk into `typeof` values, and those
 * declarations do not type-check in a consumer's project.
 *
 * **Example**
 * ```ts
 * emitDeclarations({ project: 'tsconfig.json', rootDir: 'src', outDir: 'dist' })
 * ```
 */
import { resolve, sep } from 'node:path'
import ts from 'typescript'

/** Options of {@link emitDeclarations}. */
export interface EmitDeclarationsOptions {
  /** The tsconfig whose compiler options apply. */
  readonly project: string
  /** Only the files under this directory are emitted; it is the root of the output tree. */
  readonly rootDir: string
  /** Where the declarations go. */
  readonly outDir: string
}

/** A relative module specifier ending in `.js`, in `from '…'` or `import('…')`. */
const relativeJs = /(\b(?:from|import\()\s*['"])(\.{1,2}\/[^'"]*)\.js(['"])/g
/** A whole-line named import from a package (not a relative path). */
const packageImport = /^import (?:type )?\{([^}]*)\} from (['"])([^.'"][^'"]*)\2;$/gm
/** An import type of a package: `import("viem").Hex`. */
const packageImportType = /\bimport\((['"])([^.'"][^'"]*)\1\)/g

/** The `.d.cts` twin of a `.d.ts` file's text. */
function commonJsTwin(text: string): string {
  return text
    .replace(relativeJs, '$1$2.cjs$3')
    .replace(packageImport, (_line, names: string, quote: string, name: string) =>
      `import type {${names.replace(/\btype /g, '')}} from ${quote}${name}${quote} with { 'resolution-mode': 'import' };`,
    )
    .replace(packageImportType, `import($1$2$1, { with: { 'resolution-mode': 'import' } })`)
}

const host: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: ts.sys.getCurrentDirectory,
  getNewLine: () => ts.sys.newLine,
}

/** Type-checks the files under `rootDir` and writes their `.d.ts` and `.d.cts` to `outDir`; throws on any error. */
export function emitDeclarations(options: EmitDeclarationsOptions): void {
  const rootDir = resolve(options.rootDir)
  const config = ts.getParsedCommandLineOfConfigFile(resolve(options.project), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.formatDiagnostic(diagnostic, host))
    },
  })
  if (!config) throw new Error(`${options.project}: cannot read the tsconfig`)
  const rootNames = config.fileNames.filter((fileName) => resolve(fileName).startsWith(rootDir + sep))
  const program = ts.createProgram({
    rootNames,
    options: { ...config.options, noEmit: false, declaration: true, emitDeclarationOnly: true, declarationMap: false, rootDir, outDir: resolve(options.outDir) },
  })
  const result = program.emit(undefined, (fileName, text) => {
    ts.sys.writeFile(fileName, text)
    ts.sys.writeFile(fileName.replace(/\.d\.ts$/, '.d.cts'), commonJsTwin(text))
  })
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics]
  if (errors.length > 0) throw new Error(`declarations: ${errors.length} error(s)\n${ts.formatDiagnostics(errors, host)}`)
}
