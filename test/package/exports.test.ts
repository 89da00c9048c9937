/**
 * The published entry points, as a consumer imports them: ESM and CJS from dist/ through the
 * package's own "exports" map (self-reference by name). `npm test` builds dist/ before running this.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'

const require = createRequire(import.meta.url)
const entries = ['lensync', 'lensync/lens', 'lensync/coordinator', 'lensync/storage/memory', 'lensync/storage/pglite', 'lensync/storage/postgres'] as const

describe('package exports', () => {
  test('default: dist/ is built (run `npm run build` first)', () => {
    expect(existsSync('dist/index.js') && existsSync('dist/index.cjs') && existsSync('dist/index.d.ts')).toBe(true)
  })

  test.each(entries)('behavior: %s loads as ESM and CJS with the same exports', async (entry) => {
    const esm = (await import(/* @vite-ignore */ require.resolve(entry).replace(/\.cjs$/, '.js'))) as Record<string, unknown>
    const cjs = require(entry) as Record<string, unknown>
    expect(Object.keys(esm).length).toBeGreaterThan(0)
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort())
  })

  test('behavior: each entry exposes its main API', () => {
    expect(typeof require('lensync').pipe).toBe('function')
    expect(typeof require('lensync/lens').checkLaws).toBe('function')
    expect(typeof require('lensync/coordinator').createPeer).toBe('function')
    expect(typeof require('lensync/storage/memory').memoryStorage).toBe('function')
    expect(typeof require('lensync/storage/pglite').pgliteStorage).toBe('function')
    expect(typeof require('lensync/storage/postgres').postgresStorage).toBe('function')
  })

  test('behavior: type declarations exist for every entry, for both formats', () => {
    for (const path of ['index', 'lens/index', 'coordinator/index', 'storage/memory', 'storage/pglite', 'storage/postgres'])
      for (const ext of ['.d.ts', '.d.cts']) expect(existsSync(`dist/${path}${ext}`), `dist/${path}${ext}`).toBe(true)
  })
})
