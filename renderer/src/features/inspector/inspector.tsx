// The right column: the version slider on top, then either the state and event at that version or the
// form that appends the next event. The slider stays in view on both tabs.

import { useId, useState } from 'react'
import { AppendView } from '../append/append-view'
import { EventPane } from '../event/event-pane'
import { StatePane } from '../state/state-pane'
import { VersionSlider } from '../state/version-slider'
import './inspector.css'

type Tab = 'inspect' | 'append'

const tabs: readonly { readonly id: Tab; readonly label: string; readonly title: string }[] = [
  { id: 'inspect', label: 'Inspect', title: 'The state and the event at the slider’s version' },
  { id: 'append', label: 'Append', title: 'Write a new event to an aggregate, with a preview of its state' },
]

/** Slider, tabs, and the chosen tab's panes; both tabs stay mounted so a draft survives switching. */
export function Inspector() {
  const [tab, setTab] = useState<Tab>('inspect')
  const id = useId()
  return (
    <div className="inspector">
      <VersionSlider />
      <div className="inspector-tabs" role="tablist" aria-label="Inspector">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${id}-${t.id}-tab`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`inspector-tab ${tab === t.id ? 'active' : ''}`}
            title={t.title}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
              e.preventDefault()
              const next = tab === 'inspect' ? 'append' : 'inspect'
              setTab(next)
              document.getElementById(`${id}-${next}-tab`)?.focus()
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="inspector-panel"
        role="tabpanel"
        id={`${id}-inspect`}
        aria-labelledby={`${id}-inspect-tab`}
        hidden={tab !== 'inspect'}
      >
        <StatePane />
        <EventPane />
      </div>
      <div
        className="inspector-panel"
        role="tabpanel"
        id={`${id}-append`}
        aria-labelledby={`${id}-append-tab`}
        hidden={tab !== 'append'}
      >
        <AppendView />
      </div>
    </div>
  )
}
