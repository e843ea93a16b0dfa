// `eventscope events postgres://… AGGREGATE_ID`: one stream's events through the source's cursor, so
// a stream of any length prints in constant memory.

import { stringifyExact } from '../../../core/json/big-integers'
import type { SourceEvent } from '../../../core/source/source'
import { noRowsCause, rowProblemSeverity } from '../../../core/source/stored-object'
import type { CliIo } from '../../cli-io'
import type { EventsCommand } from '../events-command'
import { plural, shorten } from '../../format/table'
import { rowsEndNote } from '../../format/state-format'
import { followStream } from './source-follow'
import { requireStream, withSource } from './source-access'

const payloadChars = 160
/** At most this many problems are listed in a --json document (all are counted). */
const maxListedProblems = 1000

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
    let lastPrinted = command.from
    /** A row past the last version asked was seen: versions before it without rows are gaps. */
    let rowsGoOn = false
    const problems = new RowProblems()
    for await (const batch of source.streamEvents(stream.id, command.from)) {
      const events = batch.filter((event) => event.version <= last)
      const lines: string[] = []
      for (const [i, event] of events.entries()) {
        // Versions the store counts without a row (truncated, archived): said once per run, in place.
        const gapFrom = (i === 0 ? lastPrinted : (events[i - 1] as SourceEvent).version) + 1
        if (event.version > gapFrom) {
          problems.addGap(gapFrom, event.version - 1)
          if (!command.json) lines.push(`${noRowsLine(gapFrom, event.version - 1, versionWidth)}\n`)
        }
        lines.push(
          command.follow
            ? `${followLine(event, command.json, versionWidth)}\n`
            : command.json
              ? `${printed + i === 0 ? '\n' : ',\n'}${stringifyExact(eventJson(event))}`
              : `${withProblems(event, versionWidth)}\n`,
        )
        problems.add(event)
      }
      lastPrinted = events.at(-1)?.version ?? lastPrinted
      await io.out(lines.join(''))
      printed += events.length
      if (events.length < batch.length) {
        rowsGoOn = true
        break
      }
      if (printed >= last - command.from) break
    }
    if (lastPrinted < last && rowsGoOn) {
      // The last versions asked have no rows, but rows come after them: a gap, said in its place.
      problems.addGap(lastPrinted + 1, last)
      if (!command.json) await io.out(`${noRowsLine(lastPrinted + 1, last, versionWidth)}\n`)
    } else if (lastPrinted < last) {
      // The rows ended before the count the store keeps for the stream: said, so a short list is not
      // taken for the whole stream.
      io.err(rowsEndNote(stream.id, stream.eventCount, lastPrinted))
    }
    if (command.follow) {
      const print = (events: readonly SourceEvent[]): Promise<void> =>
        io.out(events.map((event) => `${followLine(event, command.json, versionWidth)}\n`).join(''))
      await followStream(source, stream, Math.max(command.from, last), print, io)
      return 0
    }
    if (command.json)
      await io.out(`\n],"problems":${stringifyExact(problems.kept)},"problemCount":${problems.count}}\n`)
    else if (printed === 0) await io.out(`No events after version ${command.from}.\n`)
    return 0
  })
}

/** A followed event: the text line (and its problems), or with --json the event's JSON on one line. */
function followLine(event: SourceEvent, json: boolean, versionWidth: number): string {
  return json
    ? stringifyExact({ aggregateId: event.streamId, ...eventJson(event) })
    : withProblems(event, versionWidth)
}

/**
 * The event's line, and under it a line for each problem of its row, as a JSONL stream's are shown:
 * `!  version 2: message_data is not JSON (…): its payload is read as empty`.
 */
function withProblems(event: SourceEvent, versionWidth: number): string {
  const problems = (event.problems ?? []).map(
    (problem) => `${'!'.padStart(versionWidth)}  version ${event.version}: ${problem.message}`,
  )
  return [eventLine(event, versionWidth), ...problems].join('\n')
}

/** `!  versions 1-4: the store holds no rows for them (…)`, where the rows skip versions. */
function noRowsLine(first: number, last: number, versionWidth: number): string {
  const versions = first === last ? `version ${first}` : `versions ${first}-${last}`
  return `${'!'.padStart(versionWidth)}  ${versions}: ${noRowsCause(first, last)}`
}

/** The problems of the events printed, as the JSONL document lists a stream's: the first few, and a count. */
class RowProblems {
  readonly kept: object[] = []
  count = 0

  add(event: SourceEvent): void {
    for (const problem of event.problems ?? []) {
      this.count++
      if (this.kept.length < maxListedProblems)
        this.kept.push({
          kind: problem.kind,
          severity: rowProblemSeverity(problem),
          version: event.version,
          globalPosition: event.globalPosition,
          message: problem.message,
        })
    }
  }

  /** Versions `first` … `last` have no row: a warning, as a truncated or archived stream is no damage. */
  addGap(first: number, last: number): void {
    this.count++
    if (this.kept.length < maxListedProblems)
      this.kept.push({
        kind: 'no_row',
        severity: 'warning',
        version: first,
        lastVersion: last,
        globalPosition: null,
        message: noRowsCause(first, last),
      })
  }
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
    ...(event.problems ? { problems: event.problems } : {}),
  }
}
