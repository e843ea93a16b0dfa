// The state the aggregate would have after the event in the form, its changes marked as in the State pane.

import { useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { indexChanges } from '../../lib/change-index'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import { EmptyState, ErrorLine, Pane } from '../../ui/pane'
import { ChangeCounts } from '../state/change-counts'
import { ChangesList } from '../state/changes-list'
import { JsonTree } from '../state/json-tree'

/** The preview for `previewKey` (dimmed while an older one is still shown), or why there is none. */
export function AppendPreview(props: {
  readonly previewKey: string | null
  readonly aggregateId: string
  readonly payloadError: string | null
}) {
  const { preview, previewError } = useAppStore(
    useShallow((s) => ({ preview: s.append.preview, previewError: s.append.previewError })),
  )
  const changes = useMemo(() => indexChanges(preview?.changes ?? []), [preview])
  const current = preview !== null && preview.key === props.previewKey
  const forThisAggregate = preview !== null && preview.key.startsWith(`${props.aggregateId}\n`)
  const error = previewError && previewError.key === props.previewKey ? previewError.message : null
  const treeRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // The pane is short: bring the first thing the event would touch into view.
    treeRef.current?.querySelector('.json-row.changed, .json-row.added')?.scrollIntoView({ block: 'nearest' })
  }, [preview])

  const detail = preview && forThisAggregate && (
    <span>
      as <strong className="mono">v {formatCount(preview.version)}</strong>
      {preview.version === 1 && <span className="muted"> · new aggregate</span>}
    </span>
  )
  return (
    <Pane
      title="Preview"
      className="append-preview"
      detail={detail}
      tools={preview && forThisAggregate ? <ChangeCounts changes={preview.changes} /> : undefined}
    >
      <div className="state-body" role="region" aria-label="Preview">
        {error && <ErrorLine message={error} />}
        {!props.aggregateId ? (
          <EmptyState title="No aggregate" hint="Pick or type the aggregate to append to." />
        ) : props.payloadError !== null && !forThisAggregate ? (
          <EmptyState title="No preview" hint="Fix the payload to see the state this event would make." />
        ) : !preview || !forThisAggregate ? (
          error ? null : (
            <EmptyState title="Working out the new state…" busy />
          )
        ) : (
          <div ref={treeRef} className={`state-tree ${current ? '' : 'trailing'}`}>
            <JsonTree
              key={props.aggregateId}
              value={preview.state}
              exact={preview.exact}
              changes={changes}
              label="State after this event"
            />
            {changes.removed.length > 0 && (
              <div className="removed-block">
                <div className="section-label">Removed by this event</div>
                <ChangesList changes={changes.removed} />
              </div>
            )}
          </div>
        )}
      </div>
    </Pane>
  )
}
