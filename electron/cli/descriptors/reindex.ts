// `eventscope reindex DIR`: index.json rebuilt from the streams it caches.

import { defineCommand } from '../command-descriptor'

export const reindexCommand = defineCommand({
  name: 'reindex',
  section: 'integrity',
  synopsis: [{ usage: 'reindex DIR', summary: 'Rebuild index.json from the streams' }],
  usage: 'reindex DIR [--json]',
  description: `Rebuild DIR's index.json from its streams, the truth it caches: after a writer stopped between
writing an event and updating the index, or after a stream was edited by hand.

Each entry's event_count and last_event_at are counted from its stream; entries whose stream is gone
are dropped; total_events is the sum. Other keys of index.json and of the remaining entries are kept.
An index.json that does not parse is first copied to index.json.corrupt-<time>. The new index is
written under the store lock, atomically (readers see the old file or the new one), and only when it
differs.`,
  details: `Text output: index.json rebuilt: N entries changed, total_events OLD → NEW.
--json prints {"dir", "before": "missing" | "ok" | "corrupt", "corruptCopy", "added", "removed",
"updated", "totalBefore", "totalAfter", "written"}.`,
  options: {},
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], json }) => ({ kind: 'reindex' as const, dir, json }),
  run: async (args, { io }) => (await import('../commands/reindex-command')).runReindex(args, io),
})
