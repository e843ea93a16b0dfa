// One line per problem kind of the contract, for `eventscope help verify`, with its severity from the
// one table every reader uses. A Record over ProblemKind, so a kind added to the contract without a
// description here fails the typecheck.

import type { ProblemKind } from '../../../shared/contract'
import { problemSeverity } from '../../../shared/problem-severity'
import { maxOf } from '../../../shared/array-ops'

export const problemKindHelp: Record<ProblemKind, string> = {
  torn_tail: 'the last line stops mid-event (its writer died); repair cuts it',
  bad_line: 'a line that is not valid JSON; never deleted, fix it by hand',
  not_object: 'a line that is JSON but not an object (an array, a string, a number)',
  invalid_utf8: 'a line that is not valid UTF-8; not read',
  line_too_long: 'a line over the length limit; not read',
  duplicate_event_id: 'an event id already used earlier in the store (in any stream)',
  missing_stream: 'index.json lists an aggregate whose stream file does not exist',
  index_unreadable: 'index.json is there but is not an index (reindex rebuilds it)',
  unreadable_stream: 'a stream file that cannot be read (permissions, I/O error)',
  missing_type: 'an event without a type field (event_type, type or eventType)',
  missing_id: 'an event without an id field (event_id, id or eventId)',
  missing_time: 'an event without a time field, or one that is not an ISO 8601 time',
  time_backwards: "an event whose time is before the previous event's",
  aggregate_mismatch: "an event whose aggregate id is not its stream's file name",
  stray_bom: 'a byte order mark in the middle of a file (two files joined?)',
  index_count_mismatch: "index.json's event_count differs from the stream's",
  index_last_event_mismatch: "index.json's last_event_at differs from the stream's",
  index_total_mismatch: "index.json's total_events differs from the events in the streams",
  missing_from_index: 'a stream that index.json does not list',
  blank_line: "an empty, blank or BOM-only line (the seed's load_events fails on it)",
  too_deep: 'an event nested over 1,000 levels deep; not read (nor by Python)',
  payload_not_object: 'a data/payload field that is not an object where payloads nest',
  number_out_of_range: 'a number beyond the double range (1e400): kept as written',
  symlink_skipped: 'a *.events.jsonl that is a symbolic link; not followed',
  not_a_file: 'a *.events.jsonl that is a folder, pipe, socket or device; not read',
  leftover_temp_file: 'a .index.json.*.tmp a killed writer left; reindex or repair removes it',
}

/** The kinds as help lines: `  torn_tail             error    …`. */
export function problemKindLines(): string[] {
  const width = maxOf(Object.keys(problemKindHelp).map((kind) => kind.length))
  return Object.entries(problemKindHelp).map(
    ([kind, text]) => `  ${kind.padEnd(width)}  ${problemSeverity[kind as ProblemKind].padEnd(7)}  ${text}`,
  )
}
