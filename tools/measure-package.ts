/**
 * Measures what a user pays for installing and importing lensync (dev tooling, not a test): packs
 * the repository, installs only the tarball into an empty project (`npm install --omit=dev`), and
 * prints the production install's size, then the import time of each entry.
 *
 *   npm run build && npx tsx tools/measure-package.ts [--repo DIR] [--runs 5]
 *
 * Import time is the time `await import('<entry>')` takes in a fresh `node` started in the consumer
 * project (Node's own start-up excluded), the median of `--runs` runs after one discarded warm-up
 * (so the file system cache is warm and every run is a cold module load). Then the optional peer
 * dependencies are linked in (fast-check and vitest for `lensync/testing`, pg and PGlite for the
 * storage adapters) and the entries are timed again.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createConsumer } from './consumer.js'

const { values } = parseArgs({ options: { repo: { type: 'string', default: '.' }, runs: { type: 'string', default: '5' } } })
const repo = resolve(values.repo)
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

/** Milliseconds that `import(entry)` takes in a fresh process, or the first line of its error. */
function time(dir: string, entry: string): number | string {
  const code = `const start = performance.now(); await import(${JSON.stringify(entry)}); console.log(performance.now() - start)`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: dir, encoding: 'utf8' })
  return child.status === 0 ? Number(child.stdout) : (child.stderr.split('\n').find((l) => /Error|Cannot find/.test(l)) ?? `exit ${child.status}`)
}

function importTime(dir: string, entry: string): string {
  time(dir, entry)
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const result = time(dir, entry)
    if (typeof result === 'string') return `fails: ${result.trim()}`
    samples.push(result)
  }
  return `${median(samples).toFixed(0)} ms`
}

const consumer = createConsumer({ repo })
try {
  consumer.install()
  const size = execFileSync('du', ['-sh', 'node_modules'], { cwd: consumer.dir, encoding: 'utf8' }).split('\t')[0]
  const packages = execFileSync('npm', ['ls', '--all', '--parseable'], { cwd: consumer.dir, encoding: 'utf8' }).trim().split('\n').length - 1
  console.log(`repository: ${repo}`)
  console.log(`tarball: ${consumer.tarball.split('/').pop()}, ${(statSync(consumer.tarball).size / 1024).toFixed(0)} kB, ${consumer.files.length} files`)
  console.log(`production install (npm install --omit=dev <tarball>): ${size} in node_modules, ${packages} packages`)
  console.log(`\nimport time without optional peers, median of ${runs}:`)
  for (const entry of entries) console.log(`  ${entry}: ${importTime(consumer.dir, entry)}`)
  consumer.link(peers)
  console.log(`\nimport time with ${peers.join(', ')} installed, median of ${runs}:`)
  for (const entry of entries) console.log(`  ${entry}: ${importTime(consumer.dir, entry)}`)
} finally {
  consumer.remove()
}
