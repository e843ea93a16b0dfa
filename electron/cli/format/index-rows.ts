// `list --from-index`: the aggregates table as index.json alone says, nothing checked.

import type { AggregateRow, StoreSummary } from '../../../shared/contract'
import { jsonlStoreSource } from '../../core/session/store-capabilities'
import type { IndexTable } from '../../core/store/index-file'

/** The summary and rows of an index read whole; rows sorted by id, every one `pending` (unchecked). */
export function indexRows(
  dir: string,
  table: Extract<IndexTable, { state: 'ok' }>,
): { summary: StoreSummary; rows: AggregateRow[] } {
  const { entries } = table
  // Sorted by code units, as the store's own id order is; columns from the scan cache's snapshot come
  // sorted, and are looked up in that order in O(1) each.
  const rows = entries.sortedIds().map((id): AggregateRow => {
    const eventCount = entries.eventCount(id)
    return {
      id,
      type: null,
      eventCount,
      indexedCount: eventCount,
      lastEventAt: entries.lastEventAt(id),
      status: 'pending',
      issues: [],
    }
  })
  const summary: StoreSummary = {
    dir,
    style: null,
    aggregates: rows.length,
    events: rows.reduce((sum, row) => sum + (row.eventCount ?? 0), 0),
    indexedEvents: table.totalEvents,
    index: 'ok',
    reconciled: false,
    problems: [],
    findings: { errors: 0, warnings: 0 },
    source: jsonlStoreSource(dir),
  }
  return { summary, rows }
}
