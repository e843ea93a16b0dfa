// "Export state" in the State pane: the rebuilt state at the slider's version, as one JSON file.

import { sliderStore, useAppStore } from '../../store'

/** Saves (desktop) or downloads (browser shell) the selected aggregate's state at the slider's version. */
export function ExportStateButton() {
  const aggregateId = useAppStore((s) => s.stream.aggregateId)
  const busy = useAppStore((s) => s.exporting.running !== null)
  const exportRequested = useAppStore((s) => s.exportRequested)
  return (
    <button
      type="button"
      className="button small"
      disabled={!aggregateId || busy}
      title="Save the state at the slider’s version as JSON"
      onClick={() =>
        void exportRequested(
          { format: 'state', scope: 'selected', version: sliderStore.getState().version },
          'state',
        )
      }
    >
      Export state
    </button>
  )
}
