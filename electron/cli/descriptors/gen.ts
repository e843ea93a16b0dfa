// `eventscope gen DIR`: a deterministic sample store in the seed's layout.

import { defineCommand } from '../command-descriptor'

export const genDefaults = { aggregates: 50, events: 1000, seed: '1', pad: 0 } as const

export const genCommand = defineCommand({
  name: 'gen',
  section: 'write',
  synopsis: [
    {
      usage: 'gen DIR [--aggregates N] [--events N] [--seed S] [--pad BYTES]',
      summary: 'Write a sample store',
    },
  ],
  usage: 'gen DIR [--aggregates N] [--events N] [--seed S] [--pad BYTES] [--json]',
  description: `Write a sample store into DIR (created if needed) in the seed's layout: <id>.events.jsonl files and
an index.json identical to what the seed's Python EventStore would write.

The sample has User, Order and Account aggregates with UUID v4 ids, flat seed-style events, times
increasing within each stream, unicode text, and patches that delete fields with null. Stream lengths
are uneven: a few long streams, many short ones. The same seed always writes the same bytes.

Refuses a DIR that already holds a store (any *.events.jsonl file or an index.json): it never
overwrites anyone's events.`,
  details: '--json prints {"dir", "aggregates", "events", "bytes", "seed", "pad"}.',
  options: {
    aggregates: {
      kind: 'integer',
      value: 'N',
      min: 0,
      help: `Number of aggregates (default ${genDefaults.aggregates})`,
    },
    events: {
      kind: 'integer',
      value: 'N',
      min: 0,
      help: `Total number of events, at least one per aggregate (default ${genDefaults.events})`,
    },
    seed: {
      kind: 'text',
      value: 'S',
      help: `Any text; digits are used as a number (default ${genDefaults.seed})`,
    },
    pad: {
      kind: 'integer',
      value: 'BYTES',
      min: 0,
      help: `Add a "filler" field of ASCII text to every event, BYTES long on average (0 to
twice that), so events are as big as real ones: events average about 240 bytes
without it, so --pad 260 makes about 500 (10 million events: about 5 GB).
Deterministic like the rest (default ${genDefaults.pad}: no filler)`,
    },
  },
  positionals: [{ name: 'DIR', required: true }],
  parse: ({ positionals: [dir = ''], values, json }) => ({
    kind: 'gen' as const,
    dir,
    aggregates: values.aggregates ?? genDefaults.aggregates,
    events: values.events ?? genDefaults.events,
    seed: values.seed ?? genDefaults.seed,
    pad: values.pad ?? genDefaults.pad,
    json,
  }),
  run: async (args, { io }) => (await import('../commands/gen-command')).runGen(args, io),
})
