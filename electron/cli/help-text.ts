// Every help screen of the CLI, generated from the command descriptors: the overview lists each
// command's synopsis by section, and `help COMMAND` prints its usage, description, every option it
// takes (from the same specs the parser uses) and its details. The README's command block is
// `commandBlock()`, word for word (test/unit/cli/readme-commands.test.ts).

import {
  commonOptions,
  sectionHeadings,
  sections,
  type CommandDescriptor,
  type OptionSpec,
} from './command-descriptor'
import { cliErrorCodes } from './cli-error'
import { commandNamed, commands } from './command-registry'
import { helpCommand } from './descriptors/help'
import { expressionLanguage } from './format/expression-language'
import { maxMessageBytes } from './failure-line'
import { maxOf } from '../../shared/array-ops'

const intro = `eventscope - explore event-sourced stores kept as append-only JSONL files

A store is a directory holding one <aggregate_id>.events.jsonl file per aggregate (one JSON event per
line) and, usually, an index.json. Reading commands change nothing: counts come from the streams
themselves, and where index.json disagrees with them the disagreement is reported, not trusted.
init, append, reindex and repair write the way the store's own program does (the seed's EventStore), under a
lock shared by every eventscope process, each line fsync'd and index.json replaced atomically.`

const closing = `Options for every command:
  --json                           Machine-readable JSON on stdout instead of text
  -h, --help                       Show help for the command
  -v, --version                    Print the version (only as the first argument)

Exit codes: 0 success; 1 failure (no such directory, unknown aggregate, unreadable store, refused write;
for verify: errors found; for check: an invariant broken); 2 usage error (unknown command or option,
missing or malformed argument, JSON that does not parse; for verify also a DIR that cannot be read);
3 an append's --expected-version does not match the stream;
4 an append whose event is written and fsync'd but whose index.json update failed (do not append it
again: run eventscope reindex DIR); 130 a check, export, projection, search or state cancelled with
Ctrl-C; 143 a projection or state stopped by SIGTERM. A reducer or projection that fails exits 1.
Errors are one line on stderr, starting with "eventscope:"; a message longer than ${withCommas(maxMessageBytes)} bytes is cut
there, saying how many bytes were left out. With --json an error is one line of JSON on stderr instead,
{"error": {"code", "message"}}, the code being one of:
${Object.entries(cliErrorCodes)
  .map(([code, meaning]) => `  ${code.padEnd(19)}${meaning}`)
  .join('\n')}`

// The column where summaries start in the block.
const summaryColumn = 35

// 1,000 without Intl: its first use (toLocaleString) costs ~15 ms of start-up for every `--help`.
function withCommas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** The help for one command, or the overview when no command is given. */
export function helpText(topic: string | null): string {
  if (topic === null) return `${intro}\n\nUsage:\n${indent(commandBlock(), '  ')}\n\n${closing}\n`
  if (topic === 'where') return `${expressionLanguage}\n\nSee eventscope --help for every command.\n`
  const command = topic === 'help' ? helpCommand : commandNamed(topic)
  if (command === null) throw new Error(`no command ${topic}`)
  return `${commandHelp(command)}\n\nSee eventscope --help for every command.\n`
}

/** Every command's synopsis lines, by section: the overview's usage block and the README's. */
export function commandBlock(): string {
  const groups: string[][] = []
  for (const section of sections) {
    const inSection = commands.filter((command) => command.section === section)
    if (inSection.length > 0)
      groups.push([`${sectionHeadings[section]}:`, ...inSection.flatMap((command) => synopsisLines(command))])
  }
  groups.push(synopsisLines(helpCommand))
  return groups.map((lines) => lines.join('\n')).join('\n\n')
}

// `  eventscope list DIR              List aggregates …`: summaries start at one column, or on the
// next line when the usage reaches it.
function synopsisLines(command: CommandDescriptor): string[] {
  const lines: string[] = []
  const pad = ' '.repeat(summaryColumn)
  for (const { usage, summary } of command.synopsis) {
    const head = `  eventscope ${usage}`
    const [first = '', ...more] = summary.split('\n')
    if (head.length < summaryColumn - 1) lines.push(`${head.padEnd(summaryColumn)}${first}`)
    else lines.push(head, `${pad}${first}`)
    for (const line of more) lines.push(`${pad}${line}`)
  }
  return lines
}

function commandHelp(command: CommandDescriptor): string {
  const parts = [`Usage: eventscope ${command.usage}`, command.description]
  parts.push(`Options:\n${optionLines({ ...command.options, ...commonOptions }).join('\n')}`)
  if (command.details !== undefined) parts.push(command.details)
  return parts.join('\n\n')
}

/** `  --name VALUE    help`, every help line aligned after the longest option. */
export function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const heads = Object.entries(options).map(([name, spec]) => {
    const flag = name === 'help' ? '-h, --help' : `--${name}`
    return spec.kind === 'flag' ? flag : `${flag} ${spec.value}`
  })
  const width =
    maxOf(
      heads.map((head) => head.length),
      14,
    ) + 2
  return Object.values(options).flatMap((spec, i) =>
    spec.help.split('\n').map((line, j) => `  ${(j === 0 ? (heads[i] as string) : '').padEnd(width)}${line}`),
  )
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n')
}
