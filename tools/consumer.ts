/**
 * A fresh consumer project of the packed package (dev tooling, not part of the package): packs the
 * repository with `npm pack` and installs only that tarball into a new project in a temp directory,
 * as a user's `npm install lensync` would. Used by `test/package/consumer.test.ts` and
 * `tools/measure-package.ts`.
 *
 * **Details**: `dist/` must be built first (`npm run build`); packing skips the `prepack` build.
 * The install uses `--prefer-offline`, so the npm cache filled by `npm ci` serves the tarballs.
 * Optional peer dependencies are linked from the repository's `node_modules` (`link`), as a user
 * who installed them would have them, without a second install.
 *
 * **Example**
 * ```ts
 * const consumer = createConsumer({ repo: process.cwd() })
 * consumer.install()                 // the tarball and its production dependencies only
 * consumer.node(['--input-type=module', '-e', "await import('lensync/lens')"])
 * consumer.remove()
 * ```
 */
import { execFile, execFileSync, type ExecFileSyncOptions } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A consumer project in a temp directory. */
export interface Consumer {
  /** The project directory (holds `package.json`, `node_modules/` and the tarball). */
  readonly dir: string
  /** Absolute path of the packed tarball. */
  readonly tarball: string
  /** The files in the tarball, relative to the package root. */
  readonly files: readonly string[]
  /** `npm install --omit=dev` of the tarball, nothing else. */
  install(): void
  /** Links `packages` from the repository's `node_modules` into the project's (those not installed yet). */
  link(packages: readonly string[]): void
  /** Runs `node` in the project (no NODE_PATH, no NODE_OPTIONS; `env` added) and returns its stdout; throws on a non-zero exit. */
  node(args: readonly string[], env?: NodeJS.ProcessEnv): string
  /** The URLs of the modules the ESM loader loads for `import(entry)` in a fresh `node` (a `module.register` hook). */
  loadedModules(entry: string): string[]
  /** Runs the repository's `tsc` on a tsconfig of the project; resolves with its output (diagnostics). */
  tsc(project: string): Promise<string>
  /** Writes a file relative to the project. */
  write(path: string, content: string): void
  /** Deletes the project. */
  remove(): void
}

/** Options of {@link createConsumer}. */
export interface CreateConsumerOptions {
  /** The repository to pack (its `dist/` must be built). */
  readonly repo: string
}

/** The environment of every child: no module search path or preloads inherited from the caller. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { NODE_PATH: _path, NODE_OPTIONS: _options, ...env } = process.env
  return { ...env, ...extra }
}

/** A `module.register` hook that appends the URL of every module loaded to the file `$TRACE_LOG`. */
const traceHook = {
  'trace/register.mjs': `import { register } from 'node:module'\nregister('./hooks.mjs', import.meta.url, { data: { log: process.env.TRACE_LOG } })\n`,
  'trace/hooks.mjs': `import { appendFileSync } from 'node:fs'\nlet log\nexport function initialize(data) { log = data.log }\nexport async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context) }\n`,
}

/** Packs `repo` and creates an empty ESM consumer project around the tarball. */
export function createConsumer(options: CreateConsumerOptions): Consumer {
  const { repo } = options
  if (!existsSync(join(repo, 'dist', 'index.js'))) throw new Error(`${repo}/dist is not built: run \`npm run build\` first.`)
  const dir = mkdtempSync(join(tmpdir(), 'lensync-consumer-'))
  const run = (file: string, args: readonly string[], extra: ExecFileSyncOptions = {}): string =>
    execFileSync(file, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv(), ...extra }) as string

  const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repo })) as [
    { filename: string; files: { path: string }[] },
  ]
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2))
  const tarball = join(dir, packed.filename)
  let traces = 0

  const consumer: Consumer = {
    dir,
    tarball,
    files: packed.files.map((file) => file.path),
    install() {
      run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball])
    },
    link(packages) {
      for (const name of packages) {
        const target = join(dir, 'node_modules', name)
        if (existsSync(target)) continue
        mkdirSync(dirname(target), { recursive: true })
        symlinkSync(join(repo, 'node_modules', name), target, 'dir')
      }
    },
    node(args, env) {
      return run(process.execPath, args, { env: cleanEnv(env) })
    },
    loadedModules(entry) {
      for (const [path, content] of Object.entries(traceHook)) consumer.write(path, content)
      const log = join(dir, 'trace', `${++traces}.log`)
      consumer.node(['--import', './trace/register.mjs', '--input-type=module', '-e', `await import(${JSON.stringify(entry)})`], { TRACE_LOG: log })
      return readFileSync(log, 'utf8').trim().split('\n')
    },
    tsc(project) {
      const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
      return new Promise((resolve) => {
        execFile(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: dir, env: cleanEnv() }, (_error, stdout, stderr) =>
          resolve(`${stdout}${stderr}`.trim()),
        )
      })
    },
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), content)
    },
    remove() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return consumer
}
