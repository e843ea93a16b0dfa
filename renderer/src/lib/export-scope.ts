// Which aggregates an export covers, and the one line that reports how it went.

import type { ChannelOutput, EventPayload } from '../../../shared/contract'
import { assertNever } from './assert-never'
import { formatCount } from './format'
import { appendAll } from '../../../shared/array-ops'

export type ExportScope = 'selected' | 'matching'

/** The most ids one export request may carry (the contract's limit). */
export const maxExportIds = 100_000

/** One page of the filtered aggregates, as `aggregates.window` answers it. */
export type FetchWindow = (
  offset: number,
  limit: number,
) => Promise<{ readonly total: number; readonly rows: readonly { readonly id: string }[] }>

/**
 * The `aggregateIds` of an export: the selected one, or every aggregate matching the filter.
 *
 * An empty list means "the whole store" to the host, so an empty filter answers [] at once, while a
 * filter matching nothing must refuse rather than export everything. Pages of 1,000 keep each answer
 * small; the cost is one request per 1,000 matches.
 */
export async function exportScopeIds(
  scope: ExportScope,
  context: { readonly selected: string | null; readonly filter: string },
  fetchWindow: FetchWindow,
  pageLimit = 1000,
): Promise<string[]> {
  if (scope === 'selected') {
    if (!context.selected) throw new Error('Select an aggregate to export, or export all of them.')
    return [context.selected]
  }
  if (context.filter.trim() === '') return []
  const ids: string[] = []
  for (let offset = 0; ; offset += pageLimit) {
    const page = await fetchWindow(offset, pageLimit)
    if (page.total > maxExportIds)
      throw new Error(
        `${formatCount(page.total)} aggregates match the filter; one export takes at most ${formatCount(maxExportIds)}. Narrow the filter, or clear it to export the whole store.`,
      )
    appendAll(
      ids,
      page.rows.map((row) => row.id),
    )
    if (page.rows.length === 0 || offset + pageLimit >= page.total) break
  }
  if (ids.length === 0) throw new Error(`No aggregate matches “${context.filter}”: nothing to export.`)
  return ids
}

/** What an export left out: a directory's damaged lines, or a database's rows that could not be read. */
export type LeftOut = 'damaged line' | 'unreadable row'

/**
 * "Saved 1,234 events to /path (2 damaged lines left out)", "Download started" or "Export cancelled".
 */
export function describeExportResult(
  result: ChannelOutput<'export.run'>,
  stateVersion?: number,
  leftOut: LeftOut = 'damaged line',
): string {
  switch (result.status) {
    case 'saved':
      if (stateVersion !== undefined)
        return `Saved the state at v ${formatCount(stateVersion)} to ${result.path}`
      return `Saved ${describeHeld(result, leftOut, ` to ${result.path}`)}`
    case 'download':
      return 'Download started'
    case 'dismissed':
      return 'Export cancelled'
    default:
      return assertNever(result)
  }
}

/** "Download of 1,234 events started (2 damaged lines left out)": the browser shell's word once written. */
export function describeDownloadReady(ready: EventPayload<'onDownloadReady'>, leftOut: LeftOut): string {
  return `Download of ${describeHeld(ready, leftOut, ' started')}`
}

// "1,234 events<after> (2 damaged lines left out) · 2 streams numbered from 1 (…)".
function describeHeld(
  held: {
    readonly events: number
    readonly skippedLines: number
    readonly renumberedStreams?: number | undefined
  },
  leftOut: LeftOut,
  after: string,
): string {
  const events = `${formatCount(held.events)} ${held.events === 1 ? 'event' : 'events'}`
  const skipped =
    held.skippedLines === 0
      ? ''
      : ` (${formatCount(held.skippedLines)} ${leftOut}${held.skippedLines === 1 ? '' : 's'} left out)`
  // Lines carry no version (a store's, JSONL's): a database's skipped versions do not carry over.
  const streams = held.renumberedStreams ?? 0
  const moved =
    streams === 0
      ? ''
      : ` · ${formatCount(streams)} ${streams === 1 ? 'stream' : 'streams'} numbered from 1 (${streams === 1 ? 'its versions have' : 'their versions have'} gaps)`
  return `${events}${after}${skipped}${moved}`
}
