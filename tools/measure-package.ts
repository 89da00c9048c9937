/**
 * Measures what a user pays for installing and importing lensync (dev tooling, not a test): packs
 * each repository given, installs only its tarball into an empty project (`npm install --omit=dev`),
 * and prints, side by side, the production install's size and the import time of each entry.
 *
 *   npm run build && npx tsx tools/measure-package.ts [--repo DIR]... [--runs 5]
 *
 * With two `--repo` (e.g. a checkout of main with dist/ built, and this one) the samples alternate
 * between them, so a change in the machine's load hits both alike.
 *
 * Import time is the time `await import('<entry>')` takes in a fresh `node` started in the consumer
 * project (Node's own start-up excluded), the median of `--runs` runs after one discarded warm-up
 * (so the file system cache is warm and every run is a cold module load). Then the optional peer
 * dependencies are linked in (fast-check and vitest for `lensync/testing`, pg and PGlite for the
 * storage adapters) and the entries are timed again, with the number of modules each loads (a
 * `module.register` hook) and which optional peers among them.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type Consumer, createConsumer } from './consumer.js'

const { values } = parseArgs({
  options: { repo: { type: 'string', multiple: true, default: ['.'] }, runs: { type: 'string', default: '5' } },
})
const repos = values.repo.map((repo) => resolve(repo))
const runs = Number(values.runs)
const entries = [
  'lensync',
  'lensync/lens',
  'lensync/coordinator',
  'lensync/testing',
  'lensync/storage/memory',
  'lensync/storage/pglite',
  'lensync/storage/postgres',
  'lensync/storage/StorageAdapter',
  'lensync/storage/errors',
]
const peers = ['fast-check', 'vitest', 'pg', '@electric-sql/pglite']

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`

/** Milliseconds that `import(entry)` takes in a fresh process, or the first line of its error. */
function time(consumer: Consumer, entry: string): number | string {
  const code = `const start = performance.now(); await import(${JSON.stringify(entry)}); console.log(performance.now() - start)`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: consumer.dir, encoding: 'utf8' })
  if (child.status === 0) return Number(child.stdout)
  return (child.stderr.split('\n').find((line) => /Error/.test(line)) ?? `exit ${child.status}`).trim()
}

/** The median import time of `entry` in each consumer, sampled alternately. */
function importTimes(consumers: readonly Consumer[], entry: string): string[] {
  const samples = consumers.map((consumer) => [time(consumer, entry)])
  for (let i = 0; i < runs; i++) consumers.forEach((consumer, c) => samples[c]!.push(time(consumer, entry)))
  return samples.map((list) => {
    const failure = list.find((sample) => typeof sample === 'string')
    return failure === undefined ? `${median(list.slice(1) as number[]).toFixed(0)} ms` : `fails: ${failure}`
  })
}

function modulesLoaded(consumer: Consumer, entry: string): string {
  try {
    const modules = consumer.loadedModules(entry)
    const loaded = peers.filter((peer) => modules.some((url) => url.includes(`/node_modules/${peer}/`)))
    return `${modules.length} modules${loaded.length ? ` incl. ${loaded.join(', ')}` : ''}`
  } catch {
    return 'fails'
  }
}

const consumers = repos.map((repo) => createConsumer({ repo }))
try {
  for (const consumer of consumers) consumer.install()
  const du = (consumer: Consumer) => execFileSync('du', ['-sh', 'node_modules'], { cwd: consumer.dir, encoding: 'utf8' }).split('\t')[0]!
  const packages = (consumer: Consumer) =>
    execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: consumer.dir, encoding: 'utf8' }).trim().split('\n').length - 1

  console.log(row(['', ...repos]))
  console.log(row(['---', ...repos.map(() => '---')]))
  console.log(row(['tarball', ...consumers.map((c) => `${(statSync(c.tarball).size / 1024).toFixed(0)} kB, ${c.files.length} files`)]))
  console.log(row(['production install', ...consumers.map((c) => `${du(c)}, ${packages(c)} packages`)]))
  for (const entry of entries) console.log(row([`import ${entry}, no optional peer`, ...importTimes(consumers, entry)]))
  for (const consumer of consumers) consumer.link(peers)
  for (const entry of entries) {
    const times = importTimes(consumers, entry)
    console.log(row([`import ${entry}, optional peers installed`, ...consumers.map((c, i) => `${times[i]}, ${modulesLoaded(c, entry)}`)]))
  }
} finally {
  for (const consumer of consumers) consumer.remove()
}
