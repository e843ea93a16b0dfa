/* global document, window, MutationObserver -- the page-side parts are evaluated in Chromium by Playwright */
// The speed issue's targets (issue 13) as bench cases, measured as a user meets them: whole
// `eventscope` processes beside whole-process floors run in the same bench, alternated run by run so
// load from elsewhere hits both, and the browser shell in Chromium. Groups (run-bench.mjs):
//   cli: 1. list on the 100,000-aggregate store, cold and warm cache, against `cat | wc -l` plus a
//        JSON.parse of every line, and against JSON.parse of index.json; 2. state of the 1M-event
//        stream, cold and warm, against the single-threaded Node floor; 3. search --where with a
//        selective literal against the same filter in jq; 5. peak RSS of the state run.
//   ui:  4. the 100,000-aggregate store in Chromium: rows on screen after the directory is chosen, and
//        every stream checked ("reconciled"), in a fresh host process with a cold, then a warm cache.
// Every CLI process gets its own XDG_CACHE_HOME: a fresh one for a cold run, the one a run before it
// filled for a warm run, so the bench never reads or writes the user's cache.

import { spawn, spawnSync } from 'node:child_process'
import { closeSync, openSync, readSync, fstatSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const timeBin = '/usr/bin/time'
const floors = join(dirname(fileURLToPath(import.meta.url)), 'floors.mjs')

/**
 * Run a whole process; its wall time (ms), peak RSS (MB, from /usr/bin/time -v when present), how
 * many lines it printed, and its exit code. stdout is counted, never kept.
 */
export function timed(argv, { env = {}, shell = false } = {}) {
  return new Promise((resolve, reject) => {
    const withTime = spawnSync(timeBin, ['--version']).status === 0
    const command = shell ? ['sh', '-c', argv] : argv
    const full = withTime ? [timeBin, '-v', ...command] : command
    const started = performance.now()
    const proc = spawn(full[0], full.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let lines = 0
    let err = ''
    proc.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
    })
    proc.stderr.on('data', (chunk) => (err = (err + chunk).slice(-20000)))
    proc.on('error', reject)
    proc.on('close', (code) => {
      const ms = performance.now() - started
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)
      if (code !== 0) return reject(new Error(`${command.join(' ')} exited ${code}: ${err.slice(-1500)}`))
      resolve({ ms, lines, rssMb: rss ? Number(rss[1]) / 1024 : null })
    })
  })
}

/** The last line of a file, read from its end. */
function lastLine(file) {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    const length = Math.min(size, 64 * 1024)
    const buffer = Buffer.alloc(length)
    readSync(fd, buffer, 0, length, size - length)
    return buffer.toString('utf8').trimEnd().split('\n').pop()
  } finally {
    closeSync(fd)
  }
}

/**
 * A selective literal of the stream's last event and the same question for jq: its numeric payload
 * field with the most significant digits (a running balance), else its event id.
 */
export function selectiveLiteral(file) {
  const event = JSON.parse(lastLine(file))
  const envelope = new Set(['event_id', 'event_type', 'aggregate_id', 'occurred_at'])
  const numbers = Object.entries(event)
    .filter(([key, value]) => !envelope.has(key) && typeof value === 'number' && /^\w+$/.test(key))
    .sort((a, b) => String(b[1]).replace(/\D|^0+/g, '').length - String(a[1]).replace(/\D|^0+/g, '').length)
  if (numbers.length > 0) {
    const [key, value] = numbers[0]
    return { where: `payload.${key} == ${value}`, jq: `select(.${key} == ${value})` }
  }
  const id = JSON.stringify(event.event_id)
  return { where: `id == ${id}`, jq: `select(.event_id == ${id})` }
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = (sorted.length - 1) / 2
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2
}

/** The CLI targets, every one a whole process. `row(...)` adds a table row; `fmt` formats. */
export async function runIssue13Cli({ cli, storeDir, bigDir, bigFile, runs, sizes, row, fmt, raw }) {
  const store = `${fmt(sizes.aggregates)}-aggregate store`
  const stream = `${fmt(sizes.events)}-event stream`
  const caches = await mkdtemp(join(tmpdir(), 'eventscope-bench-cache-'))
  let fresh = 0
  const freshCache = () => ({ XDG_CACHE_HOME: join(caches, `c${fresh++}`) })
  const node = process.execPath
  try {
    // 1. list.
    const cat = `find '${storeDir}' -maxdepth 1 -name '*.events.jsonl' -print0 | xargs -0 cat | wc -l`
    const list = { cat: [], parse: [], index: [], cold: [], warm: [] }
    for (let r = 0; r < runs; r++) {
      list.cat.push((await timed(cat, { shell: true })).ms)
      list.parse.push((await timed([node, floors, 'parse-all', storeDir])).ms)
      list.index.push((await timed([node, floors, 'parse-index', storeDir])).ms)
      const cache = freshCache()
      list.cold.push((await timed([node, cli, 'list', storeDir], { env: cache })).ms)
      list.warm.push((await timed([node, cli, 'list', storeDir], { env: cache })).ms)
    }
    raw.issue13List = list
    const floor = median(list.cat) + median(list.parse)
    const cold = median(list.cold)
    const warm = median(list.warm)
    const index = median(list.index)
    row(
      'T1',
      `\`eventscope list\`, ${store}, warm cache`,
      warm,
      'ms',
      '<= 1.5 s and <= 3x index.json',
      warm <= 1500 && warm <= 3 * index,
      `JSON.parse of index.json (whole process) ${fmt(index)} ms: ${fmt(warm / index, 2)}x`,
    )
    row(
      'T1',
      '`eventscope list`, cold cache',
      cold,
      'ms',
      '<= 1.2x cat|wc -l + parse',
      cold <= 1.2 * floor,
      `floor ${fmt(floor)} ms (cat | wc -l ${fmt(median(list.cat))} + JSON.parse of every line ${fmt(median(list.parse))}): ${fmt(cold / floor, 2)}x`,
    )

    // 2. state, and 5. its peak RSS.
    const aggregateId = bigFile
      .split('/')
      .pop()
      .replace(/\.events\.jsonl$/, '')
    const state = { floor: [], cold: [], warm: [], rss: [], bareNode: [], bareNodeNoCaCerts: [] }
    // What any Node process costs here before it runs a line, beside the warm target's absolute time;
    // an environment's NODE_EXTRA_CA_CERTS makes Node read and parse that bundle at every start.
    const caCerts = process.env.NODE_EXTRA_CA_CERTS
    for (let r = 0; r < runs; r++) {
      state.bareNode.push((await timed([node, '-e', '0'])).ms)
      if (caCerts)
        state.bareNodeNoCaCerts.push(
          (await timed([node, '-e', '0'], { env: { NODE_EXTRA_CA_CERTS: undefined } })).ms,
        )
      state.floor.push((await timed([node, floors, 'state', bigFile])).ms)
      const cache = freshCache()
      const coldRun = await timed([node, cli, 'state', bigDir, aggregateId], { env: cache })
      state.cold.push(coldRun.ms)
      state.rss.push(coldRun.rssMb)
      const warmRun = await timed([node, cli, 'state', bigDir, aggregateId], { env: cache })
      state.warm.push(warmRun.ms)
      state.rss.push(warmRun.rssMb)
    }
    raw.issue13State = state
    const stateFloor = median(state.floor)
    const stateCold = median(state.cold)
    row(
      'T2',
      `\`eventscope state\`, ${stream}, cold cache`,
      stateCold,
      'ms',
      '<= 0.8x Node floor',
      stateCold <= 0.8 * stateFloor,
      `floor (readFileSync, split, JSON.parse, merge patch; whole process) ${fmt(stateFloor)} ms: ${fmt(stateCold / stateFloor, 2)}x`,
    )
    row(
      'T2',
      '`eventscope state`, warm cache',
      median(state.warm),
      'ms',
      '< 300 ms',
      median(state.warm) < 300,
      `a bare \`node -e 0\` ${fmt(median(state.bareNode))} ms${caCerts ? ` (${fmt(median(state.bareNodeNoCaCerts))} ms without the environment's NODE_EXTRA_CA_CERTS)` : ''}`,
    )
    const peak = Math.max(...state.rss.filter((x) => x !== null))
    row('T5', `peak RSS of \`eventscope state\`, ${stream}`, peak, 'MB', '< 600 MB', peak < 600)

    // 3. search --where against jq: with a fresh cache, and with the cache a `list` before it filled.
    const literal = selectiveLiteral(bigFile)
    const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' })
    const search = { literal, cold: [], warm: [], jq: [], matches: [], jqMatches: [] }
    const warmCache = freshCache()
    await timed([node, cli, 'list', bigDir], { env: warmCache })
    const argv = [node, cli, 'search', bigDir, '--aggregate', aggregateId, '--where', literal.where]
    for (let r = 0; r < runs; r++) {
      const cold = await timed(argv, { env: freshCache() })
      search.cold.push(cold.ms)
      search.matches.push(cold.lines)
      const warm = await timed(argv, { env: warmCache })
      search.warm.push(warm.ms)
      search.matches.push(warm.lines)
      if (jq.status === 0) {
        const theirs = await timed(['jq', '-c', literal.jq, bigFile])
        search.jq.push(theirs.ms)
        search.jqMatches.push(theirs.lines)
      }
    }
    raw.issue13Search = search
    const what = `\`search --aggregate ID --where '${literal.where}'\`, ${stream}`
    for (const [label, times] of [
      ['cold cache', search.cold],
      ['cache filled by a `list` before', search.warm],
    ]) {
      const oursMs = median(times)
      if (jq.status !== 0) {
        row(
          'T3',
          `${what}, ${label}`,
          oursMs,
          'ms',
          '>= 5x faster than jq',
          null,
          'jq not found: apt-get install -y jq',
        )
        continue
      }
      const jqMs = median(search.jq)
      const agree = search.matches.every((n) => n === search.jqMatches[0])
      row(
        'T3',
        `${what}, ${label}`,
        oursMs,
        'ms',
        '>= 5x faster than jq',
        agree && jqMs / oursMs >= 5,
        `jq -c '${literal.jq}' ${fmt(jqMs)} ms: ours ${fmt(jqMs / oursMs, 1)}x faster; ${search.matches[0]} match(es)${agree ? '' : `, jq ${search.jqMatches[0]}`}; ${jq.stdout.trim()}`,
      )
    }
  } finally {
    await rm(caches, { recursive: true, force: true })
  }
}

/**
 * The UI target: `runs` pairs of host processes over one cache directory each (cold, then warm), the
 * median of each. `child(name, args, env)` runs a child case of run-bench.mjs with that environment.
 */
export async function runIssue13Ui({ storeDir, rendererDir, runs = 3, sizes, child, row, fmt, raw }) {
  const colds = []
  const warms = []
  for (let run = 0; run < runs; run++) {
    const cache = await mkdtemp(join(tmpdir(), 'eventscope-bench-uicache-'))
    try {
      const env = { XDG_CACHE_HOME: cache }
      colds.push(await child('ui-open', { storeDir, rendererDir }, env))
      warms.push(await child('ui-open', { storeDir, rendererDir }, env))
    } finally {
      await rm(cache, { recursive: true, force: true })
    }
  }
  raw.issue13Ui = { cold: colds, warm: warms }
  const cold = {
    rowsMs: median(colds.map((r) => r.rowsMs)),
    checkedMs: median(colds.map((r) => r.checkedMs)),
  }
  const warm = {
    rowsMs: median(warms.map((r) => r.rowsMs)),
    checkedMs: median(warms.map((r) => r.checkedMs)),
  }
  const answerMs = median(colds.map((r) => r.answerMs))
  const rows = Math.max(cold.rowsMs, warm.rowsMs)
  row(
    'T4',
    `UI (Chromium): ${fmt(sizes.aggregates)}-aggregate store, directory chosen -> rows on screen`,
    rows,
    'ms',
    '<= 300 ms',
    rows <= 300,
    `cold cache ${fmt(cold.rowsMs)} ms (store answered after ${fmt(answerMs)} ms), warm ${fmt(warm.rowsMs)} ms; medians of ${runs}, measured in the page, Enter to the rows`,
  )
  row(
    'T4',
    'UI: every stream checked ("reconciled"), warm cache',
    warm.checkedMs,
    'ms',
    '<= 1.5 s',
    warm.checkedMs <= 1500,
    `cold cache ${fmt(cold.checkedMs)} ms; medians of ${runs}`,
  )
}

/**
 * The browser shell as a user runs it: `eventscope serve` in a process of its own (the cache directory
 * comes from this process's environment; its config goes to a temp folder), and Chromium. Choose the
 * store in the path field, then time in the page, from the Enter key to the second row in the grid and
 * to the "reconciled" fact in the header. The store's answer is timed on the socket.
 */
export async function uiOpen(_core, { storeDir, rendererDir }, launchChromium) {
  const { realpathSync } = await import('node:fs')
  const work = await mkdtemp(join(tmpdir(), 'eventscope-bench-ui-'))
  const cli = join(dirname(rendererDir), 'main', 'cli.js')
  const host = await servedHost(cli, [realpathSync(storeDir), storeDir], { XDG_CONFIG_HOME: work })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    let sentAt = null
    let answerMs = null
    page.on('websocket', (ws) => {
      ws.on('framesent', (frame) => {
        if (String(frame.payload).includes('"store.open"')) sentAt = performance.now()
      })
      ws.on('framereceived', (frame) => {
        if (sentAt !== null && answerMs === null && String(frame.payload).includes('"directoryId"'))
          answerMs = performance.now() - sentAt
      })
    })
    await page.goto(host.url)
    const path = page.getByRole('textbox', { name: 'Events directory' })
    await path.fill(storeDir)
    await page.evaluate(() => {
      const w = window
      w.__bench = {}
      document.addEventListener(
        'keydown',
        (e) => void (e.key === 'Enter' && (w.__bench.enter ??= performance.now())),
        true,
      )
      const look = () => {
        const now = performance.now()
        if (
          w.__bench.rows === undefined &&
          document.querySelectorAll('[role=grid][aria-label=Aggregates] [role=row]').length > 2
        )
          w.__bench.rows = now
        if (
          w.__bench.checked === undefined &&
          [...document.querySelectorAll('.fact')].some((el) => el.textContent === 'reconciled')
        )
          w.__bench.checked = now
      }
      new MutationObserver(look).observe(document.body, {
        childList: true,
        subtree: true,
        characterData: true,
      })
    })
    // BENCH_PAGE_PROFILE=DIR: the page's CPU profile from the Enter key to the rows, as ui-open-*.cpuprofile.
    const profileDir = process.env.BENCH_PAGE_PROFILE
    const cdp = profileDir ? await page.context().newCDPSession(page) : null
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      await cdp.send('Profiler.start')
    }
    await path.press('Enter')
    const grid = page.getByRole('grid', { name: 'Aggregates' })
    await grid.getByRole('row').nth(2).waitFor({ timeout: 120000 })
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop')
      const { writeFile } = await import('node:fs/promises')
      await writeFile(join(profileDir, `ui-open-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    }
    await page.getByText('reconciled', { exact: true }).waitFor({ timeout: 600000 })
    const marks = await page.evaluate(() => window.__bench)
    return { rowsMs: marks.rows - marks.enter, checkedMs: marks.checked - marks.enter, answerMs }
  } finally {
    await browser.close()
    await host.close()
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * `eventscope serve --root … --json` started; its URL once it listens, and how to stop it.
 * BENCH_HOST_NODE_ARGS (space-separated) are passed to its node, e.g. `--cpu-prof --cpu-prof-dir=DIR`.
 */
function servedHost(cli, roots, env) {
  return new Promise((resolvePromise, reject) => {
    const nodeArgs = (process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean)
    const args = [
      ...nodeArgs,
      cli,
      'serve',
      ...roots.flatMap((root) => ['--root', root]),
      '--port',
      '0',
      '--json',
    ]
    const proc = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let out = ''
    let err = ''
    const exited = new Promise((settle) => proc.on('close', settle))
    proc.stderr.on('data', (chunk) => (err = (err + chunk).slice(-4000)))
    proc.stdout.on('data', (chunk) => {
      out += chunk
      const line = out.split('\n').find((text) => text.startsWith('{'))
      if (line === undefined) return
      const { url } = JSON.parse(line)
      resolvePromise({
        url,
        close: async () => {
          proc.kill('SIGTERM')
          await exited
        },
      })
    })
    proc.on('error', reject)
    proc.on('close', (code) => reject(new Error(`eventscope serve exited ${code}: ${err}`)))
  })
}
