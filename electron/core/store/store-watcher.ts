// Notices when another program writes to the open store. fs.watch (inotify, FSEvents, ReadDirectoryChangesW)
// says which file changed; a poll of the folder's and index.json's stat every second backs it up where
// watching is unreliable (network drives, some containers) and catches what a dropped event would miss.

import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FolderStamp } from '../scan-cache/snapshot-codec'
import { statIfPresent } from './stat-if-present'
import { indexFileName, streamSuffix } from './store-files'

export interface StoreWatcherOptions {
  /** How long to gather file events before reporting them together. */
  readonly settleMs?: number
  readonly pollMs?: number
  /**
   * The folder is gone (moved or removed: `true`) or back (`false`), as the poll saw it; called on
   * each change only. Nothing can be read of a folder that is gone, so the page is told at once rather
   * than when its next question fails.
   */
  readonly onGone?: (gone: boolean) => void
  /**
   * The stamp of the folder as the store's opening listed it (taken just before that readdir). The
   * watch starts later (after the first rows), so what moved since is reported once when it starts:
   * a stream created in between would otherwise be missed by fs.watch and by the poll, whose first
   * look only records what is there.
   */
  readonly listedAt?: FolderStamp
}

/** Whether a directory entry is one the explorer reads (a stream file or the index). */
export function isStoreFileName(name: string): boolean {
  return name === indexFileName || (name.endsWith(streamSuffix) && !name.startsWith('.'))
}

/**
 * Reported when the folder's own stamp moved (an entry came, went or was renamed) and the poll, not
 * fs.watch, noticed: the receiver lists the folder again to learn which (OpenStore.refresh does on
 * every change).
 */
export const folderChanged = '.'

/** A change this recent may hide another within the same timestamp tick: look again next poll. */
const settleMs = 2000

export class StoreWatcher {
  private watcher: FSWatcher | null = null
  private timer: NodeJS.Timeout | null = null
  private poller: NodeJS.Timeout | null = null
  private readonly pending = new Set<string>()
  private folder: string | null = null
  private index: string | null = null
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
    const listedAt = this.options.listedAt
    await Promise.all([this.poll(true), listedAt ? this.changedSinceListed(listedAt) : null])
    // Closed while polling (the session answers before the first poll is done): never poll.
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

  // The folder moved since it was listed (or within a timestamp's tick of it, so a change may hide
  // there): listed again. index.json changed since then: read again (the opening read it after the
  // listing, or reads it behind the first rows, after this watch began: one read too many at worst).
  private async changedSinceListed(listed: FolderStamp): Promise<void> {
    const [folder, index] = await Promise.all([
      statIfPresent(this.dir),
      statIfPresent(join(this.dir, indexFileName)),
    ])
    const since = listed.readAtMs - settleMs
    if (
      folder &&
      (folder.dev !== listed.dev ||
        folder.ino !== listed.ino ||
        folder.mtimeMs !== listed.mtimeMs ||
        folder.ctimeMs !== listed.ctimeMs ||
        changedAt(folder) > since)
    )
      this.note(folderChanged)
    if (index && changedAt(index) > since) this.note(indexFileName)
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

  // Two stats per poll, whatever the store's size: the folder's (an entry added, removed or renamed
  // moves its mtime and ctime; an append to a stream does not) and index.json's (a writer updates it
  // after each append). A readdir of 100,000 names every second cost the main thread ~0.1-0.5 s each.
  private async poll(initial: boolean): Promise<void> {
    const [folder, index] = await Promise.all([
      signatureOf(this.dir, true),
      signatureOf(join(this.dir, indexFileName), false),
    ])
    if (this.closed) return
    if (!initial && folder !== this.folder) this.note(folderChanged)
    if (!initial && index !== this.index) this.note(indexFileName)
    const gone = folder === ''
    if (gone !== (this.folder === '') && (gone || !initial)) this.options.onGone?.(gone)
    this.folder = folder
    this.index = index
  }
}

// The stat fields that move on a change, as one string ('' when missing); a folder changed within the
// settle time reads as changed until it has settled, so a second change in the same tick is not missed.
async function signatureOf(path: string, folder: boolean): Promise<string> {
  try {
    const info = await stat(path)
    if (folder && Date.now() - changedAt(info) < settleMs) return `unsettled:${Math.random()}`
    return `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`
  } catch {
    return ''
  }
}

// When a file or folder last changed: its data (mtime) or its entry (ctime), whichever came later.
function changedAt(info: { mtimeMs: number; ctimeMs: number }): number {
  return Math.max(info.mtimeMs, info.ctimeMs)
}
