// `eventscope events DIR AGGREGATE_ID`: the events of one stream with their versions, written page by
// page so a stream of any length prints in constant memory.

import type { NormalizedEvent } from '../../../shared/contract'
import { stringifyExact } from '../../core/json/big-integers'
import type { ExplorerSession } from '../../core/session/explorer-session'
import type { CliIo } from '../cli-io'
import {
  eventColumns,
  eventJson,
  eventLine,
  eventsHeading,
  interleave,
  problemLine,
} from '../format/events-format'
import { applyCachePreference } from './cache-switch'
import { openStream, withNamedSession } from './session-access'

const pageSize = 1000

export interface EventsCommand {
  readonly dir: string
  readonly aggregateId: string
  readonly from: number
  readonly limit: number | null
  readonly json: boolean
  /** Keep printing new events as they are appended (a database store only). */
  readonly follow: boolean
}

/** Print events `from + 1` … `from + limit` of an aggregate, as text or JSON. */
export async function runEvents(command: EventsCommand, io: CliIo): Promise<number> {
  // The preference in settings.json switches the scan cache off for every command (cache-switch.ts).
  applyCachePreference(false)
  return withNamedSession(command.dir, async (session) => {
    const info = await openStream(session, command.aggregateId)
    const problems = info.problems.map((row) => row.problem)
    const last =
      command.limit === null ? info.eventCount : Math.min(info.eventCount, command.from + command.limit)
    const pages = readPages(session, command.aggregateId, command.from, last)
    if (command.json) {
      await io.out(
        `{"aggregateId":${JSON.stringify(command.aggregateId)},"eventCount":${info.eventCount},"from":${command.from},"events":[`,
      )
      let first = true
      for await (const { events } of pages) {
        for (const event of events) {
          await io.out(`${first ? '\n' : ',\n'}${stringifyExact(eventJson(event, info.style))}`)
          first = false
        }
      }
      await io.out(`\n],"problems":${JSON.stringify(problems)},"problemCount":${info.problemCount}}\n`)
      return 0
    }
    const width = Math.max(String(last).length, 1)
    await io.out(`${eventsHeading(info)}\n`)
    let afterLine = command.from === 0 ? 0 : await lineOf(session, command.aggregateId, command.from)
    let printed = 0
    for await (const { events, nextLine } of pages) {
      const rows = interleave(events, problems, { afterLine, beforeLine: nextLine })
      const columns = eventColumns(events, last, info.style)
      const text = rows.map((row) =>
        'event' in row ? eventLine(row.event, columns) : problemLine(row.problem, width),
      )
      await io.out(text.map((line) => `${line}\n`).join(''))
      afterLine = events.at(-1)?.line ?? afterLine
      printed += events.length
    }
    if (printed === 0) {
      const trailing = interleave([], problems, { afterLine, beforeLine: Infinity })
      for (const row of trailing) if ('problem' in row) await io.out(`${problemLine(row.problem, width)}\n`)
      await io.out(`No events after version ${command.from}.\n`)
    }
    return 0
  })
}

interface Page {
  readonly events: NormalizedEvent[]
  /** Line of the first event after this page, or Infinity at the end of the stream. */
  readonly nextLine: number
}

// One event past each page is read too: its line bounds which problems belong to this page.
async function* readPages(
  session: ExplorerSession,
  aggregateId: string,
  from: number,
  last: number,
): AsyncGenerator<Page> {
  for (let start = from; start < last; start += pageSize) {
    const count = Math.min(pageSize, last - start)
    const batch = await session.eventsRange(aggregateId, start, count + 1)
    const events = batch.slice(0, count)
    yield { events, nextLine: batch[count]?.line ?? Infinity }
  }
}

async function lineOf(session: ExplorerSession, aggregateId: string, version: number): Promise<number> {
  const [event] = await session.eventsRange(aggregateId, version - 1, 1)
  return event?.line ?? Infinity
}
