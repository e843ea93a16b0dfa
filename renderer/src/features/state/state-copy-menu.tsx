// "Copy ▾" in the state toolbar: the focused item's value or path, or the whole state, as a menu
// button (WAI-ARIA menu button pattern: the arrows move, Enter copies, Escape closes and returns).

import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { copyText } from '../../ui/clipboard'
import { CopyIcon } from '../../ui/copy-button'

export interface CopyChoice {
  readonly label: string
  /** Built when chosen: a big state is printed only when asked. */
  text(): string | null
}

/** A menu button offering `choices`; says "Copied …" in a live region after a copy. */
export function StateCopyMenu(props: { readonly choices: readonly CopyChoice[] }) {
  const [open, setOpen] = useState(false)
  const [said, setSaid] = useState('')
  const id = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
  // The first item takes the focus as the menu opens, before the next key press is handled.
  useLayoutEffect(() => {
    if (open) items()[0]?.focus()
  }, [open])
  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) buttonRef.current?.focus()
  }
  const choose = (choice: CopyChoice) => {
    close(true)
    const text = choice.text()
    if (text === null) return
    void copyText(text).then((ok) => setSaid(ok ? `Copied: ${choice.label}` : 'Copy failed'))
  }
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items()
    const at = all.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => all[(to + all.length) % all.length]?.focus()
    if (event.key === 'ArrowDown') move(at + 1)
    else if (event.key === 'ArrowUp') move(at - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(all.length - 1)
    else if (event.key === 'Escape') close(true)
    else if (event.key === 'Tab') close(false)
    else return
    if (event.key !== 'Tab') event.preventDefault()
    event.stopPropagation()
  }
  return (
    <div className="state-copy">
      <button
        ref={buttonRef}
        type="button"
        className="button small state-copy-button"
        aria-label="Copy"
        title="Copy the focused value, its path, or the whole state"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown') return
          event.preventDefault()
          setOpen(true)
        }}
      >
        <CopyIcon />
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={`${id}-menu`}
          className="state-copy-menu"
          role="menu"
          aria-label="Copy"
          onKeyDown={onMenuKey}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false)
          }}
        >
          {props.choices.map((choice) => (
            <div
              key={choice.label}
              role="menuitem"
              tabIndex={-1}
              className="state-copy-item"
              onClick={() => choose(choice)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return
                event.preventDefault()
                choose(choice)
              }}
            >
              {choice.label}
            </div>
          ))}
        </div>
      )}
      <span className="visually-hidden" role="status">
        {said}
      </span>
    </div>
  )
}
