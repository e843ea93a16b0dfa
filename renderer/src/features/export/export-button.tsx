// "Export…" in the aggregates pane header, opening the export dialog.

import { useState } from 'react'
import { useAppStore } from '../../store'
import { ExportDialog } from './export-dialog'

/** The button and, while open, its dialog. */
export function ExportButton() {
  const hasStore = useAppStore((s) => s.store.summary !== null)
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={!hasStore}
        title="Export the selected aggregate or all matching ones as JSONL, JSON, CSV or a store directory"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  )
}
