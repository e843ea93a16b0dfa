// The huge-store run, in a child process over the built core (out/main/bench.js) with its real worker
// threads, driven through the contract's router as the shells drive it. Shared by the `huge` bench group
// (timings) and test/huge/huge-store.test.ts (the answers, cancellation and peak RSS).
//
// Every step is timed and its peak RSS kept (sampled every 10 ms; worker threads share the process, so
// they are in it). The export goes to `exportDir`, is counted line by line and deleted again.

import { createReadStream } from 'node:fs'
import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Peak RSS overall and per step, sampled every 10 ms. */
function rssMeter() {
  let peak = 0
  let stepPeak = 0
  const sample = () => {
    const rss = process.memoryUsage.rss()
    if (rss > peak) peak = rss
    if (rss > stepPeak) stepPeak = rss
  }
  const timer = setInterval(sample, 10)
  return {
    startStep: () => {
      sample()
      stepPeak = 0
      sample()
    },
    stepPeakMb: () => (sample(), stepPeak / 1048576),
    stop: () => (clearInterval(timer), sample(), peak / 1048576),
  }
}

// Long answers (a histogram, a stream's problems) are cut to what the assertions look at.
const summarize = (value) =>
  value && typeof value === 'object'
    ? Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v !== 'object' || v === null))
    : value

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function countLines(file) {
  let lines = 0
  let bytes = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) {
    bytes += chunk.length
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
  }
  return { lines, bytes }
}

/**
 * Open, scroll, state, cancellations and a full export of the store at `dir`; `smallDir` is another
 * store opened at the end (what supersedes the scans still running on the huge one).
 */
export async function hugeCase(core, { dir, smallDir, exportDir, cancelAfterMs = 1000 }) {
  const rss = rssMeter()
  const progress = new Map()
  let reconciled = null
  const session = new core.ExplorerSession({
    watch: true,
    onEvent: (event, payload) => {
      if (event === 'onProgress') progress.set(payload.task, payload)
      if (event === 'onStoreChanged' && payload.summary.reconciled && payload.summary.dir === dir)
        reconciled?.(payload.summary)
    },
  })
  const dispatch = core.createRouter(
    core.createHandlers(session, {
      // The browser shell's way in (a typed path, admitted), the desktop shell's way out (a save target).
      shell: 'browser',
      version: 'huge',
      initialDir: null,
      recentDirs: () => [],
      rememberDir: () => {},
      pickDirectory: null,
      typedPathRefusal: async () => null,
      exportTarget: async (name) => join(exportDir, name),
    }),
  )
  const call = async (channel, input) => {
    const result = await dispatch(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
    return result.value
  }
  const steps = {}
  const step = async (name, run) => {
    rss.startStep()
    const t = performance.now()
    const value = await run()
    steps[name] = { ms: performance.now() - t, peakRssMb: rss.stepPeakMb() }
    return value
  }
  /** Start a long request, cancel it after `cancelAfterMs`, and time how long it took to end then. */
  const cancelled = async (name, start, cancel) => {
    rss.startStep()
    progress.clear()
    const t = performance.now()
    const running = start()
    await sleep(cancelAfterMs)
    const cancelledAt = performance.now()
    const cancelAnswer = await cancel()
    const outcome = await running
    steps[name] = {
      ms: performance.now() - t,
      endedAfterCancelMs: performance.now() - cancelledAt,
      peakRssMb: rss.stepPeakMb(),
      outcome: outcome.ok ? { ok: true, value: summarize(outcome.value) } : outcome,
      cancelAnswer: cancelAnswer ?? null,
      progress: Object.fromEntries(progress),
    }
    return outcome
  }

  const idOrder = { offset: 0, limit: 100, sort: { column: 'id', direction: 'asc' }, filter: '' }
  const whenReconciled = new Promise((resolve) => (reconciled = resolve))
  const opened = await step('store.open', () => call('store.open', { dir }))
  const firstPage = await step('aggregates.window first page', () => call('aggregates.window', idOrder))
  const deepPage = await step('aggregates.window deep', () =>
    call('aggregates.window', { ...idOrder, offset: opened.aggregates - 100 }),
  )
  const summary = await step('reconcile (every stream read on workers)', () => whenReconciled)
  const biggest = (
    await call('aggregates.window', {
      ...idOrder,
      limit: 3,
      sort: { column: 'eventCount', direction: 'desc' },
    })
  ).rows
  const [largestRow, second, third] = biggest
  const stream = await step('stream.open largest', () => call('stream.open', { aggregateId: largestRow.id }))
  const windowAt = async (name, offset) =>
    step(name, () => call('stream.window', { aggregateId: largestRow.id, offset, limit: 200 }))
  const windows = {
    start: await windowAt('stream.window start', 0),
    middle: await windowAt('stream.window middle', Math.floor(stream.rowCount / 2)),
    end: await windowAt('stream.window end', stream.rowCount - 200),
  }
  const middleVersion = Math.floor(stream.eventCount / 2)
  const state = await step('state.at middle', () =>
    call('state.at', { aggregateId: largestRow.id, version: middleVersion }),
  )

  const cancellations = {}
  cancellations.verify = await cancelled(
    'store.verify cancelled',
    () => dispatch('store.verify', { taskId: 'huge-verify' }),
    () => call('task.cancel', { taskId: 'huge-verify' }),
  )
  cancellations.search = await cancelled(
    'search.run cancelled',
    () => dispatch('search.run', { taskId: 'huge-search', text: 'no such text in any event' }),
    () => call('task.cancel', { taskId: 'huge-search' }),
  )
  cancellations.export = await cancelled(
    'export.run cancelled',
    () => dispatch('export.run', { taskId: 'huge-cancel', format: 'jsonl', aggregateIds: [] }),
    () => call('task.cancel', { taskId: 'huge-cancel' }),
  )
  const exportDirAfterCancel = await readdir(exportDir).catch(() => [])
  cancellations.projection = await cancelled(
    'projection.run cancelled',
    () => dispatch('projection.run', { taskId: 'huge-projection', kind: 'builtin', name: 'events-per-type' }),
    () => call('task.cancel', { taskId: 'huge-projection' }),
  )

  const exported = await step('export.run jsonl, whole store', () =>
    call('export.run', { taskId: 'huge-export', format: 'jsonl', aggregateIds: [] }),
  )
  const exportFile = await step('count the exported lines', async () => ({
    names: await readdir(exportDir),
    ...(exported.status === 'saved' ? await countLines(exported.path) : { lines: 0, bytes: 0 }),
  }))
  await rm(exportDir, { recursive: true, force: true })

  // No cancel channel: a newer request of the same kind supersedes the running one (and the newer one
  // ends when another store is opened, below).
  const superseding = {}
  cancellations.histogram = await cancelled(
    'store.histogram superseded by another',
    () => dispatch('store.histogram', {}),
    async () => void (superseding.histogram = dispatch('store.histogram', { unit: 'week' })),
  )
  cancellations.asOf = await cancelled(
    'store.asOf superseded by another',
    () => dispatch('store.asOf', { at: '2026-04-01T00:00:00Z' }),
    async () => void (superseding.asOf = dispatch('store.asOf', { at: '2026-04-02T00:00:00Z' })),
  )
  // The user opens a big stream, then another before it is read: the first read is abandoned.
  cancellations.streamOpen = await cancelled(
    'stream.open abandoned for another',
    () => dispatch('stream.open', { aggregateId: second.id }),
    async () => void (superseding.streamOpen = dispatch('stream.open', { aggregateId: third.id })),
  )
  // Whatever still reads the huge store when another store is opened ends with it.
  superseding.search = dispatch('search.run', { taskId: 'open-other', text: 'no such text in any event' })
  superseding.reread = dispatch('stream.open', { aggregateId: second.id })
  await sleep(cancelAfterMs)
  rss.startStep()
  const t = performance.now()
  await call('store.open', { dir: smallDir })
  const onOtherStore = {}
  for (const [name, running] of Object.entries(superseding)) onOtherStore[name] = await running
  steps['open another store: the scans still running end'] = {
    ms: performance.now() - t,
    peakRssMb: rss.stepPeakMb(),
  }

  const streamFiles = (await readdir(dir)).filter((name) => name.endsWith('.events.jsonl'))
  let streamBytes = 0
  for (const name of streamFiles) streamBytes += (await stat(join(dir, name))).size
  session.close()
  return {
    opened,
    firstPage: { total: firstPage.total, rows: firstPage.rows.length, firstId: firstPage.rows[0]?.id },
    deepPage: { offset: deepPage.offset, rows: deepPage.rows.length, lastId: deepPage.rows.at(-1)?.id },
    summary,
    largest: { id: largestRow.id, eventCount: largestRow.eventCount },
    stream: { eventCount: stream.eventCount, rowCount: stream.rowCount, problemCount: stream.problemCount },
    windows: Object.fromEntries(
      Object.entries(windows).map(([name, w]) => [
        name,
        { offset: w.offset, rows: w.rows.length, first: w.rows[0], last: w.rows.at(-1) },
      ]),
    ),
    state: { version: state.version, eventCount: state.eventCount, keys: Object.keys(state.state).length },
    middleVersion,
    cancellations,
    exportDirAfterCancel,
    exported,
    exportFile,
    onOtherStore: Object.fromEntries(
      Object.entries(onOtherStore).map(([name, outcome]) => [
        name,
        outcome.ok ? { ok: true, status: outcome.value.status ?? null } : outcome,
      ]),
    ),
    streamFiles: streamFiles.length,
    streamBytes,
    steps,
    peakRssMb: rss.stop(),
  }
}
