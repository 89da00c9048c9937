/**
 * The benchmarks measure the built package (dist/), as users get it from npm: checks that dist/ is
 * there and newer than the sources it is built from, and that a child process really resolves
 * `lensync/*` to it (see `tsconfig.dist.json`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
const root = fileURLToPath(new URL('../..', import.meta.url))

/** The ESM entries the benchmark children load (package.json "exports", `import` condition). */
const entries = ['dist/index.js', 'dist/lens/index.js', 'dist/coordinator/index.js'] as const

/** What dist/ is built from: the sources and the build configuration. */
const inputs = ['src', 'tsup.config.ts', 'package.json'] as const

/** The tsconfig tsx uses in the children: no "paths", so `lensync/*` goes through package exports. */
export const distTsconfig = fileURLToPath(new URL('../tsconfig.dist.json', import.meta.url))

const build = 'run `npm run bench` / `npm run bench:quick` (they build first) or `npm run build`, then rerun'

/** The newest file under `path` (a file or a directory), or `undefined` when there is none. */
function newest(path: string): { readonly file: string; readonly mtimeMs: number } | undefined {
  if (!existsSync(path)) return undefined
  const stat = statSync(path)
  if (!stat.isDirectory()) return { file: path, mtimeMs: stat.mtimeMs }
  let best: { readonly file: string; readonly mtimeMs: number } | undefined
  for (const name of readdirSync(path)) {
    const candidate = newest(join(path, name))
    if (candidate !== undefined && (best === undefined || candidate.mtimeMs > best.mtimeMs)) best = candidate
  }
  return best
}

/**
 * Throws (with what to run) when dist/ is missing or older than any file of src/, `tsup.config.ts`
 * or `package.json`: the figures would then describe some other version of lensync.
 */
export function assertDistFresh(): void {
  const missing = entries.filter((entry) => !existsSync(join(root, entry)))
  if (missing.length > 0)
    throw new Error(`bench: the benchmarks measure the built package, but dist/ is not built (missing ${missing.join(', ')}): ${build}.`)
  const built = Math.min(...entries.map((entry) => statSync(join(root, entry)).mtimeMs))
  for (const input of inputs) {
    const latest = newest(join(root, input))
    if (latest !== undefined && latest.mtimeMs > built)
      throw new Error(
        `bench: the benchmarks measure the built package, but dist/ is older than ${relative(root, latest.file)} ` +
          `(built ${new Date(built).toISOString()}, changed ${new Date(latest.mtimeMs).toISOString()}): ${build}.`,
      )
  }
}

/**
 * Throws unless `lensync/lens` resolves into dist/ in this process (the runner starts each child with
 * `TSX_TSCONFIG_PATH` = {@link distTsconfig}; without it tsx would follow the root tsconfig's "paths"
 * to the sources).
 */
export function assertResolvesToDist(): void {
  const resolved = fileURLToPath(import.meta.resolve('lensync/lens'))
  if (!resolved.startsWith(join(root, 'dist') + sep))
    throw new Error(
      `bench: lensync/lens resolves to ${resolved}, not to dist/: start children through bench/run.ts, or set TSX_TSCONFIG_PATH=${relative(root, distTsconfig)}.`,
    )
}
