// The findings of an open store, worked out from its state: the streams' own findings and their
// disagreements with the index (counted), the store's findings (links skipped, index unreadable,
// entries without a stream, totals that differ, streams that cannot be read), and which index
// entries moved between two readings of index.json. Pure functions, apart from open-store.ts so the
// store keeps only its state and how it changes.

import type { Problem } from '../../../shared/contract'
import { appendAll } from '../../../shared/array-ops'
import type { StreamReading } from '../stream-facts/stream-reading'
import type { IndexEntries, OpenedIndex } from './index-file'
import { compareTotals, compareWithIndex, missingStream, storeProblem } from './reconcile'

/**
 * Errors and warnings among the streams' line findings and index disagreements, the unreadable
 * streams left out. O(readings); one lookup for a stream its entry agrees with (nearly every one).
 */
export function streamFindingCounts(
  readings: ReadonlyMap<string, StreamReading>,
  unreadable: ReadonlyMap<string, Problem>,
  entries: IndexEntries | null,
): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  const anyUnreadable = unreadable.size > 0
  // forEach: the readings of a reopened store are marks over the cache's columns (taken-entries.ts),
  // walked without an iterator's pair per stream.
  readings.forEach((reading, id) => {
    if (anyUnreadable && unreadable.has(id)) return
    errors += reading.errorCount
    warnings += reading.problemCount - reading.errorCount
    if (!entries) return
    // Nearly every stream agrees with its entry: one lookup says so, no problem list built.
    if (entries.agrees(id, reading.eventCount, reading.lastEventAt)) return
    for (const problem of compareWithIndex(id, entries.get(id), reading)) {
      if (problem.severity === 'error') errors++
      else warnings++
    }
  })
  return { errors, warnings }
}

/** The store's own findings. `countedEvents`: null until every stream was read (no totals compared). */
export function storeProblemsOf(store: {
  readonly skippedLinks: readonly string[]
  readonly index: OpenedIndex
  readonly unlisted: readonly string[]
  readonly countedEvents: number | null
  readonly unreadable: Iterable<Problem>
}): Problem[] {
  const problems: Problem[] = store.skippedLinks.map((name) =>
    storeProblem('symlink_skipped', `${name} is a symbolic link; not followed`),
  )
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
