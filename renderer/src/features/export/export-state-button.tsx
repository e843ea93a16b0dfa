// "Export state" in the State pane: the rebuilt state at the slider's version, as one JSON file.

import { useCommand } from '../../commands/use-command'

/** Saves (desktop) or downloads (browser shell) the selected aggregate's state at the slider's version. */
export function ExportStateButton() {
  const command = useCommand('exportState')
  return (
    <button
      type="button"
      className="button small"
      disabled={!command.enabled}
      title="Save the state at the slider’s version as JSON"
      onClick={command.run}
    >
      Export state
    </button>
  )
}
