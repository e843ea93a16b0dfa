// The right column: the version slider on top, then either the state and event at that version or the
// form that appends the next event. The slider stays in view on both tabs.

import { useId } from 'react'
import type { CommandName } from '../../commands/registry'
import { runAppCommand } from '../../commands/use-command'
import { lackOf } from '../../lib/store-capabilities'
import { useAppStore } from '../../store'
import type { InspectorTab } from '../../store/view-slice'
import { AppendView } from '../append/append-view'
import { DebugPane } from '../debug/debug-pane'
import { EventPane } from '../event/event-pane'
import { StatePane } from '../state/state-pane'
import { VersionSlider } from '../state/version-slider'
import './inspector.css'

const tabs: readonly {
  readonly id: InspectorTab
  readonly label: string
  readonly title: string
  readonly command: CommandName
}[] = [
  {
    id: 'inspect',
    label: 'Inspect',
    title: 'The state and the event at the slider’s version (I)',
    command: 'showInspect',
  },
  {
    id: 'append',
    label: 'Append',
    title: 'Write a new event to an aggregate, with a preview of its state (A)',
    command: 'showAppend',
  },
]

/** Slider, tabs, and the chosen tab's panes; both tabs stay mounted so a draft survives switching. */
export function Inspector() {
  const tab = useAppStore((s) => s.inspectorTab)
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
            onClick={() => runAppCommand(t.command)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
              e.preventDefault()
              const next = tab === 'inspect' ? tabs[1]! : tabs[0]!
              runAppCommand(next.command)
              document.getElementById(`${id}-${next.id}-tab`)?.focus()
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
        <DebugPane />
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
        <AppendTab />
      </div>
    </div>
  )
}

/** The append form, or why the open store takes no append (a read-only database layout). */
function AppendTab() {
  const lacking = useAppStore((s) => lackOf(s.store.summary, 'append'))
  if (lacking !== null)
    return (
      <p className="capability-note" role="note">
        {lacking}
      </p>
    )
  return <AppendView />
}
