// The options of the commands that ask the store questions with more than the merge patch: state under
// a custom reducer, projections over the whole store, and store-wide search.

import { builtinProjections } from '../core/projections/builtin-projections'
import { usageError } from './cli-error'
import { integer } from './option-values'
import { instant } from './parse-write-commands'

export interface StateCommand {
  readonly kind: 'state'
  readonly dir: string
  readonly aggregateId: string
  readonly at: number | null
  /** A reducer module the user names: trusted by that choice. */
  readonly reducer: string | null
  /** Run the store's own `.eventscope/reducers/<Type>.js` (never without this flag). */
  readonly trust: boolean
  readonly json: boolean
}

export interface ProjectCommand {
  readonly kind: 'project'
  readonly dir: string
  /** Exactly one of `file` (a custom projection module) and `builtin` is set. */
  readonly file: string | null
  readonly builtin: string | null
  readonly json: boolean
}

export interface SearchCommand {
  readonly kind: 'search'
  readonly dir: string
  readonly eventTypes: readonly string[]
  readonly aggregateTypes: readonly string[]
  readonly aggregateIds: readonly string[]
  readonly since: string | null
  readonly until: string | null
  readonly where: string | null
  readonly text: string | null
  /** At most this many matches; null for all. */
  readonly limit: number | null
  readonly json: boolean
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

/** `state DIR AGGREGATE_ID [--at VERSION] [--reducer FILE | --trust]`. */
export function parseState(positionals: readonly string[], values: Values, json: boolean): StateCommand {
  const [dir = '', aggregateId = ''] = positionals
  const reducer = text(values, 'reducer') ?? null
  if (reducer === '') throw usageError('--reducer needs a file, got an empty path')
  const trust = values.trust === true
  if (reducer !== null && trust)
    throw usageError(
      '--reducer and --trust exclude each other: --reducer FILE already says which code to run',
    )
  return { kind: 'state', dir, aggregateId, at: integer('--at', text(values, 'at'), 0), reducer, trust, json }
}

/** `project DIR FILE` or `project DIR --builtin NAME`. */
export function parseProject(positionals: readonly string[], values: Values, json: boolean): ProjectCommand {
  const [dir = '', file = null] = positionals
  const builtin = text(values, 'builtin') ?? null
  const names = builtinProjections.map((projection) => projection.name)
  if (file === null && builtin === null)
    throw usageError(`project needs FILE or --builtin NAME (${names.join(', ')})`)
  if (file !== null && builtin !== null)
    throw usageError(`project takes FILE or --builtin ${builtin}, not both`)
  if (builtin !== null && !names.includes(builtin))
    throw usageError(`--builtin must be one of ${names.join(', ')}, got "${builtin}"`)
  return { kind: 'project', dir, file, builtin, json }
}

/** `search DIR [--type T]... [--aggregate-type T]... [--aggregate ID]... [--since] [--until] ...`. */
export function parseSearch(positionals: readonly string[], values: Values, json: boolean): SearchCommand {
  const since = instant('--since', text(values, 'since'))
  const until = instant('--until', text(values, 'until'))
  if (since !== null && until !== null && Date.parse(since) > Date.parse(until))
    throw usageError(`--since (${since}) is after --until (${until}): no event could match`)
  const where = text(values, 'where') ?? null
  if (where !== null && where.trim() === '') throw usageError('--where needs an expression, got an empty one')
  const needle = text(values, 'text') ?? null
  if (needle === '') throw usageError('--text needs some text, got an empty one')
  return {
    kind: 'search',
    dir: positionals[0] ?? '',
    eventTypes: list(values, 'type', '--type needs an event type'),
    aggregateTypes: list(values, 'aggregate-type', '--aggregate-type needs an aggregate type'),
    aggregateIds: list(values, 'aggregate', '--aggregate needs an aggregate id'),
    since,
    until,
    where,
    text: needle,
    limit: integer('--limit', text(values, 'limit'), 1),
    json,
  }
}

function text(values: Values, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

function list(values: Values, name: string, needs: string): string[] {
  const value = values[name]
  const items = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
  if (items.some((item) => item.trim() === '')) throw usageError(`${needs}, got an empty one`)
  return items
}
