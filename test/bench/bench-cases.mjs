/* global document, window, requestAnimationFrame -- evaluated in the page by Playwright */
// The cases `run-bench.mjs` runs, each in a child process of its own; `core` is out/main/bench.js.

import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, realpathSync } from 'node:fs'
import { copyFile, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hugeCase } from './huge-case.mjs'

// The same search as test/e2e/support/chromium.ts (no download): $CHROMIUM_PATH, a system browser, or
// the one inside @sparticuz/chromium.
export async function launchChromium() {
  const { chromium } = await import('playwright-core')
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
    existsSync(p),
  )
  const path =
    process.env.CHROMIUM_PATH ??
    system ??
    (await (await import('@sparticuz/chromium')).default.executablePath())
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
}

/** Samples RSS every 10 ms and the event loop's worst delay, until stopped. */
function sampler() {
  let peak = process.memoryUsage().rss
  let last = performance.now()
  let lag = 0
  const timer = setInterval(() => {
    const now = performance.now()
    lag = Math.max(lag, now - last - 10)
    last = now
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 10)
  return {
    resetLag: () => {
      lag = 0
      last = performance.now()
    },
    lag: () => lag,
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage().rss) / 1048576
    },
  }
}

function percentiles(xs) {
  const sorted = [...xs].sort((a, b) => a - b)
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted[sorted.length - 1], count: sorted.length }
}

// A fixed sequence, so every run asks for the same versions.
function random(seed) {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
}

const windowQuery = (sort = { column: 'id', direction: 'asc' }) => ({
  offset: 0,
  limit: 100,
  sort,
  filter: '',
})

export const childCases = {
  /** The 10M-event, 5 GB store: open, scroll, state, cancellations, export (huge-case.mjs). */
  huge: hugeCase,

  /** The practical floor: readFileSync + split + JSON.parse per line. */
  async floor(_core, { file, runs }) {
    const times = []
    let parsed = 0
    for (let r = 0; r < runs; r++) {
      const t = performance.now()
      const lines = readFileSync(file, 'utf8').split('\n')
      parsed = 0
      for (const line of lines) if (line) parsed += JSON.parse(line) ? 1 : 0
      times.push(performance.now() - t)
    }
    return { times, parsed }
  },

  /** Open the store, open its one stream and ask for the latest state, as the session does for IPC. */
  async 'open-latest'(core, { dir, runs }) {
    const rss = sampler()
    const times = []
    for (let r = 0; r < runs; r++) {
      const session = new core.ExplorerSession()
      const t = performance.now()
      await session.open(dir)
      const [row] = session.aggregates()
      await session.stateAt({ aggregateId: row.id, version: Number.MAX_SAFE_INTEGER })
      times.push(performance.now() - t)
      session.close()
    }
    return { times, sampledRssMb: rss.stop(), maxLagMs: rss.lag() }
  },

  async scrub(core, { dir, requests, windows }) {
    const rss = sampler()
    const session = new core.ExplorerSession()
    await session.open(dir)
    const [row] = session.aggregates()
    const info = await session.streamOpen(row.id)
    const next = random(7)
    const state = []
    for (let i = 0; i < requests; i++) {
      const version = Math.floor(next() * (info.eventCount + 1))
      const t = performance.now()
      await session.stateAt({ aggregateId: row.id, version })
      state.push(performance.now() - t)
    }
    const window = []
    for (let i = 0; i < windows; i++) {
      const offset = Math.floor(next() * Math.max(1, info.rowCount - 200))
      const t = performance.now()
      await session.streamWindow({ aggregateId: row.id, offset, limit: 200 })
      window.push(performance.now() - t)
    }
    session.close()
    return { state: percentiles(state), window: percentiles(window), sampledRssMb: rss.stop() }
  },

  /** A watched 1M-event stream grows by one line: the session re-reads only the appended bytes. */
  async extend(core, { file, appends }) {
    const work = await mkdtemp(join(tmpdir(), 'eventscope-bench-extend-'))
    try {
      const name = file.split('/').pop()
      await copyFile(file, join(work, name))
      const session = new core.ExplorerSession()
      await session.open(work)
      const [row] = session.aggregates()
      await session.streamOpen(row.id)
      const last = readFileSync(file, 'utf8').slice(-2000).trimEnd().split('\n').pop()
      const times = []
      for (let i = 0; i < appends; i++) {
        appendFileSync(join(work, name), `${last}\n`)
        const t = performance.now()
        const info = await session.streamOpen(row.id)
        await session.stateAt({ aggregateId: row.id, version: info.eventCount })
        times.push(performance.now() - t)
      }
      session.close()
      return percentiles(times)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },

  /**
   * Open the big store: first page of rows, then reconciliation while the user looks at the table
   * sorted by time (a window every 250 ms at a moving offset, as scrolling asks); then reopen it.
   *
   * The worst event-loop lag is sampled from just after the sort was chosen (its one cold sort is
   * timed apart as sortDuringMs) to the end of reconciliation: what taking outcomes in and keeping
   * the sorted order current costs the main thread. Reopened runs ask for no windows meanwhile; the
   * first of them times a cold sort by time after reconciliation (sortMs).
   */
  async 'store-open'(core, { dir, runs }) {
    const rss = sampler()
    const firstPage = []
    const reconciled = []
    const windowMs = []
    let sortMs = null
    let sortDuringMs = null
    let maxLagMs = 0
    let reopenLagMs = 0
    const byTime = windowQuery({ column: 'lastEventAt', direction: 'desc' })
    for (let r = 0; r < runs; r++) {
      const session = new core.ExplorerSession()
      const t = performance.now()
      await session.open(dir)
      session.aggregatesWindow(windowQuery())
      firstPage.push(performance.now() - t)
      let scroller = null
      if (r === 0) {
        const s = performance.now()
        session.aggregatesWindow(byTime)
        sortDuringMs = performance.now() - s
        let step = 0
        scroller = setInterval(() => {
          const w = performance.now()
          session.aggregatesWindow({ ...byTime, offset: (++step * 9973) % 90000 })
          windowMs.push(performance.now() - w)
        }, 250)
      }
      rss.resetLag()
      await session.whenReconciled()
      reconciled.push(performance.now() - t)
      if (scroller) clearInterval(scroller)
      if (r === 0) maxLagMs = rss.lag()
      else reopenLagMs = Math.max(reopenLagMs, rss.lag())
      if (r === 1 || (r === 0 && runs === 1)) {
        const s = performance.now()
        session.aggregatesWindow(windowQuery({ column: 'lastEventAt', direction: r === 0 ? 'asc' : 'desc' }))
        sortMs = performance.now() - s
      }
      session.close()
    }
    return {
      firstPage,
      reconciled,
      sortMs,
      sortDuringMs,
      maxLagMs,
      reopenLagMs,
      windows: windowMs.length > 0 ? percentiles(windowMs) : null,
      sampledRssMb: rss.stop(),
    }
  },

  /** The current write path as it is: appendEvent into a copy of the big store. */
  async append(core, { dir, appends }) {
    const ids = Object.keys(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).aggregates)
    const times = []
    for (let n = 0; n < appends; n++) {
      const aggregateId = ids[(n * 7919) % ids.length]
      const t = performance.now()
      await core.appendEvent({ dir, aggregateId, eventType: 'BenchNoted', payload: { note: 'bench' } })
      times.push(performance.now() - t)
    }
    return { ...percentiles(times), times }
  },

  /** `eventscope append DIR --batch` with N NDJSON events into a fresh 100-aggregate store, time-boxed. */
  async batch(core, { cli, dir, events, seconds }) {
    await core.generateStore({ dir, aggregates: 100, events: 1000, seed: 3 })
    const ids = (await readdir(dir)).filter((n) => n.endsWith('.events.jsonl')).map((n) => n.slice(0, -13))
    const lines = []
    for (let n = 0; n < events; n++)
      lines.push(JSON.stringify({ aggregateId: ids[n % ids.length], type: 'BenchNoted', data: { n } }))
    const t = performance.now()
    const timedOut = await new Promise((resolve) => {
      const proc = spawn(process.execPath, [cli, 'append', dir, '--batch', '--json'], {
        stdio: ['pipe', 'ignore', 'pipe'],
      })
      const timer = setTimeout(() => proc.kill('SIGKILL'), seconds * 1000)
      proc.on('close', (code, signal) => {
        clearTimeout(timer)
        resolve(signal !== null)
      })
      proc.stdin.on('error', () => {})
      proc.stdin.end(lines.join('\n') + '\n')
    })
    const elapsed = (performance.now() - t) / 1000
    let total = 0
    for (const name of ids)
      total += readFileSync(join(dir, `${name}.events.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean).length
    const appended = total - 1000
    void stat
    return { appended, seconds: elapsed, eventsPerSecond: appended / elapsed, timedOut }
  },

  /**
   * Search one event type as the app runs it: the store open and reconciled (not timed), each stream's
   * event count known from the session, so matched streams are not read twice.
   */
  async search(core, { dir, eventType }) {
    const rss = sampler()
    const session = new core.ExplorerSession()
    const t = performance.now()
    await session.open(dir)
    await session.whenReconciled()
    const openMs = performance.now() - t
    const counts = new Map(session.aggregates().map((row) => [row.id, row.eventCount]))
    const result = await core.benchSearchEventType(dir, eventType, (id) => counts.get(id) ?? null)
    session.close()
    return { ...result, openMs, sampledRssMb: rss.stop() }
  },

  /** The browser shell: first rows of the big store, and frame times while dragging the slider. */
  async e2e(core, { storeDir, bigDir, rendererDir, events }) {
    const work = await mkdtemp(join(tmpdir(), 'eventscope-bench-e2e-'))
    const roots = [realpathSync(storeDir), realpathSync(bigDir), storeDir, bigDir]
    const host = await core.startWebHost({
      dir: null,
      roots,
      rendererDir,
      recentFile: join(work, 'recent.json'),
      trustFile: join(work, 'trusted.json'),
    })
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(host.url)
      const grid = page.getByRole('grid', { name: 'Aggregates' })
      const path = page.getByLabel('Events directory')
      await path.fill(storeDir)
      const t = performance.now()
      await path.press('Enter')
      await grid
        .getByRole('row')
        .nth(2)
        .waitFor({ timeout: 60000 })
        .catch(async (error) => {
          await page.screenshot({ path: join(tmpdir(), 'eventscope-bench-e2e-failure.png') })
          throw error
        })
      const firstRowsMs = performance.now() - t
      await path.fill(bigDir)
      await path.press('Enter')
      await page
        .waitForFunction(
          () => document.querySelectorAll('[role=grid][aria-label=Aggregates] [role=row]').length === 2,
          null,
          { timeout: 60000 },
        )
        .catch(() => {})
      await grid.getByRole('row').nth(1).click()
      const slider = page.getByRole('slider', { name: 'Version' })
      await page.waitForFunction(
        (max) => document.querySelector('input[type=range]')?.getAttribute('max') === String(max),
        events,
        { timeout: 120000 },
      )
      const box = await slider.boundingBox()
      await page.evaluate(() => {
        const w = window
        w.__frames = []
        let last = performance.now()
        const tick = (now) => {
          w.__frames.push(now - last)
          last = now
          if (!w.__stop) requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      })
      const y = box.y + box.height / 2
      await page.mouse.move(box.x + 2, y)
      await page.mouse.down()
      for (let i = 1; i <= 120; i++) await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 120, y)
      await page.mouse.up()
      await page.waitForTimeout(300)
      const frames = await page.evaluate(() => {
        window.__stop = true
        return window.__frames.slice(1)
      })
      return { firstRowsMs, frames: percentiles(frames) }
    } finally {
      await browser.close()
      await host.close()
      await rm(work, { recursive: true, force: true })
    }
  },
}
