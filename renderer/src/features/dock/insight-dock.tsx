// The bottom dock: store-wide questions (Search, Projections, Over time) and the per-aggregate ones
// (Compare, Correlation) as tabs under the three columns; collapsed to its tab strip by default. Open,
// its top edge resizes it.

import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { dockTabCommands } from '../../commands/registry'
import { runAppCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import type { DockTab } from '../../store/insight-slice'
import { CorrelationPanel } from '../correlation/correlation-panel'
import { usePrefs } from '../../prefs/prefs-store'
import { clampDockHeight, defaultDockHeight } from './dock-height'
import { DockResizer } from './dock-resizer'
import { DiffPanel } from '../diff/diff-panel'
import { HistogramPanel } from '../histogram/histogram-panel'
import { InvariantsPanel } from '../invariants/invariants-panel'
import { ProjectionsPanel } from '../projections/projections-panel'
import { SearchPanel } from '../search/search-panel'
import './dock.css'

const tabs: readonly {
  readonly id: DockTab
  readonly label: string
  readonly region: string
  readonly title: string
}[] = [
  { id: 'search', label: 'Search', region: 'Search', title: 'Find events across every stream of the store' },
  { id: 'projections', label: 'Projections', region: 'Projections', title: 'Run a fold over every event' },
  {
    id: 'time',
    label: 'Over time',
    region: 'Store over time',
    title: 'Events over time; the store as of an instant',
  },
  {
    id: 'diff',
    label: 'Compare',
    region: 'Compare versions',
    title: 'Two versions of the selected aggregate',
  },
  {
    id: 'correlation',
    label: 'Correlation',
    region: 'Correlation',
    title: 'Events sharing a correlation id',
  },
  {
    id: 'invariants',
    label: 'Invariants',
    region: 'Invariants',
    title: 'What must hold at every version: the aggregates that break it, at their first violation',
  },
]

/** Tab strip with a show/hide toggle; the chosen tab's panel below it while open. */
export function InsightDock() {
  const { open, tab, hasStore } = useAppStore(
    useShallow((s) => ({ open: s.dock.open, tab: s.dock.tab, hasStore: s.store.summary !== null })),
  )
  const dockTabChosen = useAppStore((s) => s.dockTabChosen)
  const id = useId()
  // Remembered across runs; clamped to the window as it is now, which may be smaller than then.
  const saved = usePrefs((s) => s.dockHeight)
  const dockResized = usePrefs((s) => s.dockResized)
  const viewportHeight = useViewportHeight()
  const height = saved === null ? defaultDockHeight(viewportHeight) : clampDockHeight(saved, viewportHeight)
  const current = tabs.find((t) => t.id === tab) ?? tabs[0]!

  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const next = tabs[(tabs.indexOf(current) + step + tabs.length) % tabs.length]!
    dockTabChosen(next.id)
    document.getElementById(`${id}-${next.id}-tab`)?.focus()
  }

  return (
    <section className={`insight-dock ${open ? 'open' : ''}`}>
      {open && hasStore && <DockResizer height={height} panelId={`${id}-panel`} onResize={dockResized} />}
      <div className="dock-strip">
        <div className="dock-tabs" role="tablist" aria-label="Store tools">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${id}-${t.id}-tab`}
              aria-selected={open && tab === t.id}
              aria-controls={`${id}-panel`}
              tabIndex={tab === t.id ? 0 : -1}
              className={`dock-tab ${open && tab === t.id ? 'active' : ''}`}
              title={t.title}
              disabled={!hasStore}
              onClick={() => runAppCommand(dockTabCommands[t.id])}
              onKeyDown={onKeyDown}
            >
              {t.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="dock-toggle"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          disabled={!hasStore}
          onClick={() => runAppCommand('toggleDock')}
          title={open ? 'Hide the panel' : 'Show the panel'}
        >
          {open ? 'Hide ▾' : 'Show ▴'}
        </button>
      </div>
      {open && hasStore && (
        <div
          className="dock-panel"
          id={`${id}-panel`}
          role="tabpanel"
          aria-label={current.region}
          aria-labelledby={undefined}
          style={{ height }}
        >
          {tab === 'search' ? (
            <SearchPanel />
          ) : tab === 'projections' ? (
            <ProjectionsPanel />
          ) : tab === 'time' ? (
            <HistogramPanel />
          ) : tab === 'diff' ? (
            <DiffPanel />
          ) : tab === 'correlation' ? (
            <CorrelationPanel />
          ) : (
            <InvariantsPanel />
          )}
        </div>
      )}
    </section>
  )
}

/** The window's inner height, following resizes. */
function useViewportHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight)
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight)
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return height
}
