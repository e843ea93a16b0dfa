// A table of events mapped from the command line (`--table NAME --columns stream=…,position=…`) as a
// layout description: for a store written by none of the libraries eventscope knows.
//
// Pure: the table's catalog row (its columns and their types) comes from layout-sql.ts's
// tablesPresentSql. Columns not named are guessed from common names (stream_id, position, data, …);
// the three a stream needs (stream, position, data) must be found, and every column named must exist
// and be of a type eventscope can read, or the open fails in one line listing the table's columns.
// Names are quoted (quoteIdent), never spliced into SQL as typed. Always read-only: eventscope does not
// know how the table's writer keeps its positions.

import { StoreError } from '../../errors'
import { categoryOf } from './category'
import { isoTime, quoteIdent, type PgLayout, type PgTime, type PresentTable } from './pg-layout'

/** What `--columns` may name, in the order help lists them. */
export const mappingKeys = ['stream', 'position', 'data', 'type', 'time', 'id', 'metadata', 'global'] as const
export type MappingKey = (typeof mappingKeys)[number]

export interface TableMapping {
  /** `table` or `schema.table`. */
  readonly table: string
  /** `--columns` as given (`stream=aggregate_id,position=version`), or null to guess every column. */
  readonly columns: string | null
}

// Tried in order for a column not named; the first the table has is taken.
const guesses: Readonly<Record<MappingKey, readonly string[]>> = {
  stream: ['stream_id', 'stream_name', 'stream', 'aggregate_id'],
  position: ['stream_position', 'position', 'version', 'stream_version', 'sequence_number'],
  data: ['data', 'payload', 'json_data', 'message_data', 'event_data', 'body'],
  type: ['type', 'event_type', 'message_type'],
  time: ['created', 'created_at', 'timestamp', 'time', 'occurred_at', 'recorded_at'],
  id: ['event_id', 'message_id', 'id'],
  metadata: ['metadata', 'meta', 'json_metadata', 'message_metadata', 'headers'],
  global: ['global_position', 'seq_id', 'seq', 'global_sequence'],
}

const required: readonly MappingKey[] = ['stream', 'position', 'data']

const integers = /^(bigint|integer|smallint|numeric.*)$/
const jsonish = /^(jsonb|json|text|character varying.*)$/
const texts = /^(text|character varying.*|character.*)$/

/** `--columns` as key=column pairs; a one-line invalid_input for anything else. */
export function parseColumns(text: string): Partial<Record<MappingKey, string>> {
  const mapping: Partial<Record<MappingKey, string>> = {}
  for (const pair of text.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\S(?:.*\S)?)\s*$/.exec(pair)
    const key = match?.[1] as MappingKey | undefined
    if (match === null || key === undefined || !mappingKeys.includes(key))
      throw new StoreError(
        'invalid_input',
        `--columns takes KEY=COLUMN pairs separated by commas, KEY one of ${mappingKeys.join(', ')}; got ${JSON.stringify(pair.trim())}`,
      )
    if (mapping[key] !== undefined) throw new StoreError('invalid_input', `--columns names ${key} twice`)
    mapping[key] = match[2] as string
  }
  return mapping
}

/** `schema.table` or `table`, split at the first dot. */
export function splitTableName(name: string): { readonly schema: string | null; readonly table: string } {
  const dot = name.indexOf('.')
  return dot <= 0 ? { schema: null, table: name } : { schema: name.slice(0, dot), table: name.slice(dot + 1) }
}

/** The catalog name the mapped table is looked for under (tablesPresentSql's parameter). */
export function mappedTableName(mapping: TableMapping): string {
  return splitTableName(mapping.table).table
}

/**
 * The layout reading the mapped table, from the catalog rows of tables of that name. `firstPosition`
 * is what the table's first event of a stream holds (postgres-source.ts asks the table).
 */
export function mappedLayout(
  mapping: TableMapping,
  present: readonly PresentTable[],
  store: string,
  firstPosition: 0 | 1 = 1,
): PgLayout {
  const { schema, table } = splitTableName(mapping.table)
  const found = present.find(
    (row) => row.name === table && (schema === null ? row.visible : row.schema === schema),
  )
  if (found === undefined)
    throw new StoreError(
      'no_store',
      `${store} has no table ${mapping.table}${schema === null ? ' in its search path' : ''}`,
    )
  const named = mapping.columns === null ? {} : parseColumns(mapping.columns)
  const columns = resolveColumns(named, found, mapping.table)
  const typeOf = (key: MappingKey): string => {
    const column = columns[key]
    return column === undefined ? '' : (found.types[found.columns.indexOf(column)] ?? '')
  }
  check(typeOf('position'), integers, 'position', columns.position, 'a whole number')
  check(typeOf('global'), integers, 'global', columns.global, 'a whole number')
  check(typeOf('data'), jsonish, 'data', columns.data, 'jsonb, json or text')
  check(typeOf('metadata'), jsonish, 'metadata', columns.metadata, 'jsonb, json or text')
  const column = (key: MappingKey): string | null =>
    columns[key] === undefined ? null : `e.${quoteIdent(columns[key])}`
  const time = timeOf(column('time'), typeOf('time'), columns.time)
  const from = `${schema === null ? '' : `${quoteIdent(schema)}.`}${quoteIdent(table)}`
  const stream = column('stream') as string
  const position = column('position') as string
  const streamType = typeOf('stream')
  const streamIsText = texts.test(streamType)
  const accepts = streamType === 'uuid' ? uuidText : integers.test(streamType) ? /^-?\d+$/ : null
  const shift = 1 - firstPosition
  return {
    name: 'custom',
    title: `the table ${mapping.table}`,
    readOnlyNote: `the mapped table ${mapping.table} is read-only here: eventscope reads it, never writes it`,
    tables: [{ schema, name: table, columns: Object.values(columns) }],
    events: {
      from: `${from} e`,
      streamId: streamIsText ? stream : `${stream}::text`,
      streamIs: (param) => `${stream} = ${param}`,
      position,
      firstPosition,
      globalPosition: column('global'),
      type: column('type'),
      id: column('id'),
      time,
      data: column('data') as string,
      metadata: column('metadata'),
      live: null,
    },
    streams: `SELECT ${streamIsText ? stream : `${stream}::text`} AS id,
      ${streamIsText ? categoryOf(stream) : 'NULL::text'} AS type,
      (max(${position}) + ${shift})::bigint AS event_count_n,
      ${time === null ? 'NULL::text' : isoTime({ ...time, column: `max(${time.column})` })} AS last_event_at
      FROM ${from} e GROUP BY ${stream}`,
    streamTypeOf: (id) => (streamIsText ? categoryOf(id) : 'NULL::text'),
    ...(accepts === null ? {} : { acceptsStreamId: (id: string) => accepts.test(id) }),
    writes: null,
  }
}

/** The lowest position of one stream of the table: 0 means positions start at 0 ($1 none). */
export function firstPositionSql(layout: PgLayout): string {
  const { events } = layout
  return `SELECT min(${events.position})::text AS first FROM ${events.from}
    WHERE ${events.streamIs(`(SELECT ${events.streamId.replace(/::text$/, '')} FROM ${events.from} LIMIT 1)`)}`
}

const uuidText = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

function resolveColumns(
  named: Partial<Record<MappingKey, string>>,
  table: PresentTable,
  tableName: string,
): Partial<Record<MappingKey, string>> {
  const listing = (): string => {
    const shown = table.columns.slice(0, 20).join(', ')
    return table.columns.length > 20 ? `${shown}, …` : shown
  }
  const columns: Partial<Record<MappingKey, string>> = {}
  const taken = new Set<string>()
  for (const key of mappingKeys) {
    const given = named[key]
    if (given !== undefined) {
      if (!table.columns.includes(given))
        throw new StoreError('invalid_input', `${tableName} has no column ${given} (it has ${listing()})`)
      columns[key] = given
      taken.add(given)
    }
  }
  for (const key of mappingKeys) {
    if (columns[key] !== undefined) continue
    const guess = guesses[key].find((name) => table.columns.includes(name) && !taken.has(name))
    if (guess !== undefined) {
      columns[key] = guess
      taken.add(guess)
    } else if (required.includes(key))
      throw new StoreError(
        'invalid_input',
        `no ${key} column found in ${tableName}: name it with --columns ${key}=COLUMN (it has ${listing()})`,
      )
  }
  return columns
}

function check(
  type: string,
  accepted: RegExp,
  key: MappingKey,
  column: string | undefined,
  expects: string,
): void {
  if (column !== undefined && !accepted.test(type))
    throw new StoreError(
      'invalid_input',
      `--columns ${key}=${column}: a ${type} column, where ${expects} is needed`,
    )
}

function timeOf(column: string | null, type: string, name: string | undefined): PgTime | null {
  if (column === null) return null
  if (type === 'timestamp with time zone') return { column, zone: 'tz' }
  if (type === 'timestamp without time zone') return { column, zone: 'utc' }
  if (texts.test(type)) return { column, zone: 'text' }
  throw new StoreError(
    'invalid_input',
    `--columns time=${name ?? ''}: a ${type} column, where a timestamp or text is needed`,
  )
}
