// `eventscope [open] [DIR]`: the desktop explorer, or the browser shell where Electron is missing.

import { defineCommand } from '../command-descriptor'

export const openCommand = defineCommand({
  name: 'open',
  section: 'explorer',
  synopsis: [
    {
      usage: '[open] [DIR]',
      summary:
        'Open the desktop explorer (falls back to the browser shell\nwhen the Electron runtime is not installed)',
    },
  ],
  usage: 'open [DIR]',
  description: `Open the Electron explorer on DIR (or on nothing, to pick a directory in the app).

If the Electron runtime is not installed (node_modules/electron without its binary), prints one line
saying so and starts the browser shell instead, exactly as \`eventscope serve DIR\` would.
Running \`eventscope\` with no arguments is the same as \`eventscope open\`.`,
  options: {},
  positionals: [{ name: 'DIR', required: false }],
  parse: ({ positionals, json }) => ({ kind: 'open' as const, dir: positionals[0] ?? null, json }),
  run: async (args, { io, paths }) => (await import('../commands/open-command')).runOpen(args, io, paths),
})
