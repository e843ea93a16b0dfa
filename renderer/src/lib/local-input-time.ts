// Conversions between ISO instants and the `datetime-local` inputs the time fields use.
//
// The inputs hold local wall time to the minute; the host takes ISO instants. An "until" typed to the
// minute means the end of that minute, so nothing stamped 12:00:30 is lost by asking until 12:00.

const pad = (value: number): string => String(value).padStart(2, '0')

/** An ISO instant for a `datetime-local` value ('' or unparsable: null); `end` adds the minute's 59.999 s. */
export function isoFromLocalInput(value: string, end = false): string | null {
  if (value.trim() === '') return null
  const ms = new Date(value).getTime()
  if (Number.isNaN(ms)) return null
  return new Date(end && value.length <= 16 ? ms + 59_999 : ms).toISOString()
}

/** The `datetime-local` value (local time, to the minute) of an ISO instant or epoch milliseconds. */
export function localInputOf(at: string | number): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
