import { defineConfig } from 'vitest/config'

// Two projects: `unit` (unit and integration tests, fast, parallel) and `e2e` (Playwright against the
// browser shell: one file at a time, generous timeouts for browser start-up).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60000,
          hookTimeout: 120000,
        },
      },
    ],
  },
})
