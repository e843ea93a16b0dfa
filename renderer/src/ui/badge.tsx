// A small status badge: ok, warning, error or pending, with details in its tooltip.

import type { AggregateStatus } from '../../../shared/contract'
import './badge.css'

const labels: Record<AggregateStatus, string> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  pending: 'pending',
}

/** The status of an aggregate as a colored pill; `issues` become its tooltip. */
export function StatusBadge(props: {
  readonly status: AggregateStatus
  readonly issues?: readonly string[]
}) {
  const title = props.issues && props.issues.length > 0 ? props.issues.join('\n') : labels[props.status]
  return (
    <span className={`badge badge-${props.status}`} title={title}>
      {labels[props.status]}
    </span>
  )
}
