import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Property tests are CPU-bound; two workers match the 2-core CI machines.
    maxWorkers: 2,
  },
})
