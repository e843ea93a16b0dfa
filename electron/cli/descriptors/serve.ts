// `eventscope serve [DIR]`: the explorer served to a browser on this machine.

import { usageError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export const loopbackHosts: readonly string[] = ['127.0.0.1', '::1', 'localhost']

export const serveCommand = defineCommand({
  name: 'serve',
  section: 'explorer',
  synopsis: [
    {
      usage: 'serve [DIR] [--root DIR]... [--port N] [--host 127.0.0.1]',
      summary: 'Serve the explorer to a browser on this machine',
    },
  ],
  usage: 'serve [DIR] [--root DIR]... [--port N] [--host 127.0.0.1]',
  description: `Serve the explorer to a browser on this machine, with DIR open if given. DIR may be a
database address (postgres://…), printed without its password; the page may also type one.

Prints the URL to open; it carries a token made for this run, and requests without it are refused.
Runs until interrupted (Ctrl-C).`,
  details: '--json prints {"url", "port"} once listening.',
  options: {
    root: {
      kind: 'texts',
      value: 'DIR',
      help: `The page may open DIR and the directories under it; repeat for more. Default: the
DIR being served, or the working directory. Anything else is refused, so a page
(or anything that steals its token) cannot read the rest of the disk.`,
    },
    port: {
      kind: 'integer',
      value: 'N',
      min: 0,
      max: 65535,
      help: 'Port to listen on (default 0: any free port)',
    },
    host: {
      kind: 'text',
      value: 'HOST',
      help: `127.0.0.1 (default), ::1 or localhost; nothing else is accepted, because the
explorer is never exposed to the network`,
    },
  },
  positionals: [{ name: 'DIR', required: false }],
  parse: ({ positionals: [dir = null], values, json }) => {
    const host = values.host ?? '127.0.0.1'
    if (!loopbackHosts.includes(host)) {
      throw usageError(
        `--host must be a loopback address (${loopbackHosts.join(', ')}); the browser shell is never exposed to the network`,
      )
    }
    return { kind: 'serve' as const, dir, roots: values.root, port: values.port ?? 0, host, json }
  },
  run: async (args, { io, paths }) => (await import('../commands/serve-command')).runServe(args, io, paths),
})
