import { existsSync, readdirSync, rmSync } from 'node:fs'
import { defineConfig } from 'tsup'
import { emitDeclarations } from './tools/declarations.js'

// Public entry points. Storage backends are one file each under src/storage/ (lensync/storage/<name>);
// entries that do not exist yet are skipped so the build works while the package grows.
const storage = existsSync('src/storage')
  ? readdirSync('src/storage')
      .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'))
      .map((f) => `src/storage/${f}`)
  : []

export default defineConfig({
  entry: ['src/index.ts', 'src/lens/index.ts', 'src/lens/viewDefinition/index.ts', 'src/coordinator/index.ts', 'src/testing/index.ts', 'src/testing/fhir4/index.ts', ...storage].filter((f) =>
    existsSync(f),
  ),
  format: ['esm', 'cjs'],
  // Declarations come from tsc, one file per source file (see tools/declarations.ts).
  dts: false,
  onSuccess: async () => {
    emitDeclarations({ project: 'tsconfig.json', rootDir: 'src', outDir: 'dist' })
    // lensync/testing is ESM only, as vitest is (it refuses `require`): no CommonJS files for it.
    // lensync/testing/fhir4 needs no vitest and has both; its declarations import those of the
    // arbitraries and errors, so their `.d.cts` twins stay too.
    const keptForFhir4 = /^(fhir4[\\/]|arbitraries[\\/].*\.d\.cts$|errors\.d\.cts$)/
    for (const file of readdirSync('dist/testing', { recursive: true, encoding: 'utf8' }))
      if (/\.(cjs|cjs\.map|d\.cts)$/.test(file) && !keptForFhir4.test(file)) rmSync(`dist/testing/${file}`)
  },
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'node20',
  outDir: 'dist',
  // The FHIRPath engine stays a package of its own (an optional peer), loaded only by lensync/views.
  external: ['fhirpath'],
  // JSON Schema draft-06's meta-schema is inlined: Node's ESM loader refuses a JSON import from a
  // dependency without an import attribute, which the bundler does not keep.
  noExternal: [/json-schema-draft-06\.json$/],
})
