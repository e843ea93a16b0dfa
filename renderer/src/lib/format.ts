// Formatting of values for display: times, counts, envelope styles, short JSON previews.
//
// Kept pure (no React, no DOM) so the exact strings the UI shows are unit-tested.

import type { EnvelopeStyle, Json, Problem } from '../../../shared/contract'

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** A timestamp as local "YYYY-MM-DD HH:MM:SS" (or without seconds), or the text itself when not a date. */
export function formatTime(iso: string | null, seconds = true): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`
  return seconds ? `${day} ${time}:${pad(date.getSeconds())}` : `${day} ${time}`
}

/** A timestamp as compact local "MM-DD HH:MM:SS" for narrow columns; the full value goes in a tooltip. */
export function formatTimeShort(iso: string | null): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** A count with thousands separators ("12,345"), independent of the machine's locale. */
export function formatCount(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** The detected envelope as one line, e.g. "flat · event_type · occurred_at". */
export function describeStyle(style: EnvelopeStyle | null): string {
  if (!style) return 'envelope not detected'
  const parts: string[] = [style.payload, style.typeField ?? 'no type field']
  if (style.timeField) parts.push(style.timeField)
  return parts.join(' · ')
}

/** A one-line JSON rendering of a value, cut at `max` characters with an ellipsis. */
export function previewJson(value: Json | undefined, max = 60): string {
  if (value === undefined) return '∅'
  const text = JSON.stringify(value)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A problem as one line: "line 17: not valid JSON — {"event_ty…". */
export function describeProblem(problem: Problem, snippetMax = 40): string {
  const where = problem.line === null ? '' : `line ${problem.line}: `
  const snippet = problem.snippet ? ` — ${clip(problem.snippet.replace(/\s+/g, ' '), snippetMax)}` : ''
  return `${where}${problem.message}${snippet}`
}

/** The message for a failed store.open, naming the directory once. */
export function describeOpenFailure(dir: string, message: string): string {
  return message.includes(dir) ? message : `Cannot open ${dir}: ${message}`
}

/** A safe one-line message for any thrown value; never a stack trace. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message
  if (typeof error === 'string' && error) return error
  return 'Something went wrong.'
}

/** Text cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
