// "Export…" in the aggregates pane header, opening the export dialog (the exportDialog command).

import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { ExportDialog } from './export-dialog'

/** The button and, while open, its dialog. */
export function ExportButton() {
  const open = useAppStore((s) => s.overlay === 'export')
  const overlayClosed = useAppStore((s) => s.overlayClosed)
  const command = useCommand('exportDialog')
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={!command.enabled}
        title={`Export the selected aggregate or all matching ones as JSONL, JSON, CSV or a store directory (${command.title})`}
        aria-haspopup="dialog"
        onClick={command.run}
      >
        Export…
      </button>
      {open && <ExportDialog onClose={overlayClosed} />}
    </>
  )
}
