// The "Events directory" row: the open store, Browse… (desktop app), a typed path (browser shell only)
// or database address (both shells), and the recent menu.
//
// The page opens directories and databases by the ids the host handed out; only the browser shell
// takes a typed path, so in the desktop app the field takes a database address (`postgres://…`) and
// Browse… picks folders. A typed password is sent once: the field then shows the address the host
// answered with, which has none.

import { useState, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { DirectoryChoice } from '../../../../shared/contract'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'

const noRecents: readonly DirectoryChoice[] = []

/** Pick, type or recall a directory and open it. */
export function DirectoryForm() {
  const { dir, opening, canPick, canType, canTypeAddress } = useAppStore(
    useShallow((s) => ({
      dir: s.store.dir,
      opening: s.store.opening,
      canPick: s.app.info?.canPickDirectory ?? false,
      canType: s.app.info?.canTypePath ?? false,
      canTypeAddress: s.app.info?.canTypeAddress ?? false,
    })),
  )
  const browse = useCommand('openDirectory')
  const shown = opening ?? dir ?? ''

  return (
    <div className="directory-form">
      {canType || canTypeAddress ? (
        <TypedPath
          shown={shown}
          opened={dir}
          busy={opening !== null}
          placeholder={
            canType
              ? '/path/to/events or postgres://user@host/db'
              : 'Browse… for a folder, or type postgres://user@host/db'
          }
        />
      ) : (
        <output
          className="text-field mono directory-input directory-shown ellipsis"
          aria-label="Events directory"
          title={shown}
        >
          {shown || (canPick ? 'Choose a folder of <aggregate>.events.jsonl files with Browse…' : '')}
        </output>
      )}
      {canPick && (
        <button
          type="button"
          className="button primary"
          disabled={opening !== null}
          title={browse.title}
          data-command="openDirectory"
          onClick={browse.run}
        >
          {opening !== null ? 'Opening…' : 'Browse…'}
        </button>
      )}
      <RecentMenu />
    </div>
  )
}

/**
 * The typed store: Enter or Open sends a path (the browser shell, which checks it against --root) or a
 * database address (where the host takes one).
 */
function TypedPath({
  shown,
  opened,
  busy,
  placeholder,
}: {
  shown: string
  opened: string | null
  busy: boolean
  placeholder: string
}) {
  const pathSubmitted = useAppStore((s) => s.pathSubmitted)
  // What the user typed; falls back to the opened directory until they type. It stays after Enter
  // until a directory actually opens, so a refused path (a typo, outside the roots) can be fixed in
  // place instead of being typed again.
  const [draft, setDraft] = useState<string | null>(null)
  const [openedBefore, setOpenedBefore] = useState(opened)
  if (opened !== openedBefore) {
    setOpenedBefore(opened)
    setDraft(null)
  }
  const value = draft ?? shown

  const submit = (event: FormEvent) => {
    event.preventDefault()
    // Once it opened, the field shows what the host answered (an address without its password), even
    // when that is the store already open.
    void pathSubmitted(value).then((openedIt) => {
      if (openedIt) setDraft(null)
    })
  }

  return (
    <form className="directory-typed" onSubmit={submit}>
      <input
        className="text-field mono directory-input"
        aria-label="Events directory"
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit" className="button primary" disabled={!value.trim() || busy}>
        {busy ? 'Opening…' : 'Open'}
      </button>
    </form>
  )
}

/** The stores opened before, each opened again by the id the host gave it this run. */
function RecentMenu() {
  const recentDirs = useAppStore((s) => s.app.info?.recentDirs ?? noRecents)
  const busy = useAppStore((s) => s.store.opening !== null)
  const directoryChosen = useAppStore((s) => s.directoryChosen)
  if (recentDirs.length === 0) return null
  return (
    <select
      className="text-field directory-recent"
      aria-label="Recent directories"
      value=""
      disabled={busy}
      onChange={(event) => {
        const choice = recentDirs.find((recent) => recent.id === event.target.value)
        if (choice) void directoryChosen(choice)
      }}
    >
      <option value="" disabled>
        Recent…
      </option>
      {recentDirs.map((recent) => (
        <option key={recent.id} value={recent.id}>
          {recent.path}
        </option>
      ))}
    </select>
  )
}
