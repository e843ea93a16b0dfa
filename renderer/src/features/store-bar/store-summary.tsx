// The header line under the directory field: totals, index, envelope, reconciliation, store health;
// for a database, its kind and the layout found from its tables instead of what only a directory has.

import { useAppStore } from '../../store'
import { describeStyle, formatCount, layoutLabel } from '../../lib/format'
import { HealthBadge } from '../integrity/health-badge'
import { CopyLinkButton } from '../links/copy-link-button'
import { NotAStoreLine } from './not-a-store'

/** Totals of the opened store, or a hint when none is open. */
export function StoreSummaryLine() {
  const summary = useAppStore((s) => s.store.summary)
  const progress = useAppStore((s) => s.store.progress)
  const canType = useAppStore((s) => s.app.info?.canTypePath ?? false)
  const canTypeAddress = useAppStore((s) => s.app.info?.canTypeAddress ?? false)
  const notAStore = useAppStore((s) => s.store.notAStore)
  const opening = useAppStore((s) => s.store.opening)
  if (!summary && opening !== null)
    return (
      <div className="summary-line muted">
        <span className="ellipsis" title={opening}>{`Opening ${opening}…`}</span>
      </div>
    )
  if (!summary)
    return (
      <div className="summary-line muted">
        {canType
          ? `No store open. Type a directory${canTypeAddress ? ' or a database address' : ''} above and press Enter.`
          : `No store open. Choose a directory with Browse… or from the recent list${canTypeAddress ? ', or type a database address above' : ''}.`}
      </div>
    )
  if (summary.source.kind !== 'jsonl') return <DatabaseSummaryLine />

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
      {/* `reading`: a big store's index.json is read right behind its first rows; no warning. */}
      <Fact
        label="index"
        value={summary.index}
        warn={summary.index !== 'ok' && summary.index !== 'reading'}
      />
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

const databaseNames = { postgres: 'PostgreSQL', sqlite: 'SQLite' } as const

/**
 * A database's line: what kind of store it is instead of the index, the envelope and reconciling,
 * which are a directory's (a database is read through its own indexes and is never reconciled).
 */
function DatabaseSummaryLine() {
  const summary = useAppStore((s) => s.store.summary)
  if (!summary || summary.source.kind === 'jsonl') return null
  return (
    <div className="summary-line">
      <span className="mono summary-dir ellipsis" title={summary.dir}>
        {summary.dir}
      </span>
      <span className="fact" title={summary.source.name}>
        <strong>{databaseNames[summary.source.kind]}</strong>
      </span>
      {summary.source.layout !== null && (
        <span className="fact" title="Found from the database's tables">
          {layoutLabel(summary.source.layout)}
        </span>
      )}
      <Fact label="aggregates" value={formatCount(summary.aggregates)} />
      <Fact label="events" value={formatCount(summary.events)} />
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
