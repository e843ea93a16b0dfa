// An aggregate's row of the table, built from what is known of it: its index entry, the last reading
// of its stream, or why that could not be read. Pure functions, called only for rows on screen.

import type { AggregateRow, AggregateStatus, Problem } from '../../../shared/contract'
import type { ReadingColumns } from '../scan-cache/readings-codec'
import type { IndexEntries, IndexEntry } from './index-file'
import { compareWithIndex, entryAgrees, missingStream } from './reconcile'
import type { StreamReading } from '../stream-facts/stream-reading'

/** What is known of one listed stream; `indexed` says whether there is a usable index at all. */
export interface StreamFacts {
  readonly id: string
  readonly entry: IndexEntry | undefined
  readonly indexed: boolean
  readonly reading: StreamReading | undefined
  readonly failure: Problem | undefined
}

/** The row of an aggregate whose stream file exists: pending until read, an error if unreadable. */
export function streamRow({ id, entry, indexed, reading, failure }: StreamFacts): AggregateRow {
  if (!reading || failure) {
    return {
      id,
      type: null,
      eventCount: null,
      indexedCount: entry?.eventCount ?? null,
      lastEventAt: entry?.lastEventAt ?? null,
      status: failure ? 'error' : 'pending',
      issues: failure ? [failure.message] : [],
    }
  }
  const agrees =
    !indexed || (entry !== undefined && entryAgrees(entry.eventCount, entry.lastEventAt, reading))
  // The usual row: a clean stream the index agrees with (no list built to say so).
  if (agrees && reading.problems.length === 0 && reading.problemCount === 0)
    return {
      id,
      type: reading.type,
      eventCount: reading.eventCount,
      indexedCount: entry?.eventCount ?? null,
      lastEventAt: reading.lastEventAt,
      status: 'ok',
      issues: [],
    }
  const indexProblems = agrees ? [] : compareWithIndex(id, entry, reading)
  return {
    id,
    type: reading.type,
    eventCount: reading.eventCount,
    indexedCount: entry?.eventCount ?? null,
    lastEventAt: reading.lastEventAt,
    status: worstStatus([...reading.problems, ...indexProblems]),
    issues: describeIssues(reading, indexProblems),
  }
}

/**
 * streamRow for a stream found as cached (`at`: its position in the cache's columns) when its row is
 * the usual one, a clean stream its index entry agrees with, read from the columns without the reading
 * and entry objects streamRow's facts are (a warm `list` builds 100,000 rows); undefined for any other
 * row, which streamRow builds. `entries`: the index's, null when there is no usable index.
 */
export function cleanCachedRow(
  id: string,
  columns: ReadingColumns,
  at: number,
  entries: IndexEntries | null,
): AggregateRow | undefined {
  if (!columns.cleanAt(at)) return undefined
  const eventCount = columns.eventCountAt(at)
  const lastEventAt = columns.lastEventAtAt(at)
  // No entry, or one whose count is not a number, is null here, and disagrees as streamRow says.
  const indexedCount = entries === null ? null : entries.eventCount(id)
  if (entries !== null && (indexedCount !== eventCount || entries.lastEventAt(id) !== lastEventAt))
    return undefined
  return { id, type: columns.typeAt(at), eventCount, indexedCount, lastEventAt, status: 'ok', issues: [] }
}

/** The status alone (for sorting), without describing the issues. */
export function streamStatus(facts: StreamFacts): AggregateStatus {
  const { reading, failure } = facts
  if (failure) return 'error'
  if (!reading) return 'pending'
  if (reading.problems.some((problem) => problem.severity === 'error')) return 'error'
  if (reading.problems.length > 0) return 'warning'
  if (!facts.indexed) return 'ok'
  const { entry } = facts
  if (entry !== undefined && entryAgrees(entry.eventCount, entry.lastEventAt, reading)) return 'ok'
  return compareWithIndex(facts.id, entry, reading).length > 0 ? 'warning' : 'ok'
}

/** The row of an index entry whose stream file does not exist. */
export function ghostRow(id: string, entry: IndexEntry | undefined): AggregateRow {
  return {
    id,
    type: null,
    eventCount: 0,
    indexedCount: entry?.eventCount ?? null,
    lastEventAt: entry?.lastEventAt ?? null,
    status: 'error',
    issues: [missingStream(id).message],
  }
}

function worstStatus(problems: readonly Problem[]): AggregateStatus {
  if (problems.some((problem) => problem.severity === 'error')) return 'error'
  return problems.length > 0 ? 'warning' : 'ok'
}

function describeIssues(reading: StreamReading, indexProblems: Problem[]): string[] {
  const issues = reading.problems.slice(0, 3).map((problem) => `line ${problem.line}: ${problem.message}`)
  if (reading.problemCount > 3) issues.push(`${reading.problemCount - 3} more line problems`)
  return [...issues, ...indexProblems.map((problem) => problem.message)]
}
