// Instants as the user wants to read them: local wall time, UTC, or relative to now ("3 h ago").
//
// Pure (the zone's offset and "now" are passed in or read from the Date given), so the strings the
// table, timeline, event, search and histogram show are unit-tested for every mode.

export type TimeMode = 'local' | 'utc' | 'relative'

/** How much of an instant a place has room for. */
export type TimeWidth =
  /** "2026-03-13 12:35:06" */
  | 'seconds'
  /** "2026-03-13 12:35" */
  | 'minutes'
  /** "03-13 12:35:06": narrow columns; the full value is in the tooltip. */
  | 'short'

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

interface Parts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
}

function partsOf(date: Date, utc: boolean): Parts {
  return utc
    ? {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
      }
    : {
        year: date.getFullYear(),
        month: date.getMonth() + 1,
        day: date.getDate(),
        hour: date.getHours(),
        minute: date.getMinutes(),
        second: date.getSeconds(),
      }
}

function wallClock(date: Date, utc: boolean, width: TimeWidth): string {
  const p = partsOf(date, utc)
  const time = `${pad(p.hour)}:${pad(p.minute)}`
  if (width === 'short') return `${pad(p.month)}-${pad(p.day)} ${time}:${pad(p.second)}`
  const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`
  return width === 'seconds' ? `${day} ${time}:${pad(p.second)}` : `${day} ${time}`
}

const units: readonly [number, string][] = [
  [365.25 * 86_400_000, 'y'],
  [30 * 86_400_000, 'mo'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
]

/** "3 h ago", "in 2 d", "just now": the largest whole unit of the distance from `now`. */
export function relativeTime(ms: number, now: number): string {
  const distance = Math.abs(now - ms)
  if (distance < 1000) return 'just now'
  const [size, unit] = units.find(([size]) => distance >= size) ?? units[units.length - 1]!
  const count = Math.floor(distance / size)
  return ms <= now ? `${count} ${unit} ago` : `in ${count} ${unit}`
}

/** An instant in `mode` at `width`; '—' for none, the text itself when it is not a date. */
export function formatInstant(
  iso: string | null,
  mode: TimeMode,
  width: TimeWidth = 'seconds',
  now: number = Date.now(),
): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  if (mode === 'relative') return relativeTime(date.getTime(), now)
  return wallClock(date, mode === 'utc', width)
}

/** "UTC+01:00" for an offset east of UTC in minutes. */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '−' : '+'
  const abs = Math.abs(offsetMinutes)
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The zone a mode shows times in, as a short label: "UTC", or "Europe/Berlin" for local time. */
export function zoneLabel(mode: TimeMode, localZone: string): string {
  return mode === 'utc' ? 'UTC' : localZone
}

/**
 * The tooltip of a shown instant: the same instant in every form, so any mode is one hover from the
 * others. "2026-03-13 12:35:06 Europe/Berlin (UTC+01:00) · 2026-03-13 11:35:06 UTC · 3 h ago".
 */
export function instantTitle(iso: string | null, localZone: string, now: number = Date.now()): string {
  if (iso === null) return 'no time'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return `${iso} (not a time)`
  const offset = offsetLabel(-date.getTimezoneOffset())
  return [
    `${wallClock(date, false, 'seconds')} ${localZone} (${offset})`,
    `${wallClock(date, true, 'seconds')} UTC`,
    relativeTime(date.getTime(), now),
    `as written: ${iso}`,
  ].join('\n')
}
