import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// Four projects. `npm test` runs two: `unit` (unit and integration tests, fast, parallel) and `e2e`
// (Playwright against the browser shell: one file at a time, generous timeouts for browser start-up).
// `npm run test:all` adds `huge` (the 10-million-event, 5 GB store: after the others, so its minutes of
// reading get both cores and their timings are not its problem), `electron` (the real desktop window,
// skipped with one printed line where no Electron runtime exists) and scripts/safety-loop.mjs (the
// safety tests twenty times over).
export default defineConfig({
  test: {
    // Two workers per core: most of a test's time is spent waiting on a child process, a browser or
    // the disk, not computing, so vitest's default of one worker per core left half the machine idle
    // (npm test 4m40s with the default, 3m35s with this, on the 2-core machine).
    maxWorkers: Math.max(2, availableParallelism() * 2),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          // The sandbox worker, built from the sources the tests run (see the file); the scan cache in
          // a temp folder, never the real home's.
          setupFiles: ['test/support/cache-isolation.ts', 'test/support/sandbox-setup.ts'],
          // A bound for a hung test, not a speed target: integration tests that take 3 s alone took
          // over vitest's default 5 s with the machine busy, and tests must pass on a busy machine.
          // Tests that wait on another process or a watcher poll with deadlines of their own (30-90 s,
          // test/support/until.ts); 30 s here cut one of those short beside a CI run (postgres-watch,
          // two 30 s polls in one test), so the bound is above any of them.
          testTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The browser shell runs in-process from the sources here too: same sandbox worker build.
          setupFiles: ['test/support/cache-isolation.ts', 'test/support/sandbox-setup.ts'],
          fileParallelism: false,
          testTimeout: 60000,
          hookTimeout: 120000,
          // A condition a page reaches is waited for, never timed: on a loaded 2-core machine a store
          // may take seconds to reconcile, so a poll gives up after 15 s, not vitest's 1 s.
          expect: { poll: { timeout: 15_000 } },
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'electron',
          include: ['test/electron/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/cache-isolation.ts'],
          fileParallelism: false,
          testTimeout: 60000,
          hookTimeout: 120000,
          expect: { poll: { timeout: 15_000 } },
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'huge',
          include: ['test/huge/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/cache-isolation.ts'],
          fileParallelism: false,
          testTimeout: 60000,
          hookTimeout: 40 * 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
