import { describe, expect, it } from 'vitest'
import {
  formatInstant,
  instantTitle,
  offsetLabel,
  relativeTime,
} from '../../../../renderer/src/lib/time-format'
import { bucketLabel } from '../../../../renderer/src/features/histogram/histogram-scale'

const iso = '2024-05-01T12:34:56.789Z'
const p = (n: number) => String(n).padStart(2, '0')
const d = new Date(iso)
const local = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`

describe('formatInstant', () => {
  it('given local time, when formatted at each width, then it reads as local YYYY-MM-DD HH:MM:SS, to the minute, or short', () => {
    expect(formatInstant(iso, 'local')).toBe(local)
    expect(formatInstant(iso, 'local', 'minutes')).toBe(local.slice(0, 16))
    expect(formatInstant(iso, 'local', 'short')).toBe(local.slice(5))
  })

  it('given UTC, when formatted, then the wall clock is UTC whatever the machine zone', () => {
    expect(formatInstant(iso, 'utc')).toBe('2024-05-01 12:34:56')
    expect(formatInstant(iso, 'utc', 'short')).toBe('05-01 12:34:56')
    expect(formatInstant('2024-05-01T14:34:56+02:00', 'utc', 'minutes')).toBe('2024-05-01 12:34')
  })

  it('given relative, when formatted, then it is the largest whole unit before or after now', () => {
    const now = Date.parse(iso)
    expect(formatInstant(iso, 'relative', 'seconds', now)).toBe('just now')
    expect(formatInstant('2024-05-01T09:30:00Z', 'relative', 'seconds', now)).toBe('3 h ago')
    expect(formatInstant('2024-05-03T12:34:56Z', 'relative', 'seconds', now)).toBe('in 1 d')
    expect(relativeTime(now - 45_000, now)).toBe('45 s ago')
    expect(relativeTime(now - 400 * 86_400_000, now)).toBe('1 y ago')
  })

  it('given no time or text that is not a date, when formatted, then a dash or the text itself is shown', () => {
    expect(formatInstant(null, 'utc')).toBe('—')
    expect(formatInstant('yesterday-ish', 'relative')).toBe('yesterday-ish')
  })
})

describe('the tooltip of an instant', () => {
  it('given an instant, when titled, then local with its zone, UTC, relative and the text as written are all there', () => {
    const title = instantTitle(iso, 'Europe/Berlin', Date.parse(iso) + 7_200_000)
    expect(title.split('\n')).toEqual([
      `${local} Europe/Berlin (${offsetLabel(-d.getTimezoneOffset())})`,
      '2024-05-01 12:34:56 UTC',
      '2 h ago',
      `as written: ${iso}`,
    ])
    expect(offsetLabel(60)).toBe('UTC+01:00')
    expect(offsetLabel(-330)).toBe('UTC−05:30')
  })
})

describe('histogram labels', () => {
  it('given a UTC day bucket, when labelled in UTC or local time, then local names the hour unless it is local midnight', () => {
    expect(bucketLabel('2026-03-14T00:00:00.000Z', 'day', 'utc')).toBe('2026-03-14')
    expect(bucketLabel('2026-03-14T10:00:00.000Z', 'hour', 'utc')).toBe('03-14 10:00')
    const start = new Date('2026-03-14T00:00:00.000Z')
    const localLabel = bucketLabel(start.toISOString(), 'day', 'local')
    expect(localLabel).toBe(
      start.getHours() === 0 && start.getMinutes() === 0
        ? formatInstant(start.toISOString(), 'local', 'minutes').slice(0, 10)
        : formatInstant(start.toISOString(), 'local', 'minutes'),
    )
  })
})
