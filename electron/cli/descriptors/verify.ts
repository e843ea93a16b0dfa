// `eventscope verify DIR`: every stream and the index checked, nothing written.

import { defineCommand } from '../command-descriptor'
import { problemKindLines } from '../format/problem-kinds'

export const verifyCommand = defineCommand({
  name: 'verify',
  section: 'integrity',
  synopsis: [{ usage: 'verify DIR', summary: 'Check every stream and the index; writes nothing' }],
  usage: 'verify DIR [--json]',
  description: `Check the store in DIR: read every stream and index.json, write nothing (not even a lock), and
report each finding with its aggregate, file, line number and byte offset (the offset of the line's
first byte), with a short snippet of a bad line.

Beyond what opening a store reports, verify looks for event ids used twice anywhere in the store,
events without an id or a readable time, and times going backwards within a stream. A torn last line
is an error here (the writer's last event is lost unless it finishes the line).

Findings are grouped by aggregate; findings about the whole store (total_events, links) come last.
The last line sums up: 3 errors, 2 warnings in 2 of 40 aggregates; 900 events. Progress is shown on
stderr when it is a terminal.`,
  details: `Exit codes: 0 no errors (warnings allowed); 1 errors found; 2 DIR is missing, not a directory or
cannot be read (or a usage error).

Problem kinds (stable names, as in --json and the explorer's Problems panel):
${problemKindLines().join('\n')}

--json prints {"ok", "aggregates", "events", "problems": [{"aggregateId", "file", "line", "offset",
"kind", "severity", "message", "snippet"}]}; aggregateId is null for store-wide findings, line and
offset are null for findings about a whole file.`,
  options: {},
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], json }) => ({ kind: 'verify' as const, dir, json }),
  run: async (args, { io }) => (await import('../commands/verify-command')).runVerify(args, io),
})
