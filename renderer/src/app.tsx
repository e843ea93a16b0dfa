// The window layout: header on top; aggregates, timeline and the inspector side by side below, the
// dock under them.

import { useShortcuts } from './commands/use-shortcuts'
import { AggregatesPane } from './features/aggregates/aggregates-pane'
import { InsightDock } from './features/dock/insight-dock'
import { Inspector } from './features/inspector/inspector'
import { ProblemsPanel } from './features/integrity/problems-panel'
import { GoToVersion } from './features/shortcuts/go-to-version'
import { ShortcutOverlay } from './features/shortcuts/shortcut-overlay'
import { TimelinePane } from './features/timeline/timeline-pane'
import { TopBar } from './features/store-bar/top-bar'
import { Workspace } from './features/layout/workspace'
import './app.css'

/** The whole window. */
export function App() {
  useShortcuts()
  return (
    <div className="app">
      <TopBar />
      <Workspace
        aggregates={<AggregatesPane />}
        timeline={<TimelinePane />}
        inspector={<Inspector />}
        overlay={<ProblemsPanel />}
      />
      <InsightDock />
      <ShortcutOverlay />
      <GoToVersion />
    </div>
  )
}
