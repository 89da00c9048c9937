import { existsSync, readdirSync } from 'node:fs'
import { defineConfig } from 'tsup'

// Public entry points. Storage backends are one file each under src/storage/ (lensync/storage/<name>);
// entries that do not exist yet are skipped so the build works while the package grows.
const storage = existsSync('src/storage')
  ? readdirSync('src/storage')
      .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'))
      .map((f) => `src/storage/${f}`)
  : []

export default defineConfig({
  entry: ['src/index.ts', 'src/lens/index.ts', 'src/coordinator/index.ts', 'src/testing/index.ts', ...storage].filter((f) =>
    existsSync(f),
  ),
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'node20',
  outDir: 'dist',
})
