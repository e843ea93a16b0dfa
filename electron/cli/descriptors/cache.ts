// `eventscope cache clear|status`: the scan cache in the user's cache folder, outside every store.

import { CliError } from '../cli-error'
import { defineCommand } from '../command-descriptor'

export const cacheCommand = defineCommand({
  name: 'cache',
  section: 'cache',
  synopsis: [
    { usage: 'cache status', summary: 'Show where the scan cache is, whether it is on, and its size' },
    { usage: 'cache clear', summary: 'Remove the scan cache (stores are not touched)' },
  ],
  usage: 'cache status|clear [--json]',
  description: `What a full read of a stream learns (its event count, last event time, findings) is kept in a
scan cache, so that opening a store again, or the next list, reads only the streams that changed. It
lives in your cache folder: $XDG_CACHE_HOME/eventscope, else ~/.cache/eventscope (Linux);
~/Library/Caches/eventscope (macOS); %LOCALAPPDATA%\\eventscope\\Cache (Windows); or
$EVENTSCOPE_CACHE_DIR. Nothing is ever written into a store for it.

A stream's cached reading is used only while its file has the same device, inode, size, mtime and
ctime as when it was read; one that only grew is read on from its old end once its first and last
4 KiB before that end hash as they did; anything else is read whole. A file changed less than 2
seconds before it was read is read again next time (EVENTSCOPE_CACHE_SETTLE_MS). A sample of the
spared streams is hashed at every opening: a cache file that is corrupt, torn, of another version or
build, or that does not match a file it describes is removed and the store read afresh.

status shows the folder, whether the cache is on and how many bytes it holds; clear removes it all.
The cache is off with list --no-cache, EVENTSCOPE_CACHE=off, or "scanCache": false in
settings.json in eventscope's config folder ($XDG_CONFIG_HOME/eventscope, else
~/.config/eventscope; the desktop app's user data folder for the app). It holds at most 1 GiB
(EVENTSCOPE_CACHE_MAX_BYTES); the least recently used files go first, and temp files a killed
process left are removed after 10 minutes.`,
  details: '--json prints {"root", "enabled", "files", "bytes"}; for clear, what was removed.',
  options: {},
  positionals: [{ name: 'ACTION', required: true }],
  parse: ({ positionals: [action = ''], json }) => {
    if (action !== 'clear' && action !== 'status')
      throw new CliError(`unknown cache action "${action}": use status or clear`, 2, 'usage')
    return { action: action as 'clear' | 'status', json }
  },
  run: async (args, { io }) => (await import('../commands/cache-command')).runCache(args, io),
})
