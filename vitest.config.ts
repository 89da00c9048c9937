import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    // The package's public entry points, resolved to the sources (mirrors tsconfig.json "paths").
    alias: [
      { find: /^lensync$/, replacement: src('index.ts') },
      { find: /^lensync\/lens$/, replacement: src('lens/index.ts') },
      { find: /^lensync\/coordinator$/, replacement: src('coordinator/index.ts') },
      { find: /^lensync\/testing$/, replacement: src('testing/index.ts') },
      { find: /^lensync\/testing\/fhir4$/, replacement: src('testing/fhir4/index.ts') },
      { find: /^lensync\/views$/, replacement: src('lens/viewDefinition/index.ts') },
      { find: /^lensync\/storage\/(.+)$/, replacement: src('storage/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/_setup/seed.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Property tests are CPU-bound; two workers match the 2-core CI machines.
    maxWorkers: 2,
  },
})
