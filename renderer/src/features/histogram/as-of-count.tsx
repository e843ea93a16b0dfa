// The aggregates table's event count while the store is shown as of an instant: "v 12 / 40".

import type { ReactNode } from 'react'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'

/** The version at the chosen instant over the count now; `children` (the plain count) otherwise. */
export function AsOfCount(props: { readonly id: string; readonly children: ReactNode }) {
  const asOf = useAppStore((s) =>
    s.timeframe.asOf.at === null ? null : (s.timeframe.asOf.rows[props.id] ?? 0),
  )
  if (asOf === null) return <>{props.children}</>
  const version = asOf === 0 ? 0 : asOf.version
  return (
    <span
      className={`as-of-count ${version === 0 ? 'muted' : ''}`}
      title={version === 0 ? 'No events yet at that time' : `Version ${version} at that time`}
    >
      v {formatCount(version)}
      <span className="muted"> / {props.children}</span>
    </span>
  )
}
