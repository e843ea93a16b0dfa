// `npm run bench`: the Scale issue's benchmark suite over the built bundles (out/main/bench.js), so it
// measures the code the app runs, worker threads included. Not part of `npm test`.
//
// Data comes from `eventscope gen` and is cached under .bench-data/ keyed by its parameters. Each case
// runs in a child process (its peak RSS is its own); the parent prints one table and writes
// test-results/bench/bench.json. Sizes and repetitions come from the environment:
//   BENCH_EVENTS (1000000)  events of the one-aggregate stream        BENCH_RUNS (3)   runs per timing
//   BENCH_AGGREGATES (100000) and BENCH_STORE_EVENTS (300000)         BENCH_APPENDS (30)
//   BENCH_BATCH (10000) events of the batch import, BENCH_BATCH_SECONDS (60) its time box
//   BENCH_E2E=0 skips the browser-shell timings
//   BENCH_SEARCH_TYPE (AccountFrozenEvent) the event type searched for in case 8
//   BENCH_ONLY=search,open runs only those groups (open, scrub, extend, store, writes, search, check, e2e,
//   cli, ui, pg, huge); cli and ui are the speed issue's targets (issue13.mjs: whole processes, Chromium)
//   pg is the database issue's: a PostgreSQL store in Emmett's layout (issue14.mjs; BENCH_PG_EVENTS
//   (10000000), BENCH_PG_STREAMS (100000), BENCH_PG_BIG (1000000), BENCH_PG_STATES (200))
//   BENCH_HUGE=1 adds the `huge` group, which only runs when asked for (BENCH_ONLY=huge or this): the
//   10M-event, 5 GB store of test/bench/huge-store.mjs (cached under node_modules/.cache, ~11 GB of
//   disk with its export) opened, scrolled, cancelled and exported through the router

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { childCases, launchChromium } from './bench-cases.mjs'
import { runCheckCase } from './check-case.mjs'
import { runIssue13Cli, runIssue13Ui, uiOpen } from './issue13.mjs'
import { pgOpenCase, runIssue14 } from './issue14.mjs'
import { ensureHugeStore, hugeDiskNeeds, hugeStoreDir, hugeStoreParams } from './huge-store.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')
const env = (name, fallback) => Number(process.env[name] ?? fallback)
const config = {
  events: env('BENCH_EVENTS', 1_000_000),
  aggregates: env('BENCH_AGGREGATES', 100_000),
  storeEvents: env('BENCH_STORE_EVENTS', 300_000),
  runs: env('BENCH_RUNS', 3),
  appends: env('BENCH_APPENDS', 30),
  batch: env('BENCH_BATCH', 10_000),
  batchSeconds: env('BENCH_BATCH_SECONDS', 60),
  e2e: process.env.BENCH_E2E !== '0',
  searchType: process.env.BENCH_SEARCH_TYPE ?? 'AccountFrozenEvent',
  only: process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((name) => name.trim()) : null,
}
const groups = [
  'open',
  'scrub',
  'extend',
  'store',
  'writes',
  'search',
  'check',
  'e2e',
  'cli',
  'ui',
  'pg',
  'huge',
]
const unknownGroups = (config.only ?? []).filter((name) => !groups.includes(name))
if (unknownGroups.length > 0) {
  console.error(`BENCH_ONLY: unknown group ${unknownGroups.join(', ')} (groups: ${groups.join(', ')})`)
  process.exit(2)
}
/** Whether a group of cases runs (all of them unless BENCH_ONLY names some; `huge` only when asked for). */
const wants = (group) =>
  group === 'huge'
    ? process.env.BENCH_HUGE === '1' || (config.only ?? []).includes('huge')
    : config.only === null || config.only.includes(group)

if (process.argv[2] === '--child') {
  const [name, args] = [process.argv[3], JSON.parse(process.argv[4])]
  const require = createRequire(import.meta.url)
  const core = require(join(root, 'out/main/bench.js'))
  const cases = { ...childCases, 'ui-open': (c, a) => uiOpen(c, a, launchChromium), 'pg-open': pgOpenCase }
  const result = await cases[name](core, args)
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`)
  process.exit(0)
}

const cli = join(root, 'out/main/cli.js')
if (!existsSync(join(root, 'out/main/bench.js'))) {
  console.error('out/main/bench.js is missing: run `npx electron-vite build` first (npm run bench does).')
  process.exit(2)
}
const dataDir = join(root, '.bench-data')
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** A generated store, cached by its parameters. */
async function generated(aggregates, events, seed) {
  const dir = join(dataDir, `a${aggregates}-e${events}-s${seed}`)
  if (existsSync(join(dir, '.complete'))) return dir
  await rm(dir, { recursive: true, force: true })
  console.error(`generating ${aggregates} aggregates / ${events} events into ${dir} ...`)
  const gen = spawnSync(
    process.execPath,
    [cli, 'gen', dir, '--aggregates', `${aggregates}`, '--events', `${events}`, '--seed', `${seed}`],
    { stdio: 'inherit' },
  )
  if (gen.status !== 0) throw new Error('eventscope gen failed')
  await writeFile(join(dir, '.complete'), '')
  return dir
}

/** Run one case in a child process; its result plus peak RSS (sampled in the child, and /usr/bin/time -v). */
function child(
  name,
  args,
  command = [process.execPath, fileURLToPath(import.meta.url), '--child', name, JSON.stringify(args)],
  env = {},
) {
  return new Promise((resolvePromise, reject) => {
    const argv = timeBin ? [timeBin, '-v', ...command] : command
    const proc = spawn(argv[0], argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let out = ''
    let err = ''
    proc.stdout.on('data', (chunk) => (out += chunk))
    proc.stderr.on('data', (chunk) => (err += chunk))
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '))
      const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)
      if (code !== 0 || !line)
        return reject(new Error(`case ${name} failed (exit ${code}):\n${err.slice(-3000)}`))
      resolvePromise({ ...JSON.parse(line.slice(7)), maxRssMb: maxRss ? Number(maxRss[1]) / 1024 : null })
    })
  })
}

/** `jq -c 'select(.event_type == T)' FILES`: its wall time and how many lines it printed. */
function jqCount(files, eventType) {
  return new Promise((resolvePromise, reject) => {
    const t = performance.now()
    const proc = spawn('jq', ['-c', `select(.event_type == ${JSON.stringify(eventType)})`, ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let matches = 0
    let err = ''
    proc.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) matches++
    })
    proc.stderr.on('data', (chunk) => (err += chunk))
    proc.on('error', reject)
    proc.on('close', (code) =>
      code === 0
        ? resolvePromise({ ms: performance.now() - t, matches })
        : reject(new Error(`jq exited ${code}: ${err.slice(-500)}`)),
    )
  })
}

function python(args) {
  const found = spawnSync('python3', ['--version'])
  if (found.status !== 0) return null
  const run = spawnSync('python3', [join(here, 'seed_paths.py'), ...args.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`)
  return run.stdout
    .trim()
    .split('\n')
    .map((s) => Number(s) * 1000)
}

const median = (xs) => quantile(xs, 0.5)
function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low)
}

const rows = []
const row = (id, what, value, unit, target, pass, note = '') =>
  rows.push({ id, what, value, unit, target, verdict: pass === null ? '-' : pass ? 'PASS' : 'MISS', note })
const fmt = (x, digits = 0) =>
  x === null || x === undefined || Number.isNaN(x)
    ? 'n/a'
    : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const started = performance.now()
const needsBig =
  ['open', 'scrub', 'extend', 'search', 'check', 'cli'].some(wants) || (wants('e2e') && config.e2e)
const bigDir = needsBig ? await generated(1, config.events, 1) : null
const needsStore = ['store', 'writes', 'cli', 'ui'].some(wants) || (wants('e2e') && config.e2e)
const storeDir = needsStore ? await generated(config.aggregates, config.storeEvents, 2) : null
const bigFile = bigDir
  ? join(
      bigDir,
      (await readdir(bigDir)).find((n) => n.endsWith('.events.jsonl')),
    )
  : null
const raw = {}

// 1. Open + latest state, against the plain Node floor, alternated so load from elsewhere hits both.
const floorRuns = []
const openRuns = []
let openMs = Number.NaN
if (wants('open')) {
  for (let r = 0; r < config.runs; r++) {
    floorRuns.push((await child('floor', { file: bigFile, runs: 1 })).times[0])
    const open = await child('open-latest', { dir: bigDir, runs: 1 })
    openRuns.push(open)
  }
  raw.floor = floorRuns
  raw.openLatest = openRuns
  openMs = median(openRuns.map((r) => r.times[0]))
  const floorMs = median(floorRuns)
  row(
    '1',
    `open + latest state, ${fmt(config.events)}-event stream (cold)`,
    openMs,
    'ms',
    '<= 1.5x floor',
    openMs <= 1.5 * floorMs,
    `floor ${fmt(floorMs)} ms, ratio ${fmt(openMs / floorMs, 2)}x`,
  )

  // 2. The seed's Python path.
  const py = python(['read', bigFile, Math.min(config.runs, 2)])
  if (py) {
    raw.python = py
    const pyMs = median(py)
    row(
      '2',
      "seed's Python load_events + merge patch",
      pyMs,
      'ms',
      '>= 8x slower than ours',
      pyMs / openMs >= 8,
      `ours ${fmt(pyMs / openMs, 1)}x faster`,
    )
  } else row('2', "seed's Python path", null, '', '>= 8x', null, 'skipped: python3 not found')
}

// 3, 4. Scrubbing and timeline windows through the session.
let scrub = null
if (wants('scrub')) {
  scrub = await child('scrub', { dir: bigDir, requests: 1000, windows: 200 })
  raw.scrub = scrub
  row('3', 'stateAt, 1,000 random versions: p50', scrub.state.p50, 'ms', '-', null)
  row('3', 'stateAt: p95', scrub.state.p95, 'ms', '<= 16 ms', scrub.state.p95 <= 16)
  row('3', 'stateAt: p99', scrub.state.p99, 'ms', '<= 50 ms', scrub.state.p99 <= 50)
  row(
    '4',
    'streamWindow 200 rows at random offsets: p95',
    scrub.window.p95,
    'ms',
    '-',
    null,
    `p50 ${fmt(scrub.window.p50, 1)} ms`,
  )
}
if (wants('extend')) {
  const extend = await child('extend', { file: bigFile, appends: 20 })
  raw.extend = extend
  row(
    '4b',
    'stream grew by one line: re-read appended bytes, p95',
    extend.p95,
    'ms',
    '-',
    null,
    `p50 ${fmt(extend.p50, 2)} ms`,
  )
}

// 5. The 100,000-aggregate store.
let store = null
if (wants('store')) {
  store = await child('store-open', { dir: storeDir, runs: config.runs })
  raw.store = store
  row(
    '5',
    `open ${fmt(config.aggregates)}-aggregate store: first aggregatesWindow page`,
    median(store.firstPage),
    'ms',
    '<= 500 ms',
    median(store.firstPage) <= 500,
  )
  row(
    '5',
    'reconciliation complete (cold)',
    store.reconciled[0],
    'ms',
    '-',
    null,
    store.windows
      ? `${fmt(store.windows.count)} windows sorted by time meanwhile: p50 ${fmt(store.windows.p50, 1)} ms, max ${fmt(store.windows.max)} ms`
      : '',
  )
  row(
    '5',
    'worst event-loop lag while reconciling, a window sorted by time every 250 ms',
    store.maxLagMs,
    'ms',
    '< 100 ms',
    store.maxLagMs < 100,
    store.sortDuringMs === undefined ? '' : `choosing the sort then: ${fmt(store.sortDuringMs)} ms`,
  )
  if (store.reconciled.length > 1)
    row(
      '5',
      'reconciliation complete (same store reopened)',
      median(store.reconciled.slice(1)),
      'ms',
      '-',
      null,
      `stat only; no stream read; worst lag ${fmt(store.reopenLagMs)} ms`,
    )
  row('5', 'aggregatesWindow sorted by lastEventAt (cold sort), then a page', store.sortMs, 'ms', '-', null)
}

// 6. Writes (baseline of the current write path).
if (wants('writes')) {
  const work = await mkdtemp(join(tmpdir(), 'eventscope-bench-'))
  try {
    const oursDir = join(work, 'ours')
    const seedDir = join(work, 'seed')
    await cp(storeDir, oursDir, { recursive: true })
    await cp(storeDir, seedDir, { recursive: true })
    const append = await child('append', { dir: oursDir, appends: config.appends })
    const seedAppend = python(['append', seedDir, config.appends])
    raw.append = { ours: append, seed: seedAppend }
    const seedP50 = seedAppend ? median(seedAppend) : null
    row(
      '6',
      `append one event to the ${fmt(config.aggregates)}-aggregate store: p50`,
      append.p50,
      'ms',
      "<= 1/4 of seed's",
      seedP50 === null ? null : append.p50 <= seedP50 / 4,
      seedP50 === null
        ? 'seed: python3 missing'
        : `seed p50 ${fmt(seedP50, 1)} ms; ratio ${fmt(append.p50 / seedP50, 2)}x`,
    )
    row(
      '6',
      'append: p95',
      append.p95,
      'ms',
      '-',
      null,
      seedAppend ? `seed p95 ${fmt(quantile(seedAppend, 0.95), 1)} ms` : '',
    )
    const batch = await child('batch', {
      cli,
      dir: join(work, 'batch'),
      events: config.batch,
      seconds: config.batchSeconds,
    })
    raw.batch = batch
    row(
      '6',
      `batch import (append --batch), ${fmt(batch.appended)} of ${fmt(config.batch)} events in ${fmt(batch.seconds, 1)} s`,
      batch.eventsPerSecond,
      'ev/s',
      '>= 20,000 ev/s',
      batch.eventsPerSecond >= 20000,
      batch.timedOut ? 'time-boxed' : '',
    )
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

// 7. Peak RSS.
if (openRuns.length > 0) {
  const openRss = Math.max(...openRuns.map((r) => Math.max(r.maxRssMb ?? 0, r.sampledRssMb)))
  row('7', 'peak RSS, case 1 (open + latest)', openRss, 'MB', '< 600 MB', openRss < 600)
}
if (scrub) {
  const scrubRss = Math.max(scrub.maxRssMb ?? 0, scrub.sampledRssMb)
  row('7', 'peak RSS, case 3 (scrubbing)', scrubRss, 'MB', '< 600 MB', scrubRss < 600)
}
if (store) {
  const storeRss = Math.max(store.maxRssMb ?? 0, store.sampledRssMb)
  row('7', 'peak RSS, case 5 (100k store)', storeRss, 'MB', '-', null)
}

// 8. Store-wide search for one event type on the 1M-event stream, against jq over the same files,
// alternated run by run as case 1 is so that load from elsewhere hits both.
if (wants('search')) {
  const files = (await readdir(bigDir)).filter((n) => n.endsWith('.events.jsonl')).map((n) => join(bigDir, n))
  const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' })
  const searchRuns = []
  const jqRuns = []
  for (let r = 0; r < config.runs; r++) {
    searchRuns.push(await child('search', { dir: bigDir, eventType: config.searchType }))
    if (jq.status === 0) jqRuns.push(await jqCount(files, config.searchType))
  }
  raw.search = { eventType: config.searchType, ours: searchRuns, jq: jqRuns }
  const searchMs = median(searchRuns.map((r) => r.ms))
  const matches = searchRuns[0].matches
  row(
    '8',
    `search one event type, ${fmt(config.events)}-event stream (store open)`,
    searchMs,
    'ms',
    '-',
    null,
    `${config.searchType}: ${fmt(matches)} matches in ${fmt(searchRuns[0].bytes / 1048576)} MB; open + reconcile ${fmt(median(searchRuns.map((r) => r.openMs)))} ms, not counted`,
  )
  if (jq.status === 0) {
    const jqMs = median(jqRuns.map((r) => r.ms))
    const agree = jqRuns.every((r) => r.matches === matches)
    row(
      '8',
      `jq -c 'select(.event_type == T)' over the same files`,
      jqMs,
      'ms',
      '>= 3x slower than ours',
      agree ? jqMs / searchMs >= 3 : false,
      `ours ${fmt(jqMs / searchMs, 1)}x faster; ${jq.stdout.trim()}${agree ? '' : `; jq found ${fmt(jqRuns[0].matches)}, ours ${fmt(matches)}`}`,
    )
  } else row('8', 'jq over the same files', null, '', '>= 3x slower', null, 'skipped: jq not found on PATH')
}

// C. Invariants (issue 15): check at every version of the 1M-event stream against a plain scan of it.
if (wants('check')) {
  const { events, runs } = config
  raw.check = await runCheckCase({ cli, bigDir, bigFile, events, runs, child, row, fmt, median })
}

// Browser shell.
if (config.e2e && wants('e2e')) {
  try {
    const e2e = await child('e2e', {
      storeDir,
      bigDir,
      rendererDir: join(root, 'out/renderer'),
      events: config.events,
    })
    raw.e2e = e2e
    row(
      'E2E',
      `browser shell: submit ${fmt(config.aggregates)}-aggregate dir -> first rows`,
      e2e.firstRowsMs,
      'ms',
      '-',
      null,
    )
    row(
      'E2E',
      'slider drag across the 1M-event stream: frame p50',
      e2e.frames.p50,
      'ms',
      '-',
      null,
      `${e2e.frames.count} frames`,
    )
    row('E2E', 'slider drag: frame p95', e2e.frames.p95, 'ms', '< 33 ms', e2e.frames.p95 < 33)
  } catch (error) {
    row('E2E', 'browser shell', null, '', '-', null, `failed: ${String(error.message).split('\n')[0]}`)
  }
}

// The speed issue's targets: whole CLI processes, then the browser shell in Chromium (issue13.mjs).
if (wants('cli'))
  await runIssue13Cli({ cli, storeDir, bigDir, bigFile, runs: config.runs, sizes: config, row, fmt, raw })
if (wants('ui'))
  await runIssue13Ui({
    storeDir,
    rendererDir: join(root, 'out/renderer'),
    runs: config.runs,
    sizes: config,
    child: (name, args, env) => child(name, args, undefined, env),
    row,
    fmt,
    raw,
  })

// The database issue's targets: a PostgreSQL store in Emmett's layout (issue14.mjs).
if (wants('pg'))
  await runIssue14({
    root,
    core: createRequire(import.meta.url)(join(root, 'out/main/bench.js')),
    child: (name, args) => child(name, args),
    runs: config.runs,
    row,
    fmt,
    raw,
  })

// The huge store: 10 M events, over 5 GB.
if (wants('huge')) {
  const { free, needed } = hugeDiskNeeds(hugeStoreDir(root))
  if (free < needed) {
    row(
      'H',
      'huge store',
      null,
      '',
      '-',
      null,
      `skipped: needs ${fmt(needed / 1e9, 1)} GB free, ${fmt(free / 1e9, 1)} GB are`,
    )
  } else {
    const store = await ensureHugeStore(root, cli)
    const work = await mkdtemp(join(tmpdir(), 'eventscope-bench-huge-'))
    const exportDir = join(store.dir, '..', `export-bench-${process.pid}`)
    try {
      const smallDir = join(work, 'small')
      const small = spawnSync(process.execPath, [cli, 'gen', smallDir, '--aggregates', '2', '--events', '10'])
      if (small.status !== 0) throw new Error('eventscope gen of the small store failed')
      const huge = await child('huge', { dir: store.dir, smallDir, exportDir })
      raw.huge = { store: store.report, ...huge }
      const { events, aggregates, pad } = hugeStoreParams
      row(
        'H',
        `gen ${fmt(events)} events / ${fmt(aggregates)} aggregates --pad ${pad}`,
        store.report.generatedMs,
        'ms',
        '-',
        null,
        `${fmt(store.report.bytes / 1e9, 2)} GB; ${store.generatedMs === null ? 'cached from an earlier run' : 'this run'}`,
      )
      for (const [name, step] of Object.entries(huge.steps))
        row(
          'H',
          name,
          step.ms,
          'ms',
          '-',
          null,
          `peak RSS ${fmt(step.peakRssMb)} MB` +
            (step.endedAfterCancelMs === undefined
              ? ''
              : `; ended ${fmt(step.endedAfterCancelMs)} ms after the cancel`),
        )
      const peak = Math.max(huge.maxRssMb ?? 0, huge.peakRssMb)
      row(
        'H',
        'peak RSS of the whole huge run',
        peak,
        'MB',
        '< 1024 MB',
        peak < 1024,
        `sampled ${fmt(huge.peakRssMb)} MB`,
      )
    } finally {
      await rm(work, { recursive: true, force: true })
      await rm(exportDir, { recursive: true, force: true })
    }
  }
}

const widths = [4, 66, 10, 6, 24, 7]
const line = (cells) =>
  cells
    .map((c, i) => String(c).padEnd(widths[i] ?? 0))
    .join(' ')
    .trimEnd()
console.log(
  `\neventscope bench  ${new Date().toISOString()}  node ${process.version}  ${Math.round((performance.now() - started) / 1000)} s  runs=${config.runs}`,
)
console.log(line(['case', 'what', 'median', 'unit', 'target', 'verdict', 'notes']))
for (const r of rows)
  console.log(
    line([
      r.id,
      r.what,
      fmt(r.value, r.unit === 'ms' && r.value < 100 ? 2 : 0),
      r.unit,
      r.target,
      r.verdict,
      r.note,
    ]),
  )
const outDir = join(root, 'test-results/bench')
await mkdir(outDir, { recursive: true })
await writeFile(
  join(outDir, 'bench.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, config, rows, raw }, null, 2),
)
console.log(`\nwritten: ${join(outDir, 'bench.json')}`)
void readFile
