// An instant shown the way the user chose (local, UTC or relative); every other form in its tooltip.

import type { TimeWidth } from '../lib/time-format'
import { useTimeFormat } from '../prefs/use-time-format'

export function Instant(props: {
  readonly iso: string | null
  readonly width?: TimeWidth
  readonly className?: string
  /** Name the zone after the time ("12:35:06 UTC"), where there is room for it. */
  readonly withZone?: boolean
}) {
  const time = useTimeFormat()
  const zone = props.withZone && props.iso !== null && time.mode !== 'relative' ? ` ${time.zone}` : ''
  return (
    <span className={props.className} title={time.title(props.iso)}>
      {time.format(props.iso, props.width)}
      {zone && <span className="instant-zone">{zone}</span>}
    </span>
  )
}
