// The one severity of each finding kind, used by every reader: the store as opened, `verify`, `list`,
// the timeline, the health badge and `eventscope help verify`.
//
// A kind's severity never depends on who found it or when: a torn last line is the same error before
// and after Verify. A Record over ProblemKind, so a kind added to the contract without a severity here
// fails the typecheck (and test/unit/shared/problem-severity.test.ts).
//
// error: an event is lost, unreadable or ambiguous (the stream cannot be trusted as is).
// warning: the streams hold every event, but something around them is off (the index is a cache that
// `reindex` rebuilds; a missing time or type is the writer's style, not damage).

import type { Problem, ProblemKind } from './contract'

export type Severity = Problem['severity']

export const problemSeverity: Readonly<Record<ProblemKind, Severity>> = {
  torn_tail: 'error',
  bad_line: 'error',
  not_object: 'error',
  invalid_utf8: 'error',
  line_too_long: 'error',
  duplicate_event_id: 'error',
  missing_stream: 'error',
  index_unreadable: 'error',
  unreadable_stream: 'error',
  missing_type: 'warning',
  missing_id: 'warning',
  missing_time: 'warning',
  time_backwards: 'warning',
  aggregate_mismatch: 'warning',
  stray_bom: 'warning',
  index_count_mismatch: 'warning',
  index_last_event_mismatch: 'warning',
  index_total_mismatch: 'warning',
  missing_from_index: 'warning',
  symlink_skipped: 'warning',
  not_a_file: 'warning',
  // Eventscope reads past these and loses nothing, but the seed's load_events fails on a blank line.
  blank_line: 'warning',
  // The event is not read: its line is there, its payload is not in the state.
  too_deep: 'error',
  payload_not_object: 'warning',
  number_out_of_range: 'warning',
  // Clutter a killed writer left; no event is affected. reindex and repair remove it.
  leftover_temp_file: 'warning',
}

/** The severity of a finding kind: the same everywhere. */
export function severityOf(kind: ProblemKind): Severity {
  return problemSeverity[kind]
}
