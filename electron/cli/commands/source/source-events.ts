// `eventscope events postgres://… AGGREGATE_ID`: one stream's events through the source's cursor, so
// a stream of any length prints in constant memory.

import { stringifyExact } from '../../../core/json/big-integers'
import type { SourceEvent } from '../../../core/source/source'
import type { CliIo } from '../../cli-io'
import type { EventsCommand } from '../events-command'
import { plural, shorten } from '../../format/table'
import { followStream } from './source-follow'
import { requireStream, withSource } from './source-access'

const payloadChars = 160

/** Print events `from + 1` … `from + limit` of a stream, as text or JSON. */
export async function runSourceEvents(command: EventsCommand, io: CliIo): Promise<number> {
  return withSource(command, async (source) => {
    const stream = await requireStream(source, command.aggregateId)
    const last =
      command.limit === null ? stream.eventCount : Math.min(stream.eventCount, command.from + command.limit)
    const versionWidth = Math.max(String(last).length, 1)
    // Following never ends a document: --json prints one event per line (NDJSON) instead.
    if (command.json && !command.follow)
      await io.out(
        `{"aggregateId":${JSON.stringify(stream.id)},"eventCount":${stream.eventCount},"from":${command.from},"events":[`,
      )
    else if (!command.json)
      await io.out(`${stream.id} (${stream.type ?? 'unknown type'}, ${plural(stream.eventCount, 'event')})\n`)
    let printed = 0
    for await (const batch of source.streamEvents(stream.id, command.from)) {
      const events = batch.filter((event) => event.version <= last)
      const lines = command.follow
        ? events.map((event) => `${followLine(event, command.json, versionWidth)}\n`)
        : command.json
          ? events.map((event, i) => `${printed + i === 0 ? '\n' : ',\n'}${stringifyExact(eventJson(event))}`)
          : events.map((event) => `${eventLine(event, versionWidth)}\n`)
      await io.out(lines.join(''))
      printed += events.length
      if (events.length < batch.length || printed >= last - command.from) break
    }
    if (command.follow) {
      const print = (events: readonly SourceEvent[]): Promise<void> =>
        io.out(events.map((event) => `${followLine(event, command.json, versionWidth)}\n`).join(''))
      await followStream(source, stream, Math.max(command.from, last), print, io)
      return 0
    }
    if (command.json) await io.out(`\n],"problems":[],"problemCount":0}\n`)
    else if (printed === 0) await io.out(`No events after version ${command.from}.\n`)
    return 0
  })
}

/** A followed event: the text line, or with --json the event's JSON on one line. */
function followLine(event: SourceEvent, json: boolean, versionWidth: number): string {
  return json
    ? stringifyExact({ aggregateId: event.streamId, ...eventJson(event) })
    : eventLine(event, versionWidth)
}

/** `  3  2026-12-06T09:14:52.296356Z  DiscountApplied  {"note":null,…}`, as for a JSONL stream. */
function eventLine(event: SourceEvent, versionWidth: number): string {
  const payload = shorten(stringifyExact(event.payload), payloadChars)
  return `${String(event.version).padStart(versionWidth)}  ${event.occurredAt ?? '-'}  ${event.type ?? '(no type)'}  ${payload}`
}

/** The JSONL document's event entry; a database row has a global position instead of a line. */
function eventJson(event: SourceEvent): Record<string, unknown> {
  return {
    version: event.version,
    globalPosition: event.globalPosition,
    type: event.type,
    occurredAt: event.occurredAt,
    id: event.id,
    payload: event.payload,
    metadata: event.metadata,
    raw: event.raw,
  }
}
