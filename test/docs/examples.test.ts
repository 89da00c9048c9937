/**
 * Every code example in the docs type-checks.
 *
 * Collects each ```ts (or ```typescript) fenced block from the JSDoc comments of `src/**\/*.ts` and
 * from README.md and bench/README.md, makes each block its own module, and type-checks all of them
 * in ONE TypeScript program with the compiler options of tsconfig.json (strict; `paths` resolve
 * `lensync`, `lensync/lens`, `lensync/coordinator` and `lensync/storage/*` to the sources). A
 * failure is reported as `file:line:column TSxxxx: message` at the line of the doc comment or README.
 *
 * Conventions for examples:
 * - A block is a complete module: import what it uses (`import type { Patient } from 'lensync'`) and
 *   declare the values it assumes rather than builds (`declare const patient: Patient`).
 *   Top-level `await` is allowed. `// Output: …` comments are fine.
 * - Opt-out: a fence written ```ts nocheck is not type-checked. Use it only for fragments that are
 *   not meant to compile (a signature sketch), never to silence an error in a real example.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import {
  collectExamples,
  extractFromDocComments,
  extractFromMarkdown,
  repositoryRoot,
  typecheckExamples,
} from './docExamples.js'

const MARKDOWN = ['README.md', 'bench/README.md']
/** The in-memory example modules pretend to live beside this file. */
const here = dirname(fileURLToPath(import.meta.url))

describe('extraction', () => {
  test('default: strips the doc-comment prefix and locates the block', () => {
    const source = [
      '/**',
      ' * Summary.',
      ' *',
      ' * ```ts',
      " * import { id } from 'lensync'",
      ' * if (true) {',
      ' *   id()',
      ' * }',
      ' * ```',
      ' */',
      'export const x = 1',
    ].join('\n')
    const { examples, unclosed } = extractFromDocComments('a.ts', source)
    expect(unclosed).toEqual([])
    expect(examples).toEqual([
      { file: 'a.ts', line: 5, indent: 3, code: "import { id } from 'lensync'\nif (true) {\n  id()\n}", nocheck: false },
    ])
  })

  test('behavior: nested doc comments, nocheck fences, other languages and plain comments', () => {
    const source = [
      '/* ```ts',
      'not a doc comment',
      '``` */',
      'interface A {',
      '  /**',
      '   * ```ts nocheck',
      '   * f(x: number): string',
      '   * ```',
      '   * ```sh',
      '   * ```ts',
      '   * ```',
      '   */',
      '  f: 1',
      '}',
    ].join('\n')
    const { examples } = extractFromDocComments('b.ts', source)
    expect(examples).toEqual([{ file: 'b.ts', line: 7, indent: 5, code: 'f(x: number): string', nocheck: true }])
  })

  test('behavior: Markdown fences, indented in a list', () => {
    const source = ['# Title', '', '- item', '  ```ts', '  const a = 1', '    const b = 2', '  ```', '```typescript', 'x', '```'].join('\n')
    const { examples } = extractFromMarkdown('R.md', source)
    expect(examples).toEqual([
      { file: 'R.md', line: 5, indent: 2, code: 'const a = 1\n  const b = 2', nocheck: false },
      { file: 'R.md', line: 9, indent: 0, code: 'x', nocheck: false },
    ])
  })

  test('error: an unclosed fence is reported', () => {
    const { unclosed } = extractFromMarkdown('R.md', 'text\n```ts\nconst a = 1\n')
    expect(unclosed).toEqual([{ file: 'R.md', line: 2 }])
  })

  test('error: a type error is located in the documented file', () => {
    const [failure, ...rest] = typecheckExamples(repositoryRoot, here, [
      { file: 'src/x.ts', line: 10, indent: 3, code: "import { id } from 'lensync'\nconst n: number = id<string>().get('a')", nocheck: false },
      { file: 'src/y.ts', line: 20, indent: 3, code: 'const n: number = "a"', nocheck: true },
    ])
    expect(rest).toEqual([])
    expect(failure?.message).toMatch(/^src\/x\.ts:11:\d+ TS2322: Type 'string' is not assignable to type 'number'\./)
  })
})

test('default: every ```ts example in the doc comments and READMEs type-checks', () => {
  const started = performance.now()
  const { examples, unclosed } = collectExamples(repositoryRoot, MARKDOWN)
  expect(unclosed.map((u) => `${u.file}:${u.line}: unclosed fence`)).toEqual([])
  // Guards the extractor itself: the sources hold over a hundred examples.
  expect(examples.length).toBeGreaterThan(100)
  expect(examples.some((e) => e.file === 'README.md')).toBe(true)

  const failures = typecheckExamples(repositoryRoot, here, examples)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const checked = examples.filter((e) => !e.nocheck).length
  const report = failures.map((f) => f.message)
  expect(report, `${failures.length} type errors in ${checked} examples (${seconds} s)`).toEqual([])
})
