// The debugger's bench case (issue 15): `eventscope check` over the 1M-event stream, as a whole process,
// against the plain scan of the same file (readFileSync, split, JSON.parse per line: the `floor` child),
// alternated run by run so load from elsewhere hits both. Then the same stream with a violation planted
// near its end, at a version known in advance: check must name exactly that version.

import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

export const checkInvariant = 'not exists(state.balance) or state.balance >= 0'

/** Run `eventscope check DIR --invariant … --json` to completion: wall time, exit code, the document. */
function timedCheck(cli, dir) {
  return new Promise((resolvePromise, reject) => {
    const t = performance.now()
    const proc = spawn(process.execPath, [cli, 'check', dir, '--invariant', checkInvariant, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    proc.stdout.on('data', (chunk) => (out += chunk))
    proc.stderr.on('data', (chunk) => (err += chunk))
    proc.on('error', reject)
    proc.on('close', (code) => {
      const ms = performance.now() - t
      if (code !== 0 && code !== 1) return reject(new Error(`check exited ${code}: ${err.slice(-500)}`))
      resolvePromise({ ms, code, doc: JSON.parse(out) })
    })
  })
}

/** A copy of the stream whose line at (or the first after) `version` has a negative balance. */
async function plantedCopy(file, version) {
  const dir = await mkdtemp(join(tmpdir(), 'eventscope-bench-check-'))
  const bytes = await readFile(file)
  let start = 0
  for (let line = 1; line < version; line++) start = bytes.indexOf(10, start) + 1
  for (let at = version; ; at++) {
    const end = bytes.indexOf(10, start)
    const text = bytes.toString('utf8', start, end)
    const planted = text.replace(/"balance": -?[0-9.eE+-]+/, '"balance": -1')
    if (planted !== text) {
      await writeFile(
        join(dir, basename(file)),
        Buffer.concat([bytes.subarray(0, start), Buffer.from(planted), bytes.subarray(end)]),
      )
      return { dir, version: at }
    }
    start = end + 1
  }
}

/** Rows for the table: the full check against the floor, and the planted violation found exactly. */
export async function runCheckCase({ cli, bigDir, bigFile, events, runs, child, row, fmt, median }) {
  const floorRuns = []
  const checkRuns = []
  for (let r = 0; r < runs; r++) {
    floorRuns.push((await child('floor', { file: bigFile, runs: 1 })).times[0])
    checkRuns.push(await timedCheck(cli, bigDir))
  }
  const floorMs = median(floorRuns)
  const checkMs = median(checkRuns.map((run) => run.ms))
  const holds = checkRuns.every((run) => run.code === 0 && run.doc.events === events)
  row(
    'C',
    `check an invariant at every version, ${fmt(events)}-event stream (whole process)`,
    checkMs,
    'ms',
    '< 2x plain scan',
    holds && checkMs < 2 * floorMs,
    `plain scan (readFileSync + JSON.parse per line) ${fmt(floorMs)} ms, ratio ${fmt(checkMs / floorMs, 2)}x; ${fmt(checkRuns[0].doc.events)} versions checked${holds ? '' : '; NOT every version checked or a violation found'}`,
  )
  const planted = await plantedCopy(bigFile, Math.max(1, events - 1234))
  try {
    const run = await timedCheck(cli, planted.dir)
    const found = run.doc.violations.map((violation) => violation.version)
    row(
      'C',
      `check finds a violation planted at version ${fmt(planted.version)}`,
      run.ms,
      'ms',
      'exact version',
      run.code === 1 && found.length === 1 && found[0] === planted.version,
      `reported ${found.join(', ') || 'none'}`,
    )
    return {
      floor: floorRuns,
      check: checkRuns.map(({ ms, code }) => ({ ms, code })),
      planted: { version: planted.version, ms: run.ms, found },
    }
  } finally {
    await rm(planted.dir, { recursive: true, force: true })
  }
}
