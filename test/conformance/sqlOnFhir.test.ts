/**
 * The SQL on FHIR v2 conformance suite (HL7, MIT), run against `viewDefinition`.
 *
 * The suite is read from the folder in `SQL_ON_FHIR_TESTS` (default: `../shared/conformance/
 * sql-on-fhir-v2/tests` beside the repository). Without it the suite is skipped with the reason —
 * except under CI (`CI=true`), where a missing suite fails.
 *
 * Every test tagged `shareable` runs: rows must equal `expect` (as a multiset), columns `expectColumns`,
 * the count `expectCount`; an `expectError` test must raise a typed `ViewDefinitionError`. The tests
 * listed in `expectedFailures` must fail (each with why): one that starts passing fails the run, so
 * the list stays exact.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { type ViewDefinition, ViewDefinitionError, viewDefinition } from 'lensync/views'
import { deepEqual } from '../../src/json/equal.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const folder = process.env.SQL_ON_FHIR_TESTS ?? join(root, '../shared/conformance/sql-on-fhir-v2/tests')
const present = existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.json'))

/** Shareable tests lensync does not pass, by `file: title`, with the reason. */
const expectedFailures: Readonly<Record<string, string>> = {}

interface SuiteTest {
  readonly title: string
  readonly tags?: readonly string[]
  readonly view: ViewDefinition
  readonly expect?: readonly Record<string, unknown>[]
  readonly expectCount?: number
  readonly expectColumns?: readonly string[]
  readonly expectError?: boolean
}
interface SuiteFile {
  readonly title: string
  readonly resources: readonly Record<string, unknown>[]
  readonly tests: readonly SuiteTest[]
}

function run(file: SuiteFile, t: SuiteTest): void {
  if (t.expectError) {
    let error: unknown
    try {
      const lens = viewDefinition(t.view, { over: 'resources' })
      lens.get(file.resources as never)
    } catch (e) {
      error = e
    }
    expect(error, 'a typed ViewDefinitionError').toBeInstanceOf(ViewDefinitionError)
    return
  }
  const lens = viewDefinition(t.view, { over: 'resources' })
  const rows = lens.get(file.resources as never)
  if (t.expectColumns !== undefined) expect(lens.columns).toEqual(t.expectColumns)
  if (t.expectCount !== undefined) expect(rows.length).toBe(t.expectCount)
  if (t.expect !== undefined) {
    // A view is a table: rows compare as a multiset. (The suite does not fix an order across
    // resources: `%rowIndex in unionAll without forEach` lists its rows by branch across resources.)
    const left = [...t.expect]
    const ok = rows.length === left.length && rows.every((r) => {
      const i = left.findIndex((e) => deepEqual(r, e))
      return i >= 0 && left.splice(i, 1).length === 1
    })
    if (!ok) expect(rows).toEqual(t.expect)
  }
}

const files = present ? readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : []
const shareable = files.flatMap((name) => {
  const file = JSON.parse(readFileSync(join(folder, name), 'utf8')) as SuiteFile
  return file.tests.filter((t) => t.tags?.includes('shareable')).map((t) => ({ name, file, t }))
})

describe('SQL on FHIR v2 conformance', () => {
  if (!present) {
    const reason = `the suite is not at ${folder}; set SQL_ON_FHIR_TESTS to its tests/ folder`
    if (process.env.CI === 'true') test(`error: ${reason}`, () => expect.fail(reason))
    else test.skip(`skipped: ${reason}`, () => {})
    return
  }

  test('default: the suite holds the 123 shareable tests, and at most 5 are expected to fail', () => {
    expect(shareable.length).toBe(123)
    expect(Object.keys(expectedFailures).length).toBeLessThanOrEqual(5)
    for (const id of Object.keys(expectedFailures)) expect(shareable.some(({ name, t }) => `${name}: ${t.title}` === id), id).toBe(true)
  })

  for (const { name, file, t } of shareable) {
    const id = `${name}: ${t.title}`
    const why = expectedFailures[id]
    if (why === undefined) test(id, () => run(file, t))
    else test.fails(`${id} (expected to fail: ${why})`, () => run(file, t))
  }
})
