// Turns argv into one command and its arguments, or a usage error whose message fits on one line.
//
// Generated from the descriptors: `node:util` parseArgs tokenizes with exactly the options a command
// declares (so `list --from 3` is refused rather than ignored), each value is converted by its kind,
// positionals are counted against the descriptor, and the descriptor's `parse` does the rest.

import { parseArgs } from 'node:util'
import { usageError } from './cli-error'
import {
  commonOptions,
  type CommandDescriptor,
  type OptionSpec,
  type OptionSpecs,
  type OptionValues,
  type ParsedInput,
  type RunContext,
} from './command-descriptor'
import { commandNamed } from './command-registry'
import { refuseDatabaseStore } from './database-commands'
import { helpCommand } from './descriptors/help'
import { instant, integer } from './option-values'
import { appendAll } from '../../shared/array-ops'

/** A command with its arguments, ready to run. */
export interface Invocation {
  readonly name: string
  /** What the descriptor's `parse` made of the command line (shown to tests). */
  readonly args: unknown
  run(context: RunContext): Promise<number>
}

/** Parse the arguments after `eventscope`. Throws a usage CliError (exit code 2) when they are wrong. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv
  if (first === undefined) return invoke(commandNamed('open') as CommandDescriptor, [])
  if (first === '--help' || first === '-h') return invoke(helpCommand, [])
  if (first === '--version' || first === '-v') return printVersion
  const command = first === 'help' ? helpCommand : commandNamed(first)
  if (command === null) {
    if (first.startsWith('-')) throw usageError(`unknown option ${clip(first)} (see eventscope --help)`)
    const hint = /[\\/.~]/.test(first)
      ? `; to open a directory: eventscope open ${clip(first)}`
      : ' (see eventscope --help)'
    throw usageError(`unknown command "${clip(first)}"${hint}`)
  }
  return invoke(command, rest)
}

function invoke(command: CommandDescriptor, args: readonly string[]): Invocation {
  const { values, positionals } = tokenize(command, args)
  if (values.help === true) return invoke(helpCommand, [command.name])
  checkPositionals(command, positionals)
  refuseDatabaseStore(command.name, command.positionals, positionals)
  const input: ParsedInput<OptionSpecs> = {
    positionals,
    values: convert(command.options, values),
    json: values.json === true,
  }
  const parsed = command.parse(input)
  return { name: command.name, args: parsed, run: (context) => command.run(parsed, context) }
}

// Only as the first argument, as the overview says: not a command of its own.
const printVersion: Invocation = {
  name: 'version',
  args: { kind: 'version' },
  run: async ({ io, paths }) => {
    await io.out(`${paths.version}\n`)
    return 0
  },
}

function checkPositionals(command: CommandDescriptor, positionals: readonly string[]): void {
  const required = command.positionals.filter((positional) => positional.required)
  const usage = `(usage: eventscope ${command.usage})`
  if (positionals.length < required.length) {
    throw usageError(`${command.name} needs ${required.map((p) => p.name).join(' and ')} ${usage}`)
  }
  const extra = positionals[command.positionals.length]
  if (extra !== undefined && command.positionals.at(-1)?.rest !== true)
    throw usageError(`unexpected argument "${clip(extra)}" for ${command.name} ${usage}`)
}

type Raw = Record<string, string | boolean | (string | boolean)[] | undefined>

function tokenize(
  command: CommandDescriptor,
  args: readonly string[],
): { values: Raw; positionals: string[] } {
  const specs: OptionSpecs = { ...command.options, ...commonOptions }
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      {
        type: spec.kind === 'flag' ? ('boolean' as const) : ('string' as const),
        multiple: spec.kind === 'texts',
        ...(name === 'help' ? { short: 'h' } : {}),
      },
    ]),
  )
  try {
    return parseArgs({ args: joinDashValues(args, specs), options, strict: true, allowPositionals: true })
  } catch (error) {
    throw usageError(describeParseError(command.name, error))
  }
}

/**
 * `--at -1`, `--text -x`: parseArgs takes a value that starts with "-" for an option. When the option
 * needs a value and the next word is not one of the command's options, it is the value.
 */
export function joinDashValues(args: readonly string[], specs: OptionSpecs): string[] {
  const known = new Set(['-h', ...Object.keys(specs).map((name) => `--${name}`)])
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--') {
      appendAll(joined, args.slice(i))
      break
    }
    const next = args[i + 1]
    const spec = arg.startsWith('--') ? specs[arg.slice(2)] : undefined
    if (
      spec &&
      spec.kind !== 'flag' &&
      next !== undefined &&
      next.startsWith('-') &&
      next !== '--' &&
      !known.has(next.split('=')[0] as string)
    ) {
      joined.push(`${arg}=${next}`)
      i++
    } else joined.push(arg)
  }
  return joined
}

function convert(specs: OptionSpecs, raw: Raw): OptionValues<OptionSpecs> {
  const values: Record<string, OptionValues<OptionSpecs>[string]> = {}
  for (const [name, spec] of Object.entries(specs)) values[name] = valueOf(`--${name}`, spec, raw[name])
  return values
}

function valueOf(flag: string, spec: OptionSpec, raw: Raw[string]): OptionValues<OptionSpecs>[string] {
  const text = typeof raw === 'string' ? raw : undefined
  switch (spec.kind) {
    case 'flag':
      return raw === true
    case 'text':
      return text ?? null
    case 'texts':
      return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : []
    case 'integer':
      return integer(flag, text, spec)
    case 'instant':
      return instant(flag, text)
    default:
      return assertNever(spec)
  }
}

/** parseArgs' messages are long and suggest `--` tricks; say what is wrong in a few words instead. */
export function describeParseError(command: string, error: unknown): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  const option = clip(/'(-[^' ]+)/.exec(message)?.[1] ?? 'an option')
  const see = `(see eventscope ${command} --help)`
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} for ${command} ${see}`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message)
        ? `option ${option} takes no value ${see}`
        : `option ${option} needs a value ${see}`
    default:
      return `${clip(message.split('\n')[0] ?? 'invalid arguments')} ${see}`
  }
}

// A word echoed in an error stays short: the message must fit on one line whatever was typed.
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function assertNever(value: never): never {
  throw new Error(`unhandled option kind ${JSON.stringify(value)}`)
}
