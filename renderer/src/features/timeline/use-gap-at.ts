// Whether a version of the open stream is a database's gap: a version the store counts but holds no
// row for (truncated, archived). The panes that show "the event at this version" say so instead.

import type { TimelineRow } from '../../../../shared/contract'
import { rowAt } from '../../lib/pages'
import { rowOfVersion } from '../../lib/row-of-version'
import { useAppStore } from '../../store'

type GapRow = Extract<TimelineRow, { kind: 'gap' }>

/** The gap row at `version` once its page is loaded; null for an event, a directory, or not loaded yet. */
export function useGapAt(version: number | null): GapRow | null {
  return useAppStore((s) => {
    const info = s.stream.info
    // A directory has no gaps: its versions are its events' order.
    if ((s.store.summary?.source.kind ?? 'jsonl') === 'jsonl') return null
    if (!info || version === null || version < 1) return null
    const problemRows = info.problems.map((entry) => entry.row)
    const row = rowAt(s.stream.pages, rowOfVersion(version, problemRows))
    return row?.kind === 'gap' && row.version === version ? row : null
  })
}
