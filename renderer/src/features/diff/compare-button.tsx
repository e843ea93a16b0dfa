// "Compare…" in the state pane: opens the Compare tab on the previous and the current version.

import { useCommand } from '../../commands/use-command'

/** Compares the slider's version with the one before it; both can be changed in the Compare tab. */
export function CompareButton() {
  const command = useCommand('compareVersions')
  return (
    <button
      type="button"
      className="button small"
      disabled={!command.enabled}
      title="Compare two versions of this aggregate side by side"
      onClick={command.run}
    >
      Compare…
    </button>
  )
}
