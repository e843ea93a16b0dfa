// Findings about single lines of a stream, each with its place in the file.

import type { Problem, ProblemKind } from '../../../shared/contract'
import { severityOf } from '../../../shared/problem-severity'

/** Longest excerpt of a bad line that we keep and show. */
const snippetChars = 80

/** Describe a line-level problem with a short excerpt of the text; its severity is its kind's. */
export function lineProblem(
  kind: ProblemKind,
  line: number,
  offset: number,
  message: string,
  text: string | null,
): Problem {
  return {
    kind,
    severity: severityOf(kind),
    line,
    offset,
    message,
    snippet: text === null ? null : excerpt(text),
  }
}

/** The start of a text, on one line, cut with an ellipsis when longer than the excerpt limit. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > snippetChars ? `${flat.slice(0, snippetChars)}…` : flat
}

/** A short reason for a JSON.parse failure without engine-specific noise. */
export function parseFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // V8 repeats the whole input in its message ("…, \"text\" is not valid JSON"); the snippet shows it already.
  return message.replace(/, ".*" is not valid JSON$/s, '').replace(/\s+/g, ' ')
}
