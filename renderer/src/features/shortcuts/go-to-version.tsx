// "Go to version…" (G): a small box that takes a version number and moves the slider there.

import { useState, type FormEvent } from 'react'
import { formatCount } from '../../lib/format'
import { parseVersion } from '../../lib/parse-version'
import { useAppStore } from '../../store'
import './shortcuts.css'

/** The box while the store says it is open. */
export function GoToVersion() {
  const open = useAppStore((s) => s.overlay === 'goToVersion')
  const eventCount = useAppStore((s) => s.stream.info?.eventCount ?? null)
  return open && eventCount !== null ? <GoToVersionBox eventCount={eventCount} /> : null
}

function GoToVersionBox({ eventCount }: { readonly eventCount: number }) {
  const overlayClosed = useAppStore((s) => s.overlayClosed)
  const versionChosen = useAppStore((s) => s.versionChosen)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseVersion(text, eventCount)
    if (typeof parsed === 'string') return setError(parsed)
    versionChosen(parsed)
    overlayClosed()
  }
  return (
    <div className="overlay-backdrop" onMouseDown={(e) => e.target === e.currentTarget && overlayClosed()}>
      <form
        className="overlay-card go-to-version"
        role="dialog"
        aria-modal="true"
        aria-label="Go to version"
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Escape') overlayClosed()
        }}
      >
        <label className="go-to-label">
          Go to version (0–{formatCount(eventCount)})
          <input
            className="text-field mono"
            aria-label="Version number"
            inputMode="numeric"
            autoFocus
            value={text}
            aria-invalid={error !== null}
            onChange={(e) => {
              setText(e.target.value)
              setError(null)
            }}
          />
        </label>
        {error && (
          <p className="go-to-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  )
}
