// `eventscope repair DIR`: torn last lines cut after a backup; nothing else is ever changed.

import { defineCommand } from '../command-descriptor'

export const repairCommand = defineCommand({
  name: 'repair',
  section: 'integrity',
  synopsis: [
    {
      usage: 'repair DIR [--dry-run]',
      summary: 'Cut torn last lines (after a backup); list what it leaves alone',
    },
  ],
  usage: 'repair DIR [--dry-run] [--json]',
  description: `Repair the store in DIR as far as it is safe to: the only command that ever changes a stream.

A torn last line (a writer that died mid-append left half an event and no newline) is cut off, after
the stream is copied byte for byte to <file>.bak-<time> next to it. A bad line in the middle of a
stream is never deleted, since it may hold data its program still wants: repair lists it for you to
fix by hand. Works under the store lock shared by every eventscope process.`,
  details: `Text output, one line per action and per line left alone:
  a.events.jsonl: cut a torn last line at byte 1234 (line 7, 52 bytes); backup a.events.jsonl.bak-…
  b.events.jsonl line 12: not valid JSON: … — repair never deletes a line in the middle of a stream;
  fix it by hand
When index.json does not match the streams, it ends by suggesting eventscope reindex DIR.

--json prints {"dryRun", "actions": [{"aggregateId", "file", "kind": "cut_torn_tail", "cutAt",
"bytesRemoved", "line", "backup"}], "leftAlone": [{"aggregateId", "file", "line", "kind",
"message"}], "reindexSuggested"}. Exit 0 once done (bad lines left alone included), 1 on failure.`,
  options: { 'dry-run': { kind: 'flag', help: 'Print what would be done; change nothing' } },
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], values, json }) => ({
    kind: 'repair' as const,
    dir,
    dryRun: values['dry-run'],
    json,
  }),
  run: async (args, { io }) => (await import('../commands/repair-command')).runRepair(args, io),
})
