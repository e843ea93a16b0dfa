// The findings of an open store, worked out from its state: the streams' own findings and their
// disagreements with the index (counted), the store's findings (links skipped, index unreadable,
// entries without a stream, totals that differ, streams that cannot be read), and which index
// entries moved between two readings of index.json. Pure functions, apart from open-store.ts so the
// store keeps only its state and how it changes.

import type { Problem } from '../../../shared/contract'
import { appendAll } from '../../../shared/array-ops'
import type { TakenEntries } from '../scan-cache/taken-entries'
import type { StreamReading } from '../stream-facts/stream-reading'
import type { IndexEntries, OpenedIndex } from './index-file'
import {
  compareTotals,
  compareWithIndex,
  linkMessage,
  missingStream,
  notAFileMessage,
  storeProblem,
} from './reconcile'

/**
 * Errors and warnings among the streams' line findings and index disagreements, the unreadable
 * streams left out. O(readings); one lookup for a stream its entry agrees with (nearly every one).
 */
export function streamFindingCounts(
  readings: Pick<TakenEntries<StreamReading>, 'forEachSplit'>,
  unreadable: ReadonlyMap<string, Problem>,
  entries: IndexEntries | null,
): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  const anyUnreadable = unreadable.size > 0
  // Counts a stream's own findings; false when it disagrees with its entry (then compared in full).
  const counted = (
    id: string,
    errorCount: number,
    problemCount: number,
    eventCount: number,
    lastEventAt: string | null,
  ): boolean => {
    if (anyUnreadable && unreadable.has(id)) return true
    errors += errorCount
    warnings += problemCount - errorCount
    // Nearly every stream agrees with its entry: one lookup says so, no problem list built.
    return entries === null || entries.agrees(id, eventCount, lastEventAt)
  }
  const compared = (id: string, reading: StreamReading): void => {
    for (const problem of compareWithIndex(id, entries?.get(id), reading)) {
      if (problem.severity === 'error') errors++
      else warnings++
    }
  }
  // The readings of a reopened store are marks over the cache's columns (taken-entries.ts): those are
  // counted from the columns, with no reading made for each.
  readings.forEachSplit(
    (reading, id) => {
      const { errorCount, problemCount, eventCount, lastEventAt } = reading
      if (!counted(id, errorCount, problemCount, eventCount, lastEventAt)) compared(id, reading)
    },
    (columns, at) => {
      const id = columns.idAt(at)
      const eventCount = columns.eventCountAt(at)
      const lastEventAt = columns.lastEventAtAt(at)
      if (!counted(id, columns.errorCountAt(at), columns.problemCountAt(at), eventCount, lastEventAt))
        compared(id, columns.readingAt(at))
    },
  )
  return { errors, warnings }
}

/** The store's own findings. `countedEvents`: null until every stream was read (no totals compared). */
export function storeProblemsOf(store: {
  readonly skippedLinks: readonly string[]
  readonly skippedOthers: readonly string[]
  readonly index: OpenedIndex
  readonly unlisted: readonly string[]
  readonly countedEvents: number | null
  readonly unreadable: Iterable<Problem>
}): Problem[] {
  const problems: Problem[] = store.skippedLinks.map((name) =>
    storeProblem('symlink_skipped', linkMessage(name)),
  )
  for (const name of store.skippedOthers) problems.push(storeProblem('not_a_file', notAFileMessage(name)))
  const { index } = store
  if (index.state === 'unreadable') problems.push(storeProblem('index_unreadable', index.reason))
  if (index.state === 'ok') {
    for (const id of store.unlisted) problems.push(missingStream(id))
    const totals = store.countedEvents === null ? null : compareTotals(index.totalEvents, store.countedEvents)
    if (totals) problems.push(totals)
  }
  appendAll(problems, store.unreadable)
  return problems
}

/** O(index entries): the entries whose count or last time differ from the index read before. */
export function movedEntries(before: IndexEntries | null, after: IndexEntries | null): string[] {
  if (!after) return []
  const moved: string[] = []
  for (const id of after.ids()) {
    if (
      before?.has(id) !== true ||
      before.eventCount(id) !== after.eventCount(id) ||
      before.lastEventAt(id) !== after.lastEventAt(id)
    )
      moved.push(id)
  }
  return moved
}
