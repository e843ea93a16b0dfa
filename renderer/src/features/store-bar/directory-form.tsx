// The "Events directory" field with its Open and Browse… buttons and the recent-directories list.

import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

const noRecents: readonly string[] = []

/** Type or pick a directory and open it; Enter opens. */
export function DirectoryForm() {
  const { dir, opening, recentDirs, canPick } = useAppStore(
    useShallow((s) => ({
      dir: s.store.dir,
      opening: s.store.opening,
      recentDirs: s.app.info?.recentDirs ?? noRecents,
      canPick: s.app.info?.canPickDirectory ?? false,
    })),
  )
  const directoryOpened = useAppStore((s) => s.directoryOpened)
  const browseClicked = useAppStore((s) => s.browseClicked)
  // What the user typed; falls back to the opened directory until they type.
  const [draft, setDraft] = useState<string | null>(null)
  const value = draft ?? opening ?? dir ?? ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setDraft(null)
    void directoryOpened(value)
  }

  return (
    <form className="directory-form" onSubmit={submit}>
      <input
        className="text-field mono directory-input"
        aria-label="Events directory"
        placeholder="/path/to/events  (a folder of <aggregate>.events.jsonl files)"
        list="recent-dirs"
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(event) => setDraft(event.target.value)}
      />
      <datalist id="recent-dirs">
        {recentDirs.map((recent) => (
          <option key={recent} value={recent} />
        ))}
      </datalist>
      <button type="submit" className="button primary" disabled={!value.trim() || opening !== null}>
        {opening !== null ? 'Opening…' : 'Open'}
      </button>
      {canPick && (
        <button type="button" className="button" onClick={() => void browseClicked()}>
          Browse…
        </button>
      )}
    </form>
  )
}
