// The database issue's targets (issue 14) as the bench group `pg`: a PostgreSQL store in Emmett's
// layout, 10,000,000 events in 100,000 streams by default (BENCH_PG_EVENTS, BENCH_PG_STREAMS), one of
// them, big-0, of 1,000,000 events (BENCH_PG_BIG), read through the built PostgreSQL source:
//   P1 the first page of streams, from opening the store (connect, find the layout) to the page;
//   P2 the state at random versions of big-0 (BENCH_PG_STATES of them) once the stream is open: p95;
//   P3 opening big-0 (every position read, checkpoints built) against the server alone sending its
//      payloads nowhere, `COPY (SELECT message_data …) TO '/dev/null'`, in the same run, alternated;
//   P4 the peak RSS of the process doing P1-P3.
// The store is written once by the server itself, `COPY … FROM PROGRAM` running pg-rows.mjs, in a
// cluster kept under the temporary directory keyed by its sizes (test/support/postgres-server.ts
// `keepIn`), so later runs reuse it; its schema is made by Emmett's own library first.

import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const storeVersion = 1
const env = (name, fallback) => Number(process.env[name] ?? fallback)

/** The sizes of the generated store and of the sample of states. */
export function pgSizes() {
  return {
    events: env('BENCH_PG_EVENTS', 10_000_000),
    streams: env('BENCH_PG_STREAMS', 100_000),
    big: env('BENCH_PG_BIG', 1_000_000),
    states: env('BENCH_PG_STATES', 200),
  }
}

/** Run the group: start (or reuse) the store, time the cases, add the rows. */
export async function runIssue14({ root, core, child, runs, row, fmt, raw }) {
  const sizes = pgSizes()
  const require = createRequire(join(root, 'package.json'))
  const pg = require('pg')
  const keepIn = join(
    tmpdir(),
    `eventscope-bench-pg-v${storeVersion}-s${sizes.streams}-e${sizes.events}-b${sizes.big}`,
  )
  const server = await core.startPostgres({ keepIn })
  try {
    const url = server.urlFor('bench')
    const generatedMs = await ensureStore(server, url, sizes, pg)
    const floorRuns = []
    const openRuns = []
    for (let run = 0; run < runs; run++) {
      floorRuns.push(await copyFloor(url, pg))
      openRuns.push(await child('pg-open', { url, stream: 'big-0', states: sizes.states, seed: run + 1 }))
    }
    raw.pg = { sizes, generatedMs, floorRuns, openRuns }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
    const firstPage = median(openRuns.map((r) => r.openMs + r.firstPageMs))
    const size = `${fmt(sizes.events)} events, ${fmt(sizes.streams)} streams`
    row(
      'P1',
      `pg: first page of streams after opening (${size})`,
      fmt(firstPage),
      'ms',
      '<= 300 ms',
      firstPage <= 300,
      `open ${fmt(median(openRuns.map((r) => r.openMs)))} ms + page ${fmt(median(openRuns.map((r) => r.firstPageMs)))} ms`,
    )
    const p95 = median(openRuns.map((r) => r.stateP95Ms))
    row(
      'P2',
      `pg: state at a random version of a ${fmt(sizes.big)}-event stream, p95`,
      fmt(p95, 1),
      'ms',
      '<= 50 ms',
      p95 <= 50,
      `${sizes.states} versions per run, median ${fmt(median(openRuns.map((r) => r.stateMedianMs)), 1)} ms`,
    )
    const openMs = median(openRuns.map((r) => r.streamOpenMs))
    const floorMs = median(floorRuns)
    row(
      'P3',
      `pg: open the ${fmt(sizes.big)}-event stream (positions, checkpoints) vs COPY to /dev/null`,
      fmt(openMs),
      'ms',
      '<= 2x COPY',
      openMs <= 2 * floorMs,
      `COPY ${fmt(floorMs)} ms, ratio ${fmt(openMs / floorMs, 2)}x`,
    )
    const rss = Math.max(...openRuns.map((r) => r.maxRssMb ?? Number.NaN))
    row('P4', 'pg: peak RSS of P1-P3', fmt(rss), 'MB', '< 600 MB', rss < 600)
  } finally {
    await server.stop()
  }
}

// The store, written once: Emmett's schema from Emmett's library, then the rows from pg-rows.mjs.
async function ensureStore(server, url, sizes, pg) {
  const admin = new pg.Client({ connectionString: server.url })
  await admin.connect()
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)
    if (rows.length > 0 && (await complete(url, pg))) return null
    console.error(`generating a PostgreSQL store of ${sizes.events} events in ${sizes.streams} streams ...`)
    const started = performance.now()
    await admin.query('DROP DATABASE IF EXISTS bench')
    await admin.query('CREATE DATABASE bench')
    const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql')
    const store = getPostgreSQLEventStore(url)
    await store.appendToStream('setup-0', [{ type: 'Setup', data: {} }])
    await store.close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query('DELETE FROM emt_messages')
      await client.query('DELETE FROM emt_streams')
      const program = (mode) =>
        `${process.execPath} ${join(here, 'pg-rows.mjs')} ${mode} ${sizes.streams} ${sizes.events} ${sizes.big}`
      const quote = (text) => `'${text.replace(/'/g, "''")}'`
      await client.query(
        `COPY emt_messages (stream_id, stream_position, partition, message_kind, message_data, message_metadata,
          message_schema_version, message_type, message_id, is_archived, global_position, transaction_id, created)
          FROM PROGRAM ${quote(program('messages'))}`,
      )
      await client.query(
        `COPY emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
          FROM PROGRAM ${quote(program('streams'))}`,
      )
      await client.query(
        `SELECT setval('emt_global_message_position', (SELECT max(global_position) FROM emt_messages))`,
      )
      await client.query('VACUUM ANALYZE')
      await client.query('CREATE TABLE bench_complete ()')
    } finally {
      await client.end()
    }
    const ms = performance.now() - started
    console.error(`generated in ${(ms / 1000).toFixed(1)} s`)
    return ms
  } finally {
    await admin.end()
  }
}

async function complete(url, pg) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query(`SELECT to_regclass('bench_complete') IS NOT NULL AS done`)
    return rows[0]?.done === true
  } finally {
    await client.end()
  }
}

// The floor: the server reads big-0 in the order the source reads it and formats every payload, but
// sends it nowhere.
async function copyFloor(url, pg) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const started = performance.now()
    await client.query(
      `COPY (SELECT message_data FROM emt_messages WHERE stream_id = 'big-0' AND NOT is_archived
        ORDER BY stream_position) TO '/dev/null'`,
    )
    return performance.now() - started
  } finally {
    await client.end()
  }
}

/** The child case: open the store, its first page, open big-0, then states at random versions. */
export async function pgOpenCase(core, { url, stream, states, seed }) {
  let started = performance.now()
  const source = await core.openPostgresSource(url)
  const openMs = performance.now() - started
  try {
    started = performance.now()
    const page = await source.listStreams({ limit: 100 })
    const firstPageMs = performance.now() - started
    if (page.streams.length === 0) throw new Error('the first page is empty')
    const summary = await source.stream(stream)
    if (summary === null) throw new Error(`no stream ${stream}`)
    started = performance.now()
    await source.stateAt(stream, summary.eventCount)
    const streamOpenMs = performance.now() - started
    const times = []
    let x = seed * 2654435761
    for (let i = 0; i < states; i++) {
      x = (x * 1103515245 + 12345) % 2147483648
      const version = 1 + (x % summary.eventCount)
      const at = performance.now()
      await source.stateAt(stream, version)
      times.push(performance.now() - at)
    }
    times.sort((a, b) => a - b)
    const quantile = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
    return {
      openMs,
      firstPageMs,
      streamOpenMs,
      stateMedianMs: quantile(0.5),
      stateP95Ms: quantile(0.95),
      events: summary.eventCount,
    }
  } finally {
    await source.close()
  }
}
