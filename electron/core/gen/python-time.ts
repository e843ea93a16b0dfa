// Timestamps as Python's `datetime.now(timezone.utc).isoformat()` writes them, kept as integer
// microseconds because JavaScript's Date stops at milliseconds.

/** Format epoch microseconds like Python's `datetime.isoformat()` for a UTC-aware datetime. */
export function pythonIsoFormat(epochMicros: number): string {
  const dayMicros = 86_400_000_000
  const day = Math.floor(epochMicros / dayMicros)
  // Only the date part needs the calendar; it changes rarely along a stream, so remember the last one.
  if (day !== cachedDay) {
    cachedDay = day
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 11)
  }
  const inDay = epochMicros - day * dayMicros
  const seconds = Math.floor(inDay / 1_000_000)
  const fraction = inDay - seconds * 1_000_000
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
  // Python omits the fraction entirely when the microsecond is zero.
  const fractionText = fraction === 0 ? '' : `.${String(fraction).padStart(6, '0')}`
  return `${cachedDate}${time}${fractionText}+00:00`
}

let cachedDay = Number.NaN
let cachedDate = ''

const two = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** Parse an ISO 8601 string with a timezone into epoch microseconds. */
export function epochMicros(iso: string): number {
  const match = /^(.*?)(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(iso)
  if (!match) throw new RangeError(`not an ISO 8601 timestamp with a zone: ${iso}`)
  const seconds = Date.parse(`${match[1]}${match[3]}`)
  return seconds * 1000 + Number((match[2] ?? '').padEnd(6, '0'))
}
