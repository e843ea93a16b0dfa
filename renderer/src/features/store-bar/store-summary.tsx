// The header line under the directory field: totals, index, envelope, reconciliation, store health.

import { useAppStore } from '../../store'
import { describeStyle, formatCount } from '../../lib/format'
import { HealthBadge } from '../integrity/health-badge'
import { CopyLinkButton } from '../links/copy-link-button'
import { NotAStoreLine } from './not-a-store'

/** Totals of the opened store, or a hint when none is open. */
export function StoreSummaryLine() {
  const summary = useAppStore((s) => s.store.summary)
  const progress = useAppStore((s) => s.store.progress)
  const canType = useAppStore((s) => s.app.info?.canTypePath ?? false)
  const notAStore = useAppStore((s) => s.store.notAStore)
  if (!summary)
    return (
      <div className="summary-line muted">
        {canType
          ? 'No store open. Type a directory above and press Enter.'
          : 'No store open. Choose a directory with Browse… or from the recent list.'}
      </div>
    )

  if (notAStore) return <NotAStoreLine dir={summary.dir} notAStore={notAStore} />

  const eventsMismatch =
    summary.indexedEvents !== null && summary.reconciled && summary.indexedEvents !== summary.events
  return (
    <div className="summary-line">
      <span className="mono summary-dir ellipsis" title={summary.dir}>
        {summary.dir}
      </span>
      <Fact label="aggregates" value={formatCount(summary.aggregates)} />
      <Fact
        label="events"
        value={formatCount(summary.events)}
        warn={eventsMismatch}
        title={eventsMismatch ? `index.json says ${summary.indexedEvents}` : undefined}
      />
      <Fact label="index" value={summary.index} warn={summary.index !== 'ok'} />
      <span className="fact mono" title="Detected envelope: payload · type field · time field">
        {describeStyle(summary.style)}
      </span>
      {summary.reconciled ? (
        // Progress, not health: green belongs to the badge alone, so "reconciled" never sits green
        // beside a red badge.
        <span className="fact muted">reconciled</span>
      ) : (
        <span
          className="fact warn-text"
          title={progress ? `${progress.task} ${progress.done}/${progress.total ?? '?'}` : undefined}
        >
          <span className="spinner tiny" aria-hidden="true" /> reconciling…
        </span>
      )}
      <HealthBadge />
      <CopyLinkButton />
    </div>
  )
}

function Fact(props: {
  readonly label: string
  readonly value: string
  readonly warn?: boolean
  readonly title?: string | undefined
}) {
  return (
    <span className={`fact ${props.warn ? 'warn-text' : ''}`} title={props.title}>
      <strong className="num">{props.value}</strong> {props.label}
    </span>
  )
}
