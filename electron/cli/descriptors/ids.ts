// `eventscope ids DIR [PREFIX]`: the aggregate ids of a store, from its file names alone.

import { defineCommand } from '../command-descriptor'

export const idsCommand = defineCommand({
  name: 'ids',
  section: 'read',
  synopsis: [
    { usage: 'ids DIR [PREFIX]', summary: 'Print aggregate ids (those starting with PREFIX), one per line' },
  ],
  usage: 'ids DIR [PREFIX] [--json]',
  description: `Print the aggregate ids of the store in DIR, one per line in id order; with PREFIX, only the ids
that start with it. Ids come from the names of the stream files alone: no stream is read, so it
answers at once on a store of any size (for scripts, shell completion, or finding an id from its
first characters). list reads every stream and counts its events.`,
  details: '--json prints {"ids": [...]}.',
  options: {},
  positionals: [
    { name: 'DIR', required: true },
    { name: 'PREFIX', required: false },
  ],
  parse: ({ positionals: [dir = '', prefix = ''], json }) => ({ dir, prefix, json }),
  run: async ({ dir, prefix, json }, { io }) => {
    const { listStreamIds } = await import('../../core/store/store-files')
    const { existingDirectory } = await import('../commands/existing-directory')
    const ids = (await listStreamIds(existingDirectory(dir))).filter((id) => id.startsWith(prefix))
    await io.out(json ? `${JSON.stringify({ ids })}\n` : ids.map((id) => `${id}\n`).join(''))
    return 0
  },
})
