// "Compare…" in the state pane: opens the Compare tab on the previous and the current version.

import { sliderStore, useAppStore } from '../../store'

/** Compares the slider's version with the one before it; both can be changed in the Compare tab. */
export function CompareButton() {
  const hasStream = useAppStore((s) => s.stream.info !== null)
  const diffRequested = useAppStore((s) => s.diffRequested)
  const dockTabChosen = useAppStore((s) => s.dockTabChosen)
  return (
    <button
      type="button"
      className="button small"
      disabled={!hasStream}
      title="Compare two versions of this aggregate side by side"
      onClick={() => {
        const to = sliderStore.getState().version
        diffRequested(Math.max(0, to - 1), to)
        dockTabChosen('diff')
      }}
    >
      Compare…
    </button>
  )
}
