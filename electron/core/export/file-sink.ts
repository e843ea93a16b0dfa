// Export output goes to a temporary name next to the target and is renamed into place only when complete
// and fsync'd, so a cancelled or failed export never leaves a partial file under the name the user chose.

import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { IpcError } from '../../../shared/errors'
import { syncDirectory } from '../write/durable-file'

const flushBytes = 1 << 20

/** Buffered text output to a temporary file; memory stays at one buffer however large the export. */
export class FileSink {
  private pending: string[] = []
  private pendingBytes = 0
  bytes = 0

  private constructor(
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  static async forTarget(target: string): Promise<FileSink> {
    const tempPath = temporaryName(target)
    return new FileSink(tempPath, await open(tempPath, 'wx', 0o644))
  }

  async write(text: string): Promise<void> {
    const size = Buffer.byteLength(text)
    this.pending.push(text)
    this.pendingBytes += size
    this.bytes += size
    if (this.pendingBytes >= flushBytes) await this.flush()
  }

  /** Flush, fsync and move the file to its final name. */
  async commit(target: string): Promise<void> {
    await this.flush()
    await this.handle.sync()
    await this.handle.close()
    await rename(this.tempPath, target)
    await syncDirectory(dirname(target))
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => {})
    await rm(this.tempPath, { force: true })
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return
    const data = Buffer.from(this.pending.join(''), 'utf8')
    this.pending = []
    this.pendingBytes = 0
    let written = 0
    while (written < data.length)
      written += (await this.handle.write(data, written, data.length - written)).bytesWritten
  }
}

/** `.name.partial-<pid>-<time>` in the target's own folder: same filesystem, so the final rename is atomic. */
export function temporaryName(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now()}`)
}

/** Refuse to export over an existing file or into a non-empty directory: an export never replaces data. */
export async function assertFreeTarget(target: string, kind: 'file' | 'directory'): Promise<void> {
  const info = await stat(target).catch(() => null)
  if (info === null) {
    await mkdir(dirname(target), { recursive: true })
    return
  }
  if (kind === 'directory' && info.isDirectory() && (await readdir(target)).length === 0) return
  throw new IpcError('invalid_input', `${target} already exists; choose a new name`)
}
