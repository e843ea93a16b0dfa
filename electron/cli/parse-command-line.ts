// Turns argv into one typed command, or a usage error whose message fits on one line.
//
// `node:util` parseArgs does the tokenizing; each command declares only the options it takes, so
// `list --from 3` is refused rather than silently ignored.

import { parseArgs } from 'node:util'
import { usageError } from './cli-error'
import { integer } from './option-values'
import {
  parseProject,
  parseSearch,
  parseState,
  type ProjectCommand,
  type SearchCommand,
  type StateCommand,
} from './parse-insight-commands'
import {
  parseAppend,
  parseExport,
  type AppendBatchCommand,
  type AppendCommand,
  type ExportCommand,
  type ImportCommand,
} from './parse-write-commands'

export const commandNames = [
  'open',
  'list',
  'events',
  'state',
  'project',
  'search',
  'serve',
  'gen',
  'init',
  'append',
  'import',
  'export',
  'reindex',
  'verify',
  'repair',
  'help',
] as const
export type CommandName = (typeof commandNames)[number]
/** Every command but `help`. */
export type RunCommandName = Exclude<CommandName, 'help'>

export type Command =
  | { readonly kind: 'help'; readonly topic: CommandName | null }
  | { readonly kind: 'version' }
  | { readonly kind: 'open'; readonly dir: string | null; readonly json: boolean }
  | { readonly kind: 'list'; readonly dir: string; readonly json: boolean }
  | {
      readonly kind: 'events'
      readonly dir: string
      readonly aggregateId: string
      /** Skip this many events (the seed's from_version): output starts at version from + 1. */
      readonly from: number
      /** At most this many events; null for all. */
      readonly limit: number | null
      readonly json: boolean
    }
  | StateCommand
  | ProjectCommand
  | SearchCommand
  | {
      readonly kind: 'serve'
      readonly dir: string | null
      /** Directories the page may open; empty: DIR (or the working directory). */
      readonly roots: readonly string[]
      readonly port: number
      readonly host: string
      readonly json: boolean
    }
  | {
      readonly kind: 'gen'
      readonly dir: string
      readonly aggregates: number
      readonly events: number
      readonly seed: string
      /** Average bytes of filler per event (0: none). */
      readonly pad: number
      readonly json: boolean
    }
  | { readonly kind: 'init'; readonly dir: string; readonly json: boolean }
  | AppendCommand
  | AppendBatchCommand
  | ImportCommand
  | ExportCommand
  | { readonly kind: 'reindex'; readonly dir: string; readonly json: boolean }
  | { readonly kind: 'verify'; readonly dir: string; readonly json: boolean }
  | { readonly kind: 'repair'; readonly dir: string; readonly dryRun: boolean; readonly json: boolean }

export const loopbackHosts: readonly string[] = ['127.0.0.1', '::1', 'localhost']

export const genDefaults = { aggregates: 50, events: 1000, seed: '1', pad: 0 } as const

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean }

const common: Record<string, OptionSpec> = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
}

const optionsOf: Record<RunCommandName, Record<string, OptionSpec>> = {
  open: common,
  list: common,
  events: { ...common, from: { type: 'string' }, limit: { type: 'string' } },
  state: { ...common, at: { type: 'string' }, reducer: { type: 'string' }, trust: { type: 'boolean' } },
  project: { ...common, builtin: { type: 'string' } },
  search: {
    ...common,
    type: { type: 'string', multiple: true },
    'aggregate-type': { type: 'string', multiple: true },
    aggregate: { type: 'string', multiple: true },
    since: { type: 'string' },
    until: { type: 'string' },
    where: { type: 'string' },
    text: { type: 'string' },
    limit: { type: 'string' },
  },
  serve: {
    ...common,
    port: { type: 'string' },
    host: { type: 'string' },
    root: { type: 'string', multiple: true },
  },
  gen: {
    ...common,
    aggregates: { type: 'string' },
    events: { type: 'string' },
    seed: { type: 'string' },
    pad: { type: 'string' },
  },
  init: common,
  append: {
    ...common,
    data: { type: 'string' },
    metadata: { type: 'string' },
    'expected-version': { type: 'string' },
    'event-id': { type: 'string' },
    batch: { type: 'boolean' },
  },
  import: { ...common, aggregate: { type: 'string' } },
  export: {
    ...common,
    format: { type: 'string' },
    out: { type: 'string' },
    type: { type: 'string', multiple: true },
    since: { type: 'string' },
    until: { type: 'string' },
  },
  reindex: common,
  verify: common,
  repair: { ...common, 'dry-run': { type: 'boolean' } },
}

// `rest`: any number more (export's AGGREGATE_ID...).
const positionalNames: Record<RunCommandName, { required: string[]; optional: string[]; rest?: boolean }> = {
  open: { required: [], optional: ['DIR'] },
  list: { required: ['DIR'], optional: [] },
  events: { required: ['DIR', 'AGGREGATE_ID'], optional: [] },
  state: { required: ['DIR', 'AGGREGATE_ID'], optional: [] },
  // FILE or --builtin NAME: parseProject says which is missing.
  project: { required: ['DIR'], optional: ['FILE'] },
  search: { required: ['DIR'], optional: [] },
  serve: { required: [], optional: ['DIR'] },
  gen: { required: ['DIR'], optional: [] },
  init: { required: ['DIR'], optional: [] },
  // Without --batch, AGGREGATE_ID and EVENT_TYPE are required: parseAppend says so.
  append: { required: ['DIR'], optional: ['AGGREGATE_ID', 'EVENT_TYPE'] },
  import: { required: ['DIR', 'FILE'], optional: [] },
  export: { required: ['DIR'], optional: [], rest: true },
  reindex: { required: ['DIR'], optional: [] },
  verify: { required: ['DIR'], optional: [] },
  repair: { required: ['DIR'], optional: [] },
}

/** Parse the arguments after `eventscope`. Throws a usage CliError (exit code 2) when they are wrong. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv
  if (first === undefined) return { kind: 'open', dir: null, json: false }
  if (first === '--help' || first === '-h') return { kind: 'help', topic: null }
  if (first === '--version' || first === '-v') return { kind: 'version' }
  if (first === 'help') return parseHelp(rest)
  if (!isRunCommandName(first)) {
    if (first.startsWith('-')) throw usageError(`unknown option ${first} (see eventscope --help)`)
    const hint = /[\\/.~]/.test(first)
      ? `; to open a directory: eventscope open ${first}`
      : ' (see eventscope --help)'
    throw usageError(`unknown command "${first}"${hint}`)
  }
  const { values, positionals } = tokenize(first, rest)
  if (values.help === true) return { kind: 'help', topic: first }
  const json = values.json === true
  const names = positionalNames[first]
  if (positionals.length < names.required.length) {
    throw usageError(`${first} needs ${names.required.join(' and ')} (usage: ${usageLine(first)})`)
  }
  const extra = positionals[names.required.length + names.optional.length]
  if (extra !== undefined && names.rest !== true)
    throw usageError(`unexpected argument "${extra}" for ${first} (usage: ${usageLine(first)})`)
  const [a, b] = positionals as [string | undefined, string | undefined]
  const text = (name: string): string | undefined =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined
  switch (first) {
    case 'open':
      return { kind: 'open', dir: a ?? null, json }
    case 'list':
      return { kind: 'list', dir: a as string, json }
    case 'events':
      return {
        kind: 'events',
        dir: a as string,
        aggregateId: b as string,
        from: integer('--from', text('from'), 0) ?? 0,
        limit: integer('--limit', text('limit'), 1),
        json,
      }
    case 'state':
      return parseState(positionals, values, json)
    case 'project':
      return parseProject(positionals, values, json)
    case 'search':
      return parseSearch(positionals, values, json)
    case 'serve': {
      const host = text('host') ?? '127.0.0.1'
      if (!loopbackHosts.includes(host)) {
        throw usageError(
          `--host must be a loopback address (${loopbackHosts.join(', ')}); the browser shell is never exposed to the network`,
        )
      }
      const port = integer('--port', text('port'), 0) ?? 0
      if (port > 65535) throw usageError(`--port must be between 0 and 65535, got ${port}`)
      const roots = Array.isArray(values.root)
        ? values.root.filter((root): root is string => typeof root === 'string')
        : []
      return { kind: 'serve', dir: a ?? null, roots, port, host, json }
    }
    case 'gen':
      return {
        kind: 'gen',
        dir: a as string,
        aggregates: integer('--aggregates', text('aggregates'), 0) ?? genDefaults.aggregates,
        events: integer('--events', text('events'), 0) ?? genDefaults.events,
        seed: text('seed') ?? genDefaults.seed,
        pad: integer('--pad', text('pad'), 0) ?? genDefaults.pad,
        json,
      }
    case 'init':
      return { kind: 'init', dir: a as string, json }
    case 'append':
      return parseAppend(positionals, values, json)
    case 'import': {
      const aggregateId = text('aggregate') ?? null
      if (aggregateId === '') throw usageError('--aggregate needs an aggregate id, got an empty one')
      return { kind: 'import', dir: a as string, file: b as string, aggregateId, json }
    }
    case 'export':
      return parseExport(positionals, values, json)
    case 'reindex':
      return { kind: 'reindex', dir: a as string, json }
    case 'verify':
      return { kind: 'verify', dir: a as string, json }
    case 'repair':
      return { kind: 'repair', dir: a as string, dryRun: values['dry-run'] === true, json }
    default:
      return assertNever(first)
  }
}

/** The one-line usage of a command, as the help shows it. */
export function usageLine(command: RunCommandName): string {
  const lines: Record<RunCommandName, string> = {
    open: 'eventscope open [DIR]',
    list: 'eventscope list DIR [--json]',
    events: 'eventscope events DIR AGGREGATE_ID [--from N] [--limit N] [--json]',
    state: 'eventscope state DIR AGGREGATE_ID [--at VERSION] [--reducer FILE | --trust] [--json]',
    project: 'eventscope project DIR (FILE | --builtin NAME) [--json]',
    search: 'eventscope search DIR [--type T]... [--where EXPR] [--text S] [--limit N] [OPTIONS]',
    serve: 'eventscope serve [DIR] [--root DIR]... [--port N] [--host 127.0.0.1]',
    gen: 'eventscope gen DIR [--aggregates N] [--events N] [--seed S] [--pad BYTES] [--json]',
    init: 'eventscope init DIR [--json]',
    append: 'eventscope append DIR (AGGREGATE_ID EVENT_TYPE --data JSON | --batch) [OPTIONS]',
    import: 'eventscope import DIR FILE [--aggregate ID] [--json]',
    export: 'eventscope export DIR [AGGREGATE_ID...] --format FORMAT --out PATH [OPTIONS]',
    reindex: 'eventscope reindex DIR [--json]',
    verify: 'eventscope verify DIR [--json]',
    repair: 'eventscope repair DIR [--dry-run] [--json]',
  }
  return lines[command]
}

function parseHelp(rest: readonly string[]): Command {
  const [topic, extra] = rest
  if (topic === undefined || topic === '--help' || topic === '-h') return { kind: 'help', topic: null }
  if (!isCommandName(topic))
    throw usageError(`no help for "${topic}": unknown command (see eventscope --help)`)
  if (extra !== undefined) throw usageError(`unexpected argument "${extra}" for help`)
  return { kind: 'help', topic }
}

function tokenize(command: RunCommandName, args: readonly string[]): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args: [...args], options: optionsOf[command], strict: true, allowPositionals: true })
  } catch (error) {
    throw usageError(describeParseError(command, error))
  }
}

/** parseArgs' messages are long and suggest `--` tricks; say what is wrong in a few words instead. */
export function describeParseError(command: string, error: unknown): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option'
  const see = `(see eventscope ${command} --help)`
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} for ${command} ${see}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message)
        ? `option ${option} takes no value ${see}`
        : `option ${option} needs a value ${see}`
    default:
      return `${message.split('\n')[0] ?? 'invalid arguments'} ${see}`
  }
}

function isCommandName(value: string): value is CommandName {
  return (commandNames as readonly string[]).includes(value)
}

function isRunCommandName(value: string): value is RunCommandName {
  return value !== 'help' && isCommandName(value)
}

function assertNever(value: never): never {
  throw new Error(`unhandled command ${String(value)}`)
}
