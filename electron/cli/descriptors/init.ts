// `eventscope init DIR`: an empty store, the only way one is created.

import { defineCommand } from '../command-descriptor'

export const initCommand = defineCommand({
  name: 'init',
  section: 'write',
  synopsis: [{ usage: 'init DIR', summary: 'Create an empty store' }],
  usage: 'init DIR [--json]',
  description: `Create an empty store in DIR (and any missing parent directories): an index.json holding
{"aggregates": {}, "total_events": 0}, byte for byte what the seed's EventStore writes on first use.

Refuses a DIR that already holds a store (an index.json or any *.events.jsonl file). append never
creates a store, so a mistyped path fails instead of starting a new one.`,
  details: '--json prints {"dir", "created"} (created: whether DIR itself was new).',
  options: {},
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], json }) => ({ kind: 'init' as const, dir, json }),
  run: async (args, { io }) => (await import('../commands/init-command')).runInit(args, io),
})
