// Notices when another program writes to the open store. fs.watch (inotify, FSEvents, ReadDirectoryChangesW)
// says which file changed; a slow poll of the directory listing and index.json backs it up where watching
// is unreliable (network drives, some containers) and catches what a dropped event would miss.

import { watch, type FSWatcher } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { indexFileName, streamSuffix } from './store-files'

export interface StoreWatcherOptions {
  /** How long to gather file events before reporting them together. */
  readonly settleMs?: number
  readonly pollMs?: number
}

/** Whether a directory entry is one the explorer reads (a stream file or the index). */
export function isStoreFileName(name: string): boolean {
  return name === indexFileName || (name.endsWith(streamSuffix) && !name.startsWith('.'))
}

export class StoreWatcher {
  private watcher: FSWatcher | null = null
  private timer: NodeJS.Timeout | null = null
  private poller: NodeJS.Timeout | null = null
  private readonly pending = new Set<string>()
  private readonly seen = new Map<string, string>()
  private closed = false

  constructor(
    private readonly dir: string,
    private readonly onChange: (names: Set<string>) => void,
    private readonly options: StoreWatcherOptions = {},
  ) {}

  /** Start watching; the first poll only records what is there. */
  async start(): Promise<void> {
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
        if (typeof name === 'string' && isStoreFileName(name)) this.note(name)
      })
      this.watcher.on('error', () => this.watcher?.close())
    } catch {
      this.watcher = null
    }
    await this.poll(true)
    // Closed while listing (the session answers before the first listing is done): never poll.
    if (this.closed) return
    this.poller = setInterval(() => void this.poll(false), this.options.pollMs ?? 1000)
    this.poller.unref()
  }

  close(): void {
    this.closed = true
    this.watcher?.close()
    if (this.timer) clearTimeout(this.timer)
    if (this.poller) clearInterval(this.poller)
  }

  private note(name: string): void {
    if (this.closed) return
    this.pending.add(name)
    this.timer ??= setTimeout(() => {
      this.timer = null
      const names = new Set(this.pending)
      this.pending.clear()
      if (!this.closed && names.size > 0) this.onChange(names)
    }, this.options.settleMs ?? 60)
  }

  // O(directory entries) per poll for the listing; sizes are compared for index.json and for files that
  // appeared or vanished, so a store of 100,000 streams is not stat'ed every second.
  private async poll(initial: boolean): Promise<void> {
    let names: string[]
    try {
      names = (await readdir(this.dir)).filter(isStoreFileName)
    } catch {
      return
    }
    const current = new Set(names)
    for (const name of current) if (!this.seen.has(name)) this.remember(name, '', initial)
    for (const name of [...this.seen.keys()]) {
      if (!current.has(name)) {
        this.seen.delete(name)
        if (!initial) this.note(name)
      }
    }
    if (current.has(indexFileName)) {
      const signature = await stat(join(this.dir, indexFileName)).then(
        (info) => `${info.size}:${info.mtimeMs}`,
        () => '',
      )
      this.remember(indexFileName, signature, initial)
    }
  }

  private remember(name: string, signature: string, initial: boolean): void {
    const before = this.seen.get(name)
    this.seen.set(name, signature)
    if (!initial && before !== signature) this.note(name)
  }
}
