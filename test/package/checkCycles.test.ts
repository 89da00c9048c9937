/**
 * `npm run check:cycles` (run by `npm test` before the unit tests) as configured in package.json:
 * it must fail on an import cycle, type-only imports included, and pass on a tree without one.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'

const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['check:cycles']!
const bin = resolve('node_modules/.bin')
const dirs: string[] = []

/**
 * Runs the script on a tree of files (its `src` glob pointed at them) beside the repository's
 * tsconfig.json (which resolves the `.js` suffixes of imports to `.ts` files); resolves to its exit
 * code.
 */
async function checkCycles(files: Record<string, string>): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'lensync-cycles-'))
  dirs.push(dir)
  copyFileSync('tsconfig.json', join(dir, 'tsconfig.json'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const command = script.replace('"src/**/*.ts"', '"*.ts"')
  try {
    await promisify(execFile)('sh', ['-c', command], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } })
    return 0
  } catch (error) {
    return (error as { code?: number }).code ?? -1
  }
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('check:cycles', () => {
  test('default: the script checks src/', () => {
    expect(script).toContain('"src/**/*.ts"')
  })

  test('behavior: a tree without a cycle passes', async () => {
    const code = await checkCycles({
      'a.ts': "import { b } from './b.js'\nexport const a = b + 1\n",
      'b.ts': 'export const b = 1\n',
    })
    expect(code).toBe(0)
  })

  test('error: a cycle of type-only imports fails', async () => {
    const code = await checkCycles({
      'a.ts': "import type { B } from './b.js'\nexport interface A { readonly b?: B }\n",
      'b.ts': "import type { A } from './a.js'\nexport interface B { readonly a?: A }\n",
    })
    expect(code).toBe(1)
  })
})
