// Converts what a `datetime-local` input holds into the ISO time with offset the host expects.

const pad = (value: number): string => String(value).padStart(2, '0')

/** The local time zone's offset from UTC in minutes at `date` (east positive, so CET is +60). */
export const localOffsetMinutes = (date: Date): number => -date.getTimezoneOffset()

/**
 * "2026-11-26T10:00" (local wall time) as "2026-11-26T10:00:00+01:00", or null when not such a value.
 *
 * The offset is the one in force at that moment, so a summer date gets summer time; seconds are always
 * written because the contract's ISO check wants them. Empty input means "no bound" and returns null too.
 */
export function localInputToIso(
  value: string,
  offsetAt: (date: Date) => number = localOffsetMinutes,
): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value.trim())
  if (!match) return null
  const [, year, month, day, hour, minute, second = '00'] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ]
  const date = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  )
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(day)) return null
  const offset = offsetAt(date)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}
