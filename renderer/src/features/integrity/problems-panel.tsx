// The Problems drawer: every finding with its severity, aggregate, line and message; picking one
// selects its place in the timeline. Verify now, Reindex… and Repair… live at its top.

import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { storeFindingSubject, type PanelFinding } from '../../lib/integrity'
import { useCommand } from '../../commands/use-command'
import { useAppStore } from '../../store'
import { IntegrityConfirm } from './integrity-confirm'
import { useHealth } from './use-health'
import './integrity.css'

/** Findings rendered at once; a store of garbage has the CLI for the rest. */
const shownLimit = 500

/** The drawer at the right of the workspace, open while the badge is pressed; Escape closes it. */
export function ProblemsPanel() {
  const current = useHealth()
  const state = useAppStore(
    useShallow((s) => ({
      open: s.integrity.panelOpen,
      verifying: s.integrity.verifying,
      busy: s.integrity.busy,
      notice: s.integrity.notice,
      error: s.integrity.error,
      confirming: s.integrity.confirmation !== null,
      problemCount: s.integrity.report?.problemCount ?? null,
      stale: s.integrity.stale,
      progress: s.store.progress?.task === 'Verifying' ? s.store.progress : null,
      selected: s.stream.aggregateId,
      dir: s.store.dir,
    })),
  )
  const actions = useAppStore(
    useShallow((s) => ({
      problemsToggled: s.problemsToggled,
      problemChosen: s.problemChosen,
    })),
  )
  const { open, confirming } = state
  const verify = useCommand('verify')
  const verifyCancel = useCommand('verifyCancel')
  const reindex = useCommand('reindex')
  const repair = useCommand('repair')
  const toggle = useCommand('toggleProblems')
  const { problemsToggled } = actions
  useEffect(() => {
    if (!open || confirming) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') problemsToggled(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, confirming, problemsToggled])
  if (!open || !current) return null

  const { health, findings } = current
  const busy = state.busy !== null || state.verifying
  const hidden = (state.problemCount ?? findings.length) - Math.min(findings.length, shownLimit)
  return (
    <aside id="problems-panel" className="problems-panel" role="dialog" aria-label="Problems">
      <header className="pp-head">
        <h2 className="pp-title">Problems</h2>
        <span className={`pp-counts health-${health.level}-text`}>
          {health.level === 'checking'
            ? 'checking…'
            : health.level === 'unchecked'
              ? 'not checked'
              : `${plural(health.errors, 'error')} · ${plural(health.warnings, 'warning')}`}
        </span>
        <button
          type="button"
          className="pp-close"
          aria-label="Close problems"
          title={toggle.title}
          onClick={toggle.run}
        >
          ×
        </button>
      </header>
      <div className="pp-tools">
        {state.verifying ? (
          <button type="button" className="button small" onClick={verifyCancel.run}>
            Cancel verify
          </button>
        ) : (
          <button
            type="button"
            className="button small primary"
            disabled={busy || verify.lacking !== null}
            title={verify.title}
            onClick={verify.run}
          >
            Verify now
          </button>
        )}
        <span className="pp-spacer" />
        <button
          type="button"
          className="button small"
          disabled={busy || reindex.lacking !== null}
          title={reindex.lacking ?? 'Rebuild index.json from the streams (you see what changes first)'}
          onClick={reindex.run}
        >
          {state.busy === 'reindex' && !confirming ? 'Checking…' : 'Reindex…'}
        </button>
        <button
          type="button"
          className="button small"
          disabled={busy || repair.lacking !== null}
          title={repair.lacking ?? 'Cut torn last lines after a backup (you see what changes first)'}
          onClick={repair.run}
        >
          {state.busy === 'repair' && !confirming ? 'Checking…' : 'Repair…'}
        </button>
      </div>
      {verify.lacking !== null && (
        <p className="pp-source" role="note">
          Verify, Reindex and Repair do not apply to this store: {verify.lacking}
        </p>
      )}
      <p className="pp-source">
        {state.verifying
          ? `Verifying${state.progress ? `: ${formatCount(state.progress.done)} of ${formatCount(state.progress.total ?? 0)} streams` : '…'}`
          : state.stale
            ? 'The store changed since it was verified; these come from reading it. Verify again for the full check.'
            : health.detail}
      </p>
      {state.notice && (
        <p className="pp-notice" role="status">
          {state.notice}
        </p>
      )}
      {state.error && (
        <p className="pp-error" role="alert">
          {state.error}
        </p>
      )}
      {findings.length === 0 ? (
        // A store that is not checked has nothing found to list: the line above says why.
        health.level === 'unchecked' ? null : (
          <p className="pp-empty">
            {health.level === 'checking' ? 'Reading the streams…' : 'No problems found.'}
          </p>
        )
      ) : (
        <ul className="pp-list" aria-label="Findings">
          {findings.slice(0, shownLimit).map((finding, i) => (
            <FindingItem
              key={i}
              finding={finding}
              selected={finding.aggregateId !== null && finding.aggregateId === state.selected}
              onChoose={() => void actions.problemChosen(finding)}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <p className="pp-more">
          {formatCount(hidden)} more not shown: run <code>eventscope verify {state.dir}</code> for all of
          them.
        </p>
      )}
      <IntegrityConfirm />
    </aside>
  )
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}

function FindingItem(props: {
  readonly finding: PanelFinding
  readonly selected: boolean
  readonly onChoose: () => void
}) {
  const { finding } = props
  const where =
    finding.line === null
      ? finding.aggregateId === null
        ? 'store'
        : 'index'
      : `line ${formatCount(finding.line)}`
  const content = (
    <>
      <span className={`pp-icon ${finding.severity}`} aria-hidden="true">
        {finding.severity === 'error' ? '✕' : '⚠'}
      </span>
      <span className="visually-hidden">{finding.severity}:</span>
      <span className="pp-aggregate mono" title={finding.aggregateId ?? undefined}>
        {finding.aggregateId ?? storeFindingSubject(finding.kind)}
      </span>
      <span className="pp-line mono">{where}</span>
      <span className="pp-message" title={`${finding.kind}: ${finding.message}`}>
        {finding.message}
      </span>
    </>
  )
  return (
    <li className={`pp-item ${finding.severity} ${props.selected ? 'selected' : ''}`}>
      {finding.aggregateId === null ? (
        <div className="pp-finding">{content}</div>
      ) : (
        <button type="button" className="pp-finding" onClick={props.onChoose}>
          {content}
        </button>
      )}
    </li>
  )
}
