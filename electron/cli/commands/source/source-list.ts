// `eventscope list postgres://…`: every stream of a database store, a keyset page at a time, so a
// store of any size prints in constant memory; sorted by id, as the JSONL listing is.

import type { Source, StreamSummary } from '../../../core/source/source'
import type { CliIo } from '../../cli-io'
import { formatTable, plural } from '../../format/table'
import { withSource } from './source-access'

const pageSize = 1000

/** Print every stream (text: a table per page of rows, then totals; --json: the list document). */
export async function runSourceList(command: { dir: string; json: boolean }, io: CliIo): Promise<number> {
  return withSource(command, async (source) => {
    let streams = 0
    let events = 0
    let first = true
    if (command.json) await io.out(`{"source":${JSON.stringify(source.displayName)},"aggregates":[`)
    for await (const page of pages(source)) {
      streams += page.length
      for (const row of page) events += row.eventCount
      if (command.json) {
        const text = page.map((row, i) => `${first && i === 0 ? '\n' : ',\n'}${JSON.stringify(rowJson(row))}`)
        first = false
        await io.out(text.join(''))
        continue
      }
      // Column widths per page: the table never waits for the whole store.
      const table = formatTable(columns, page.map(rowCells))
      await io.out(`${(first ? table : table.slice(1)).join('\n')}\n`)
      first = false
    }
    if (command.json) {
      const { append, watch } = source.capabilities
      await io.out(`\n],"total_events":${events},"capabilities":${JSON.stringify({ append, watch })}}\n`)
      return 0
    }
    if (streams === 0) await io.out(`No aggregates: ${source.displayName} holds no streams.\n`)
    await io.out(`\n${plural(streams, 'aggregate')}, ${plural(events, 'event')} in ${source.displayName}\n`)
    return 0
  })
}

const columns = [
  { header: 'AGGREGATE' },
  { header: 'TYPE' },
  { header: 'EVENTS', align: 'right' as const },
  { header: 'LAST EVENT' },
]

function rowCells(row: StreamSummary): string[] {
  return [row.id, row.type ?? '-', String(row.eventCount), row.lastEventAt ?? '-']
}

/** The JSONL listing's keys (snake_case), minus what only a directory has (index counts, findings). */
function rowJson(row: StreamSummary): Record<string, unknown> {
  return { id: row.id, event_count: row.eventCount, last_event_at: row.lastEventAt, type: row.type }
}

async function* pages(source: Source): AsyncGenerator<readonly StreamSummary[]> {
  let after: string | undefined
  for (;;) {
    const page = await source.listStreams({ limit: pageSize, ...(after === undefined ? {} : { after }) })
    if (page.streams.length > 0) yield page.streams
    if (page.next === null) return
    after = page.next
  }
}
