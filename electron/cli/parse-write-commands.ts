// The options of the commands that write: append (one event or a batch from stdin), import and export.
//
// JSON values stay text here: `--data -` is only known once stdin has been read, and both are parsed
// by the command with the same one-line message (json-argument.ts).

import { usageError } from './cli-error'
import { integer } from './option-values'

export const exportFormats = ['jsonl', 'json', 'csv', 'store'] as const
export type ExportFormatName = (typeof exportFormats)[number]

export interface AppendCommand {
  readonly kind: 'append'
  readonly dir: string
  readonly aggregateId: string
  readonly eventType: string
  /** JSON text, or '-' to read it from stdin. */
  readonly data: string
  readonly metadata: string | null
  readonly expectedVersion: number | null
  readonly eventId: string | null
  readonly json: boolean
}

export interface AppendBatchCommand {
  readonly kind: 'appendBatch'
  readonly dir: string
  readonly json: boolean
}

export interface ImportCommand {
  readonly kind: 'import'
  readonly dir: string
  /** A JSONL file of events (store lines or --batch lines). */
  readonly file: string
  /** Every event goes to this aggregate, whatever its line names; null: each line names its own. */
  readonly aggregateId: string | null
  readonly json: boolean
}

export interface ExportCommand {
  readonly kind: 'export'
  readonly dir: string
  readonly aggregateIds: readonly string[]
  readonly format: ExportFormatName
  readonly out: string
  readonly types: readonly string[]
  readonly since: string | null
  readonly until: string | null
  readonly json: boolean
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

const singleOnly = ['data', 'metadata', 'expected-version', 'event-id'] as const

/** `append DIR AGGREGATE_ID EVENT_TYPE --data JSON …` or `append DIR --batch`. */
export function parseAppend(
  positionals: readonly string[],
  values: Values,
  json: boolean,
): AppendCommand | AppendBatchCommand {
  const [dir = '', aggregateId, eventType] = positionals
  if (values.batch === true) {
    const given = singleOnly.find((name) => values[name] !== undefined)
    if (given) throw usageError(`--${given} cannot be used with --batch: each input line carries its own`)
    if (aggregateId !== undefined)
      throw usageError(
        `append --batch takes only DIR; each input line names its aggregate (got "${aggregateId}")`,
      )
    return { kind: 'appendBatch', dir, json }
  }
  if (aggregateId === undefined || eventType === undefined) {
    throw usageError(
      'append needs DIR, AGGREGATE_ID and EVENT_TYPE, or DIR --batch (see eventscope append --help)',
    )
  }
  const data = text(values, 'data')
  if (data === undefined) throw usageError(`append needs --data JSON (an object, or - to read it from stdin)`)
  const metadata = text(values, 'metadata') ?? null
  if (data === '-' && metadata === '-')
    throw usageError('only one of --data and --metadata can be read from stdin')
  return {
    kind: 'append',
    dir,
    aggregateId,
    eventType,
    data,
    metadata,
    expectedVersion: integer('--expected-version', text(values, 'expected-version'), 0),
    eventId: text(values, 'event-id') ?? null,
    json,
  }
}

/** `export DIR [AGGREGATE_ID...] --format F --out PATH [--type T]... [--since ISO] [--until ISO]`. */
export function parseExport(positionals: readonly string[], values: Values, json: boolean): ExportCommand {
  const [dir = '', ...aggregateIds] = positionals
  const format = text(values, 'format')
  if (format === undefined) throw usageError(`export needs --format (${exportFormats.join(', ')})`)
  if (!isExportFormat(format)) {
    throw usageError(`--format must be one of ${exportFormats.join(', ')}, got "${format}"`)
  }
  const out = text(values, 'out')
  if (out === undefined || out === '')
    throw usageError('export needs --out PATH (a new file, or a new directory for --format store)')
  const types = Array.isArray(values.type)
    ? values.type.filter((t): t is string => typeof t === 'string')
    : []
  if (types.some((t) => t.trim() === '')) throw usageError('--type needs an event type, got an empty one')
  const since = instant('--since', text(values, 'since'))
  const until = instant('--until', text(values, 'until'))
  if (since !== null && until !== null && Date.parse(since) > Date.parse(until)) {
    throw usageError(`--since (${since}) is after --until (${until}): no event could match`)
  }
  return { kind: 'export', dir, aggregateIds, format, out, types, since, until, json }
}

function text(values: Values, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

function isExportFormat(value: string): value is ExportFormatName {
  return (exportFormats as readonly string[]).includes(value)
}

// A date or a date and time as ISO 8601 (2026-01-31, 2026-01-31T12:00:00Z, …+02:00); a date alone is
// midnight UTC, as Date.parse reads it.
export function instant(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null
  if (
    !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw usageError(
      `${flag} needs an ISO 8601 date or time such as 2026-01-31 or 2026-01-31T12:00:00Z, got "${value}"`,
    )
  }
  return value
}
