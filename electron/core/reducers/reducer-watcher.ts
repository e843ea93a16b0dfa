// Notices when a store's own code changes (`.eventscope/reducers/*.js`): an edited reducer is picked up
// without re-selecting the aggregate. A poll of the folder's names, sizes and mtimes (a handful of small
// files, once a second) is the one mechanism: it sees the folder appear later and works where file events
// are not delivered. Reads names and stats only, never a file's content and never a write.

import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { codeFolder } from './code-files'

/** The reducers folder's entries as one comparable string ('' when there is none). */
export async function reducersSignature(storeDir: string): Promise<string> {
  const folder = join(storeDir, codeFolder, 'reducers')
  const names = await readdir(folder).catch(() => [] as string[])
  const parts = await Promise.all(
    names
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map(async (name) => {
        const info = await lstat(join(folder, name)).catch(() => null)
        return info ? `${name}:${info.size}:${info.mtimeMs}` : name
      }),
  )
  return parts.join('\n')
}

/** Calls `onChange` after the store's reducer files were added, edited or removed. */
export class ReducerWatcher {
  private timer: NodeJS.Timeout | null = null
  private last: string | null = null
  private closed = false

  constructor(
    private readonly storeDir: string,
    private readonly onChange: () => void,
    private readonly pollMs = 1000,
  ) {}

  /** Record what is there now, then poll. */
  async start(): Promise<void> {
    this.last = await reducersSignature(this.storeDir)
    this.timer = setInterval(() => void this.poll(), this.pollMs)
    this.timer.unref()
  }

  close(): void {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
  }

  private async poll(): Promise<void> {
    const now = await reducersSignature(this.storeDir)
    if (this.closed || now === this.last) return
    this.last = now
    this.onChange()
  }
}
