// The index is a cache, the streams are the truth: these pure checks say where the two disagree.

import type { Problem } from '../../../shared/contract'
import { severityOf } from '../../../shared/problem-severity'
import type { IndexEntry } from './index-file'

export interface StreamFacts {
  readonly eventCount: number
  readonly lastEventAt: string | null
  readonly lastEventAtMs: number
}

/** Findings for one aggregate: its stream against its index entry (undefined when the index lacks it). */
export function compareWithIndex(
  aggregateId: string,
  entry: IndexEntry | undefined,
  facts: StreamFacts,
): Problem[] {
  if (!entry) {
    return [storeProblem('missing_from_index', `Stream ${aggregateId} is not listed in index.json`)]
  }
  const problems: Problem[] = []
  if (entry.eventCount !== facts.eventCount) {
    problems.push(
      storeProblem(
        'index_count_mismatch',
        `${indexCountText(aggregateId, entry.eventCount)}; the stream has ${facts.eventCount}`,
      ),
    )
  }
  if (!sameInstant(entry.lastEventAt, facts.lastEventAt, facts.lastEventAtMs)) {
    problems.push(
      storeProblem(
        'index_last_event_mismatch',
        `${indexTimeText(aggregateId, entry.lastEventAt)}; its last event is at ${facts.lastEventAt ?? 'an unknown time'}`,
      ),
    )
  }
  return problems
}

// What the index says of an aggregate's count: "no events" would read as zero where the entry has no
// number, and 1e400 parses to Infinity, which is no count either.
function indexCountText(aggregateId: string, count: number | null): string {
  if (count === null) return `index.json has no event_count number for ${aggregateId}`
  if (!Number.isSafeInteger(count) || count < 0)
    return `index.json's event_count for ${aggregateId} is ${count}, not a count of events`
  return `index.json counts ${count} event${count === 1 ? '' : 's'} for ${aggregateId}`
}

// What the index says of an aggregate's last event time: no text there is not "never".
function indexTimeText(aggregateId: string, lastEventAt: string | null): string {
  return lastEventAt === null
    ? `index.json has no last_event_at text for ${aggregateId}`
    : `index.json says ${aggregateId} last changed at ${lastEventAt}`
}

/**
 * Whether an entry agrees with the stream as written (the same count and the same time text): then
 * compareWithIndex finds nothing. O(1) and allocation-free, the case of nearly every stream, so a
 * store of 100,000 is judged without a problem list each; anything else goes to compareWithIndex.
 */
export function entryAgrees(
  eventCount: number | null | undefined,
  lastEventAt: string | null | undefined,
  facts: StreamFacts,
): boolean {
  return eventCount === facts.eventCount && lastEventAt === facts.lastEventAt
}

/** The finding for an index entry whose stream file does not exist. */
export function missingStream(aggregateId: string): Problem {
  return storeProblem(
    'missing_stream',
    `index.json lists ${aggregateId}, but ${aggregateId}.events.jsonl does not exist`,
  )
}

/** The finding for a `total_events` that differs from the events counted in the streams. */
export function compareTotals(indexTotal: number | null, counted: number): Problem | null {
  if (indexTotal === null || indexTotal === counted) return null
  return storeProblem(
    'index_total_mismatch',
    `index.json says total_events is ${indexTotal}; the streams hold ${counted}`,
  )
}

/** A finding about the store rather than a line of a stream. */
export function storeProblem(kind: Problem['kind'], message: string): Problem {
  return { kind, severity: severityOf(kind), line: null, offset: null, message, snippet: null }
}

// Writers format the same instant differently (`+00:00`, `Z`, fewer digits); compare instants when both parse.
function sameInstant(indexed: string | null, actual: string | null, actualMs: number): boolean {
  if (indexed === actual) return true
  if (indexed === null || actual === null) return false
  const indexedMs = Date.parse(indexed)
  return !Number.isNaN(indexedMs) && Math.abs(indexedMs - actualMs) < 1
}

/** What a stream-named entry that is a symbolic link is told as: never followed. */
export function linkMessage(name: string): string {
  return `${name} is a symbolic link; not followed`
}

/** What a stream-named entry that is no file is told as: a folder, a pipe, a socket or a device. */
export function notAFileMessage(name: string): string {
  return `${name} is not a regular file (a folder, pipe, socket or device); not read`
}
