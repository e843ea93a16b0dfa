// The header: product name, the directory form, the store summary and the host's progress.

import { useAppStore } from '../../store'
import { ErrorLine } from '../../ui/pane'
import { LinkBanner } from '../links/link-banner'
import { DirectoryForm } from './directory-form'
import { ProgressBar } from './progress-bar'
import { StoreSummaryLine } from './store-summary'
import { ViewControls } from './view-controls'
import './store-bar.css'

/** Everything above the three panes. */
export function TopBar() {
  const openError = useAppStore((s) => s.store.error)
  const appError = useAppStore((s) => s.app.error)
  const connection = useAppStore((s) => s.app.connection)
  const notice = useAppStore((s) => s.store.notice)
  return (
    <header className="top-bar">
      <div className="top-row">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          eventscope
        </div>
        <DirectoryForm />
        <ViewControls />
      </div>
      {connection === 'lost' && (
        <ErrorLine
          message="Lost connection to the eventscope host."
          action={
            <button type="button" className="button small" onClick={() => window.location.reload()}>
              Reconnect
            </button>
          }
        />
      )}
      {openError && <ErrorLine message={openError} />}
      {appError && connection !== 'lost' && <ErrorLine message={`Could not reach the host: ${appError}`} />}
      <LinkBanner />
      <StoreSummaryLine />
      {notice && (
        <div className="store-notice warn-text" role="status">
          {notice}
        </div>
      )}
      <ProgressBar />
    </header>
  )
}
