// One CLI command as data: its name, usage, help, options with their kinds, positionals and a lazy
// `run`. The parser, `eventscope help`, `help COMMAND`, `COMMAND --help` and the README's command block
// are all generated from these, so a command is described in exactly one place.
//
// A descriptor file must stay light: it is loaded on every start-up (to parse and to print help), so
// it imports only types and small pure modules, and its `run` imports the implementation when it runs.

import type { AppPaths } from './app-paths'
import type { CliIo } from './cli-io'

/** Options every command takes, besides its own. */
export const commonOptions = {
  json: { kind: 'flag', help: 'Machine-readable JSON on stdout instead of text' },
  help: { kind: 'flag', help: 'Show this help' },
} as const satisfies Readonly<Record<string, OptionSpec>>

/** What a command's `run` gets besides its arguments. */
export interface RunContext {
  readonly io: CliIo
  readonly paths: AppPaths
}

interface OptionBase {
  /** The option's lines in the help, after `--name VALUE`; may span lines ("\n"). */
  readonly help: string
}

/** An option and the kind of value it takes; the parser converts and checks values by kind. */
export type OptionSpec =
  | (OptionBase & { readonly kind: 'flag' })
  | (OptionBase & { readonly kind: 'text'; readonly value: string })
  /** Repeatable: every occurrence is kept, in order. */
  | (OptionBase & { readonly kind: 'texts'; readonly value: string })
  | (OptionBase & {
      readonly kind: 'integer'
      readonly value: string
      /** Smallest accepted value; null accepts negative numbers too (`--at -1`). */
      readonly min: number | null
      readonly max?: number
      /** How the help and errors name what is expected; default "a whole number". */
      readonly expects?: string
    })
  /** An ISO 8601 date or time (2026-01-31, 2026-01-31T12:00:00Z). */
  | (OptionBase & { readonly kind: 'instant'; readonly value: string })

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

type ValueOf<S extends OptionSpec> = S extends { kind: 'flag' }
  ? boolean
  : S extends { kind: 'texts' }
    ? readonly string[]
    : S extends { kind: 'integer' }
      ? number | null
      : string | null

/** The options' values as the parser hands them to `parse`: converted, checked, null when absent. */
export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]: ValueOf<O[K]> }

/** A positional argument, in order; `rest` takes any number more (export's AGGREGATE_ID...). */
export interface Positional {
  readonly name: string
  readonly required: boolean
  readonly rest?: boolean
}

/** One line of the overview and the README block: a form of the command and what it does. */
export interface Synopsis {
  /** After `eventscope `, e.g. `list DIR`. */
  readonly usage: string
  readonly summary: string
}

export interface ParsedInput<O extends OptionSpecs> {
  readonly positionals: readonly string[]
  readonly values: OptionValues<O>
  /** Every command takes --json. */
  readonly json: boolean
}

/** The overview's sections, in order, with their headings. */
export const sections = ['explorer', 'read', 'write', 'integrity', 'cache'] as const
export type Section = (typeof sections)[number]
export const sectionHeadings: Readonly<Record<Section, string>> = {
  explorer: 'The explorer',
  read: 'Reading a store (these never write into it)',
  write: 'Writing a store',
  integrity: 'Checking and repairing a store',
  cache: 'The scan cache (kept in your cache folder, never in a store)',
}

export interface CommandDescriptor<O extends OptionSpecs = OptionSpecs, A = unknown> {
  readonly name: string
  readonly section: Section
  /** The overview's lines for this command (append has two forms). */
  readonly synopsis: readonly Synopsis[]
  /** The one-line usage that usage errors and `help COMMAND` show, after `eventscope `. */
  readonly usage: string
  /** The help's text before the options. */
  readonly description: string
  /** The help's text after the options (output formats, exit codes), if any. */
  readonly details?: string
  readonly options: O
  readonly positionals: readonly Positional[]
  /** Turn checked values into the command's arguments; throws a usage CliError for what kinds cannot check. */
  parse(input: ParsedInput<O>): A
  /** Run the command; imports its implementation only now, so start-up stays light. */
  run(args: A, context: RunContext): Promise<number>
}

/** Declare a command: the identity function, there so `O` and `A` are inferred and checked. */
export function defineCommand<const O extends OptionSpecs, A>(
  descriptor: CommandDescriptor<O, A>,
): CommandDescriptor<O, A> {
  return descriptor
}
