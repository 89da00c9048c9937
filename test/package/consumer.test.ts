/**
 * The package as a user gets it: `npm pack`, then a fresh project in a temp directory that installs
 * only the tarball (no optional peer, no `@types/node`). `npm test` builds dist/ before this runs.
 */
import type { PGlite } from '@electric-sql/pglite'
import type { PgliteClient } from 'lensync/storage/pglite'
import type { PgPool } from 'lensync/storage/postgres'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Consumer, createConsumer } from '../../tools/consumer.js'

const runtimeEntries = [
  'lensync',
  'lensync/lens',
  'lensync/coordinator',
  'lensync/storage/memory',
  'lensync/storage/pglite',
  'lensync/storage/postgres',
  'lensync/storage/StorageAdapter',
  'lensync/storage/errors',
] as const
const optionalPeers = ['@electric-sql/pglite', '@types/fhir', 'fast-check', 'fhirpath', 'pg', 'vitest'] as const

// The structural driver types accept the real drivers (checked by `tsc`, never called).
export const driversFit = (db: PGlite, pool: pg.Pool): [PgliteClient, PgPool] => [db, pool]

/** Every entry's exported names, loaded in a child process: ESM by `import()`, CJS by `require`. */
const exportsScript = {
  esm: `const out = {}; for (const e of ${JSON.stringify(runtimeEntries)}) out[e] = Object.keys(await import(e)).sort(); console.log(JSON.stringify(out))`,
  cjs: `const out = {}; for (const e of ${JSON.stringify(runtimeEntries)}) out[e] = Object.keys(require(e)).sort(); console.log(JSON.stringify(out))`,
}

/** The first call of each SQL adapter, whose driver is not installed: the error it throws. */
const missingDriverScript = (load: (entry: string) => string) => `
  const { pgliteStorage } = ${load('lensync/storage/pglite')}
  const { postgresStorage } = ${load('lensync/storage/postgres')}
  const out = []
  for (const storage of [pgliteStorage(), postgresStorage({ connectionString: 'postgres://127.0.0.1:1/none' })])
    await storage.getRecord('Patient/1').then(() => out.push('no error'), (e) => out.push({ name: e.name, code: e.code, message: e.shortMessage }))
  console.log(JSON.stringify(out))`

const consumerTypes = `
import * as root from 'lensync'
import * as lens from 'lensync/lens'
import * as coordinator from 'lensync/coordinator'
import * as memory from 'lensync/storage/memory'
import * as pglite from 'lensync/storage/pglite'
import * as postgres from 'lensync/storage/postgres'
import type { StorageAdapter } from 'lensync/storage/StorageAdapter'
import { isStorageError, type StorageErrorCode } from 'lensync/storage/errors'

interface Doc { readonly a: { readonly b: number } }
const b: lens.Lens<Doc, number> = lens.pipe(lens.id<Doc>(), lens.prop('a'), lens.prop('b'))
const storage: StorageAdapter = memory.memoryStorage()
const sql: StorageAdapter[] = [pglite.pgliteStorage(), postgres.postgresStorage({ connectionString: 'postgres://localhost/db' })]
const code: StorageErrorCode = 'MissingDependency'
const patient: root.fhir.Patient = { resourceType: 'Patient' }
export const used = [b, storage, sql, code, patient, isStorageError, coordinator.viewCoordinatorAbi, root.LensyncError]
`
const testingTypes = `
import { arbitraries, checkLaws, shouldBehaveLikeStorageAdapter, type StorageHarness } from 'lensync/testing'
import { id, pipe, prop, type Patient } from 'lensync/lens'
export const result = checkLaws(pipe(id<Patient>(), prop('gender')), { source: arbitraries.patient(), runs: 1 })
export const suite: (harness: StorageHarness) => void = shouldBehaveLikeStorageAdapter
`

// The global `fhir4` namespace of @types/fhir, which lensync/testing/fhir4's declarations reference.
const fhir4Types = `
import fc from 'fast-check'
import { checkLaws } from 'lensync/testing'
import { fhir, id, pipe } from 'lensync/lens'
import { arbitraries } from 'lensync/testing/fhir4'
const patients: fc.Arbitrary<fhir4.Patient> = arbitraries.patient()
export const result = checkLaws(pipe(id<fhir4.Patient>(), fhir.identifiers()), { source: patients, runs: 1 })
export const bundles: fc.Arbitrary<fhir4.Bundle> = arbitraries.bundle()
`
const fhir4TypesCjs = `
import fc = require('fast-check')
import testing = require('lensync/testing/fhir4')
export const bundles: fc.Arbitrary<fhir4.Bundle> = testing.arbitraries.bundle()
`

const tsconfig = (options: Record<string, unknown>, files: readonly string[]) =>
  JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', types: [], ...options }, files })

/** `tsc` diagnostics (one per line) in lensync's declarations or in the consumer's own files. */
const ours = (output: string) => output.split('\n').filter((line) => /^(node_modules\/lensync\/|[a-z]+\.c?ts\()/.test(line))

describe('package: a fresh project that installs only the tarball', () => {
  let consumer: Consumer

  beforeAll(() => {
    consumer = createConsumer({ repo: process.cwd() })
    consumer.install()
  }, 300_000)
  afterAll(() => consumer?.remove())

  test('default: the tarball holds dist/, README and LICENSE, and no contract, test or mock', () => {
    expect(consumer.files).toContain('LICENSE')
    expect(consumer.files).toContain('README.md')
    expect(consumer.files).toContain('dist/lens/index.d.cts')
    expect(consumer.files.filter((file) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(file))).toEqual([])
    expect(consumer.files.filter((file) => /\.sol$|(^|\/)(test|mocks?)\//i.test(file))).toEqual([])
    expect(readFileSync(join(consumer.dir, 'node_modules/lensync/LICENSE'), 'utf8')).toContain('Copyright (c) 2026 lensync contributors')
  })

  test('behavior: only the declarations of lensync/testing/fhir4 refer to @types/fhir', () => {
    const declarations = consumer.files.filter((file) => /^dist\/.*\.d\.c?ts$/.test(file))
    const refer = (file: string) => /^\/\/\/ <reference types="fhir"|^import [^\n]* from 'fhir\//m.test(readFileSync(join(consumer.dir, 'node_modules/lensync', file), 'utf8'))
    expect(declarations.filter(refer).every((file) => file.startsWith('dist/testing/fhir4/'))).toBe(true)
    expect(declarations.filter(refer)).toContain('dist/testing/fhir4/index.d.cts')
  })

  test('behavior: the production install has no optional peer, no fast-json-patch and one abitype', () => {
    const modules = join(consumer.dir, 'node_modules')
    for (const name of [...optionalPeers, 'fast-json-patch', 'mitata']) expect(existsSync(join(modules, name)), name).toBe(false)
    const abitypes = readdirSync(modules, { recursive: true, encoding: 'utf8' }).filter((path) => /(^|\/)abitype$/.test(path))
    expect(abitypes).toEqual(['abitype'])
  })

  test('behavior: every entry but lensync/testing and lensync/views loads without the optional peers, the same in ESM and CJS', () => {
    const esm = JSON.parse(consumer.node(['--input-type=module', '-e', exportsScript.esm])) as Record<string, string[]>
    const cjs = JSON.parse(consumer.node(['--input-type=commonjs', '-e', exportsScript.cjs])) as Record<string, string[]>
    expect(Object.keys(esm)).toEqual([...runtimeEntries])
    expect(cjs).toEqual(esm)
    expect(esm['lensync/lens']).toContain('pipe')
    expect(esm['lensync/coordinator']).toEqual(expect.arrayContaining(['createPeer', 'settle', 'RoundRefusedError', 'PeerError']))
    expect(esm['lensync/storage/pglite']).toContain('pgliteStorage')
    expect(esm['lensync/storage/postgres']).toContain('postgresStorage')
  })

  test('behavior: a SQL adapter whose driver is missing throws MissingDependency naming the package (ESM and CJS)', () => {
    const expected = [
      { name: 'StorageError', code: 'MissingDependency', message: expect.stringContaining('npm install @electric-sql/pglite') },
      { name: 'StorageError', code: 'MissingDependency', message: expect.stringContaining('npm install pg`') },
    ]
    const esm = consumer.node(['--input-type=module', '-e', missingDriverScript((e) => `await import('${e}')`)])
    const cjs = consumer.node(['--input-type=commonjs', '-e', `(async () => { ${missingDriverScript((e) => `require('${e}')`)} })()`])
    expect(JSON.parse(esm)).toEqual(expected)
    expect(JSON.parse(cjs)).toEqual(expected)
  })

  test('behavior: lensync/testing, lensync/testing/fhir4 and lensync/views without their peers fail naming the missing package', () => {
    expect(() => consumer.node(['--input-type=module', '-e', "await import('lensync/testing')"])).toThrow(/Cannot find package '(fast-check|vitest)'/)
    expect(() => consumer.node(['--input-type=module', '-e', "await import('lensync/testing/fhir4')"])).toThrow(/Cannot find package 'fast-check'/)
    expect(() => consumer.node(['--input-type=module', '-e', "await import('lensync/views')"])).toThrow(/Cannot find (package|module) 'fhirpath/)
  })

  test('behavior: the declarations type-check without @types/node (node16 ESM and CJS, bundler)', async () => {
    consumer.write('consumer.ts', consumerTypes)
    consumer.write('consumer.cts', consumerTypes)
    consumer.write('tsconfig.node16.json', tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['consumer.ts', 'consumer.cts']))
    consumer.write('tsconfig.bundler.json', tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['consumer.ts']))
    expect(existsSync(join(consumer.dir, 'node_modules/@types'))).toBe(false)
    const [node16, bundler] = await Promise.all([consumer.tsc('tsconfig.node16.json'), consumer.tsc('tsconfig.bundler.json')])
    expect(node16).toBe('')
    expect(bundler).toBe('')
  }, 300_000)

  describe('with the optional peers installed', () => {
    beforeAll(() => consumer.link(optionalPeers))

    const required = (entry: string): string[] =>
      JSON.parse(consumer.node(['-e', `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`])) as string[]
    const heavy = /\/node_modules\/(fast-check|@electric-sql\/pglite|vitest)\//

    test('behavior: import "lensync/lens" loads neither fast-check nor PGlite (ESM loader hook, CJS require.cache)', () => {
      const esm = consumer.loadedModules('lensync/lens')
      expect(esm.some((url) => url.endsWith('/node_modules/lensync/dist/lens/index.js'))).toBe(true)
      expect(esm.filter((url) => heavy.test(url))).toEqual([])
      const cjs = required('lensync/lens')
      expect(cjs.some((path) => path.endsWith('/node_modules/lensync/dist/lens/index.cjs'))).toBe(true)
      expect(cjs.filter((path) => heavy.test(path))).toEqual([])
      // The same hooks see fast-check when an entry does load it, and PGlite is loaded only on first use.
      expect(consumer.loadedModules('lensync/testing').some((url) => /\/fast-check\//.test(url))).toBe(true)
      expect(consumer.loadedModules('lensync/storage/pglite').filter((url) => heavy.test(url))).toEqual([])
    })

    test('behavior: lensync/testing loads as ESM', () => {
      const names = JSON.parse(consumer.node(['--input-type=module', '-e', "console.log(JSON.stringify(Object.keys(await import('lensync/testing'))))"]))
      expect(names).toEqual(expect.arrayContaining(['checkLaws', 'checkEditLaws', 'arbitraries', 'patchFor', 'shouldBehaveLikeStorageAdapter']))
    })

    test('behavior: lensync/views loads with fhirpath, the same in ESM and CJS, and compiles a ViewDefinition', () => {
      const script = (load: string) =>
        `const { viewDefinition } = ${load}; const lens = viewDefinition({ resourceType: 'ViewDefinition', resource: 'Patient', status: 'active', select: [{ column: [{ name: 'id', path: 'id' }] }] }); console.log(JSON.stringify(lens.get({ resourceType: 'Patient', id: 'p1' })))`
      const esm = consumer.node(['--input-type=module', '-e', script("await import('lensync/views')")])
      const cjs = consumer.node(['--input-type=commonjs', '-e', script("require('lensync/views')")])
      expect(JSON.parse(esm)).toEqual(JSON.parse(cjs))
      expect(JSON.stringify(JSON.parse(esm))).toContain('p1')
    })

    test('behavior: lensync/testing type-checks with its peers (node16 and bundler)', async () => {
      consumer.write('testing.ts', testingTypes)
      consumer.write('tsconfig.testing-node16.json', tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['testing.ts']))
      consumer.write('tsconfig.testing-bundler.json', tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['testing.ts']))
      const outputs = await Promise.all([consumer.tsc('tsconfig.testing-node16.json'), consumer.tsc('tsconfig.testing-bundler.json')])
      // vitest's own declarations need @types/node, which a vitest project has: only ours must be clean.
      for (const output of outputs) expect(ours(output)).toEqual([])
    }, 300_000)

    test('behavior: lensync/testing/fhir4 loads in ESM and CJS, and its samples are fhir4 values', () => {
      const script = (load: string, fc: string) =>
        `const { arbitraries } = ${load}; const fc = ${fc}; const [p] = fc.sample(arbitraries.observation(), { numRuns: 1, seed: 1 }); console.log(JSON.stringify([Object.keys(arbitraries).length, p.resourceType, typeof p.status]))`
      const esm = consumer.node(['--input-type=module', '-e', script("await import('lensync/testing/fhir4')", "(await import('fast-check')).default")])
      const cjs = consumer.node(['--input-type=commonjs', '-e', script("require('lensync/testing/fhir4')", "require('fast-check')")])
      expect(JSON.parse(esm)).toEqual([20, 'Observation', 'string'])
      expect(JSON.parse(cjs)).toEqual(JSON.parse(esm))
    })

    test('behavior: lensync/testing/fhir4 type-checks with @types/fhir (node16 ESM and CJS, bundler)', async () => {
      consumer.write('typed.ts', fhir4Types)
      consumer.write('typed.cts', fhir4TypesCjs)
      consumer.write('tsconfig.fhir4-node16.json', tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['typed.ts', 'typed.cts']))
      consumer.write('tsconfig.fhir4-bundler.json', tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['typed.ts']))
      const outputs = await Promise.all([consumer.tsc('tsconfig.fhir4-node16.json'), consumer.tsc('tsconfig.fhir4-bundler.json')])
      for (const output of outputs) expect(ours(output)).toEqual([])
    }, 300_000)
  })
})
