// Rows of a generated store in Emmett's PostgreSQL layout, in COPY's text format on stdout, for the
// issue-14 bench group (issue14.mjs), which runs it as the server's `COPY … FROM PROGRAM`:
//   node pg-rows.mjs messages STREAMS EVENTS BIG    every emt_messages row
//   node pg-rows.mjs streams STREAMS EVENTS BIG     every emt_streams row
// One stream, big-0, holds BIG events; the other STREAMS - 1 share the rest evenly. Their events are
// interleaved in global order as many writers' would be (one big-0 event in every ten rows while it
// lasts), so reading big-0 walks its index over a table it shares. Payloads are an account's merge
// patches: a running balance, a counter, and now and then a note that a later event deletes.

import { once } from 'node:events'

const [mode, streamsText, eventsText, bigText] = process.argv.slice(2)
const streams = Number(streamsText)
const events = Number(eventsText)
const big = Number(bigText)
const small = streams - 1
const perSmall = small > 0 ? Math.floor((events - big) / small) : 0
const start = Date.UTC(2026, 0, 1)

if (mode === 'streams') {
  const lines = [`big-0\t${big}\temt:default\tbig\t{}\tf`]
  for (let i = 1; i <= small; i++) lines.push(`acct-${i}\t${perSmall}\temt:default\tacct\t{}\tf`)
  process.stdout.write(`${lines.join('\n')}\n`)
} else {
  // Written with backpressure: 10,000,000 rows queued on a pipe the server drains more slowly ran the
  // process out of buffers (write ENOBUFS) before COPY had a tenth of them.
  const out = process.stdout
  let chunk = []
  for (const row of messageRows()) {
    chunk.push(row)
    if (chunk.length < 10_000) continue
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain')
    chunk = []
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`)
}

/** Every emt_messages row, in global order. */
function* messageRows() {
  let global = 0
  let bigAt = 0
  const row = (stream, position) => {
    global++
    const data =
      position % 50 === 0
        ? `{"balance": ${position * 7}, "count": ${position}, "note": "audit ${position}"}`
        : position % 50 === 1
          ? `{"balance": ${position * 7}, "count": ${position}, "note": null}`
          : `{"balance": ${position * 7}, "count": ${position}}`
    const type = position % 50 === 0 ? 'Audited' : 'Deposited'
    const created = new Date(start + global * 1000).toISOString()
    return `${stream}\t${position}\temt:default\tE\t${data}\t{}\t1\t${type}\t${stream}:${position}\tf\t${global}\t1\t${created}`
  }
  // Round by round: each small stream gets its next event, with a big-0 event after every nine rows.
  for (let position = 1; position <= perSmall || bigAt < big; position++) {
    for (let i = 1; i <= small && position <= perSmall; i++) {
      yield row(`acct-${i}`, position)
      if (global % 10 === 9 && bigAt < big) yield row('big-0', ++bigAt)
    }
    if (position > perSmall) while (bigAt < big) yield row('big-0', ++bigAt)
  }
}
