// Maps between versions (1-based event numbers) and timeline rows, where problem rows sit between events.
//
// The timeline interleaves events with problem rows (bad lines), so event v is not at row v-1: it is
// pushed down by every problem row that comes before it. StreamInfo.problems lists those rows in order.
// The list is capped by the host (see StreamInfo.problemCount); beyond the cap the mapping is a best
// guess, which is why callers prefer a loaded row's own `version` when they have it.

/** The timeline row of event `version`, or -1 for version 0 (the state before the first event). */
export function rowOfVersion(version: number, problemRows: readonly number[]): number {
  if (version < 1) return -1
  let row = version - 1
  // Sorted ascending: each problem at or before the candidate row shifts the event down by one.
  for (const problem of problemRows) {
    if (problem <= row) row += 1
    else break
  }
  return row
}

/** The version shown by a timeline row: the event at it, or the last event before a problem row. */
export function versionAtRow(row: number, problemRows: readonly number[]): number {
  if (row < 0) return 0
  let before = 0
  let isProblem = false
  for (const problem of problemRows) {
    if (problem < row) before += 1
    else {
      isProblem = problem === row
      break
    }
  }
  return isProblem ? row - before : row - before + 1
}
