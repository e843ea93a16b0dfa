// The hook every place that shows an instant uses: the user's time mode bound into format and title
// functions, re-rendering the caller when the mode changes (and each minute in relative mode).

import { useEffect, useMemo, useState } from 'react'
import { formatInstant, instantTitle, zoneLabel, type TimeMode, type TimeWidth } from '../lib/time-format'
import { usePrefs } from './prefs-store'

/** The machine's IANA zone ("Europe/Berlin"), or its offset when the runtime does not name it. */
export const localZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time'

export interface TimeFormat {
  readonly mode: TimeMode
  /** "UTC", the local zone's name, or "relative". */
  readonly zone: string
  format(iso: string | null, width?: TimeWidth): string
  title(iso: string | null): string
}

/** Format instants the way the user chose; `now` ticks each minute while times are relative. */
export function useTimeFormat(): TimeFormat {
  const mode = usePrefs((s) => s.time)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (mode !== 'relative') return
    // The first tick comes at once, so switching to relative measures from the moment of the switch.
    const tick = () => setNow(Date.now())
    const first = window.setTimeout(tick, 0)
    const timer = window.setInterval(tick, 60_000)
    return () => {
      window.clearTimeout(first)
      window.clearInterval(timer)
    }
  }, [mode])
  return useMemo(
    () => ({
      mode,
      zone: mode === 'relative' ? 'relative' : zoneLabel(mode, localZone),
      format: (iso, width) => formatInstant(iso, mode, width, now),
      title: (iso) => instantTitle(iso, localZone, now),
    }),
    [mode, now],
  )
}
