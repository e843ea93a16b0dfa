// `eventscope [open] [DIR]`: the desktop explorer, or the browser shell where Electron is missing.

import { emptyPlace, placeText } from '../../../shared/place-link'
import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export const openCommand = defineCommand({
  name: 'open',
  section: 'explorer',
  synopsis: [
    {
      usage: '[open] [DIR] [--aggregate ID [--at N]]',
      summary:
        'Open the desktop explorer (falls back to the browser shell\nwhen the Electron runtime is not installed)',
    },
  ],
  usage: 'open [DIR] [--aggregate ID [--at N]]',
  description: `Open the Electron explorer on DIR (or on nothing, to pick a directory in the app), with
the aggregate ID selected at version N if given (its latest version without --at). DIR may be a
database address (postgres://…); its password goes to the app in PGPASSWORD, never on its command
line.

If the Electron runtime is not installed (node_modules/electron without its binary), prints one line
saying so and starts the browser shell instead, exactly as \`eventscope serve DIR\` would.
Running \`eventscope\` with no arguments is the same as \`eventscope open\`.`,
  details: `The place goes to the app as the link "Copy link" would make: an eventscope:// link to the
desktop app (as the packaged app's registered links are), a #/aggregate/ID/at/N address to the
browser shell (printed in its URL).`,
  options: {
    aggregate: { kind: 'text', value: 'ID', help: 'Select this aggregate once DIR is open' },
    at: {
      kind: 'integer',
      value: 'N',
      min: 0,
      expects: 'a version: a whole number, 0 or more',
      help: 'Show the aggregate at version N (0 is the state before its first event)',
    },
  },
  positionals: [{ name: 'DIR', required: false }],
  parse: ({ positionals, values, json }) => {
    const dir = positionals[0] ?? null
    const aggregateId = values.aggregate
    if (aggregateId !== null && dir === null)
      throw usageError('--aggregate needs the store: open DIR --aggregate ID')
    if (aggregateId === '') throw usageError('--aggregate needs an aggregate id, got an empty one')
    if (values.at !== null && aggregateId === null)
      throw usageError('--at needs --aggregate ID: a version of which aggregate?')
    const place = aggregateId === null ? null : placeText({ ...emptyPlace, aggregateId, version: values.at })
    return { kind: 'open' as const, dir, place, json }
  },
  run: async (args, { io, paths }) => (await import('../commands/open-command')).runOpen(args, io, paths),
})
