#!/usr/bin/env node
// The safety tests (test/integration/safety: killed writers, injected I/O faults, two writers, the lock,
// the model-based test) run again and again: a crash-safety bug that shows once in twenty runs is
// still a bug. `npm run test:all` runs this after `npm test`; EVENTSCOPE_SAFETY_RUNS changes the count.
//
// Each run draws new random kill points and new fast-check seeds, so twenty runs of 20 kills cover
// more than one run of 400. Stops at the first failing run and exits 1, printing which run it was.

import { spawnSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.env.EVENTSCOPE_SAFETY_RUNS ?? 20)
const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')

for (let run = 1; run <= runs; run++) {
  const started = Date.now()
  const result = spawnSync(
    process.execPath,
    [vitest, 'run', '--project', 'unit', 'test/integration/safety', '--reporter=dot'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  )
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '')
    process.stderr.write(result.stderr ?? '')
    console.error(`safety loop: run ${run} of ${runs} failed (${seconds} s)`)
    process.exit(1)
  }
  console.log(`safety loop: run ${run} of ${runs} passed (${seconds} s)`)
}
