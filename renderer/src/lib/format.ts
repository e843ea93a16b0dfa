// Formatting of values for display: counts, envelope styles, short JSON previews (times: time-format.ts).
//
// Kept pure (no React, no DOM) so the exact strings the UI shows are unit-tested.

import type { EnvelopeStyle, Json, Problem } from '../../../shared/contract'

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

/** Whether a request answered the one shape of stopped work: the error code `cancelled`. */
export function isCancelled(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'cancelled'
}

/** Text cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A database's layout for the header: "Emmett layout", or for a mapped table "mapped table app.ledger". */
export function layoutLabel(layout: string): string {
  return layout.startsWith('the table ') ? `mapped ${layout.slice('the '.length)}` : `${layout} layout`
}
