// A database row's payload or metadata as eventscope reads it: an object, or none with the reason why
// not, in one line. A row whose payload is no object is read as an empty one, as the JSONL reader reads
// a line with `payload_not_object`, and like that line it is reported in its place (`events`, `state`),
// never taken silently for an event that changed nothing. Pure.

import { parseJsonExact } from '../json/big-integers'
import { isExactObject, type ExactJsonObject } from '../json/json-value'

/**
 * Why a version a database counts has no row, for every place that meets one (the timeline, the
 * Event pane, `events`): an Eventuous stream truncated, Emmett or Marten rows archived, a row deleted.
 */
export const noRowCause = 'the store holds no row for it (truncated, archived, deleted or never written)'

/** The same for a run of versions `first` … `last` (`events` says each run once). */
export function noRowsCause(first: number, last: number): string {
  return first === last
    ? noRowCause
    : 'the store holds no rows for them (truncated, archived, deleted or never written)'
}

/** Why a row's payload or metadata could not be read as it is stored. */
export interface RowProblem {
  readonly kind: 'payload_not_object' | 'payload_unreadable' | 'metadata_unreadable'
  /** What is wrong, one line: `message_data is not JSON (…)`. */
  readonly cause: string
  /** The cause and what is read instead, one line without the row's place (the printer adds it). */
  readonly message: string
}

/**
 * How bad a row's problem is, as `verify` grades a JSONL line's: a payload that is JSON but no object is
 * a warning (payload_not_object), one that is no JSON at all is damage (an error, as bad_line is).
 */
export function rowProblemSeverity(problem: RowProblem): 'error' | 'warning' {
  return problem.kind === 'payload_not_object' ? 'warning' : 'error'
}

/** What a stored JSON text reads as: an object, or null (absent, or no object: see `problem`). */
export interface StoredObject {
  readonly value: ExactJsonObject | null
  readonly problem: RowProblem | null
}

const longestShownError = 120

/**
 * The payload a row's text holds. `column` names it in messages ("message_data"). A payload that is
 * valid JSON but no object (an array, a string, null) or no JSON at all is read as empty, with why.
 */
export function storedPayload(text: string, column: string): StoredObject {
  const read = parsed(text)
  if (!read.ok)
    return { value: null, problem: unreadable(`${column} is not JSON (${read.reason})`, 'payload') }
  if (isExactObject(read.value)) return { value: read.value, problem: null }
  return { value: null, problem: payloadNotObject(column, read.value) }
}

/** A payload that is JSON but no object (an array, a string, null): read as empty. */
export function payloadNotObject(column: string, value: unknown): RowProblem {
  const cause = `${column} is ${describe(value)}, not an object`
  return { kind: 'payload_not_object', cause, message: `${cause}: its payload is read as empty` }
}

/** The problems field of an event: absent when there are none (most rows). */
export function problemsOf(...problems: (RowProblem | null)[]): { problems?: readonly RowProblem[] } {
  const found = problems.filter((problem) => problem !== null)
  return found.length === 0 ? {} : { problems: found }
}

/**
 * The metadata a row's text holds (null: none). Metadata that is JSON but no object is read as none
 * without a word (a `null` column is common and harmless); text that is no JSON at all is reported.
 */
export function storedMetadata(text: string | null, column: string): StoredObject {
  if (text === null) return { value: null, problem: null }
  const read = parsed(text)
  if (!read.ok)
    return { value: null, problem: unreadable(`${column} is not JSON (${read.reason})`, 'metadata') }
  return { value: isExactObject(read.value) ? read.value : null, problem: null }
}

/** A stored binary value the database itself cannot read as JSON (SQLite JSONB that is not). */
export function unreadableBlob(column: string, what: 'payload' | 'metadata'): RowProblem {
  return unreadable(`${column} is a blob SQLite cannot read as JSON`, what)
}

function unreadable(cause: string, what: 'payload' | 'metadata'): RowProblem {
  return {
    kind: what === 'payload' ? 'payload_unreadable' : 'metadata_unreadable',
    cause,
    message: `${cause}: its ${what} is read as ${what === 'payload' ? 'empty' : 'none'}`,
  }
}

function parsed(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parseJsonExact(text) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: reason.replace(/\s+/g, ' ').slice(0, longestShownError) }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
