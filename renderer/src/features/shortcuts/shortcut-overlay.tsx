// The keyboard shortcuts overlay (`?`): every command that has a key, grouped as the application menu
// groups them, generated from the command registry so it lists exactly the keys the handler hears.

import { useEffect, useRef } from 'react'
import { commandMenus } from '../../../../shared/commands'
import { commands } from '../../commands/registry'
import { useAppStore } from '../../store'
import './shortcuts.css'

/** The overlay while the store says it is open; Escape, `?` or a click outside closes it. */
export function ShortcutOverlay() {
  const open = useAppStore((s) => s.overlay === 'shortcuts')
  return open ? <ShortcutList /> : null
}

function ShortcutList() {
  const overlayClosed = useAppStore((s) => s.overlayClosed)
  const state = useAppStore.getState()
  const dialog = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const before = document.activeElement
    dialog.current?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' && event.key !== '?') return
      event.preventDefault()
      overlayClosed()
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      if (before instanceof HTMLElement) before.focus()
    }
  }, [overlayClosed])

  const groups = commandMenus
    .map((menu) => ({
      menu,
      keyed: commands.filter((c) => c.menu === menu && c.shortcut !== null && c.available(state)),
    }))
    .filter((group) => group.keyed.length > 0)
  return (
    <div className="overlay-backdrop" onMouseDown={(e) => e.target === e.currentTarget && overlayClosed()}>
      <div
        ref={dialog}
        className="overlay-card shortcut-overlay"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
      >
        <header className="overlay-head">
          <h2 className="overlay-title">Keyboard shortcuts</h2>
          <button type="button" className="overlay-close" aria-label="Close" onClick={overlayClosed}>
            ×
          </button>
        </header>
        <div className="shortcut-groups">
          {groups.map(({ menu, keyed }) => (
            <section key={menu} className="shortcut-group" aria-label={menu}>
              <h3 className="shortcut-menu">{menu}</h3>
              <dl className="shortcut-list">
                {keyed.map((c) => (
                  <div key={c.name} className="shortcut-row">
                    <dt>
                      <kbd className="shortcut-key">{c.shortcut}</kbd>
                    </dt>
                    <dd>{c.label}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="overlay-note">
          Keys without Ctrl do nothing while you type in a field. The slider also takes the arrow keys, Home
          and End.
        </p>
      </div>
    </div>
  )
}
