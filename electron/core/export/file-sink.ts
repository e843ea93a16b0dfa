// Export output goes to a temporary name next to the target and is moved into place only when complete
// and fsync'd, so a cancelled or failed export never leaves a partial file under the name the user chose.
// The move never replaces anything: a file that appeared at the target while the export ran stays.

import { constants } from 'node:fs'
import { copyFile, link, mkdir, open, readdir, rm, stat, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StoreError } from '../errors'
import { syncDirectory } from '../write/durable-file'

const bufferBytes = 4 << 20

/**
 * Buffered output to a temporary file; memory stays at one 4 MiB buffer however large the export.
 *
 * Text is encoded straight into the buffer; bytes (`writeBytes`, the JSONL copy) are copied into it, or
 * written from where they are when they are larger than the buffer, so big runs cost no copy at all.
 */
export class FileSink {
  private readonly buffer = Buffer.allocUnsafe(bufferBytes)
  private used = 0
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
    // One byte per character at most three times over: a text that surely fits skips byteLength.
    const size = text.length * 3 <= this.buffer.length - this.used ? -1 : Buffer.byteLength(text)
    if (size === -1) {
      const written = this.buffer.write(text, this.used)
      this.used += written
      this.bytes += written
      return
    }
    if (this.used + size > this.buffer.length) await this.flush()
    if (size > this.buffer.length) {
      this.bytes += size
      return this.writeOut(Buffer.from(text, 'utf8'))
    }
    this.used += this.buffer.write(text, this.used)
    this.bytes += size
  }

  /** Append `source[start..end)`; the caller may reuse `source` once this resolves. */
  async writeBytes(source: Buffer, start: number, end: number): Promise<void> {
    const size = end - start
    this.bytes += size
    if (this.used + size > this.buffer.length) await this.flush()
    if (size >= this.buffer.length) return this.writeOut(source.subarray(start, end))
    source.copy(this.buffer, this.used, start, end)
    this.used += size
  }

  /** Flush, fsync and move the file to its final name, which must still be free. */
  async commit(target: string): Promise<void> {
    await this.flush()
    await this.handle.sync()
    await this.handle.close()
    await placeWithoutReplacing(this.tempPath, target)
    await syncDirectory(dirname(target))
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => {})
    await rm(this.tempPath, { force: true })
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return
    const used = this.used
    this.used = 0
    await this.writeOut(this.buffer.subarray(0, used))
  }

  private async writeOut(data: Buffer): Promise<void> {
    let written = 0
    while (written < data.length)
      written += (await this.handle.write(data, written, data.length - written)).bytesWritten
  }
}

// File systems without hard links (FAT, some network shares) answer link() with one of these.
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV'])

/**
 * Give `temp` the name `target` only if nothing has that name: link-then-unlink (the link fails with
 * EEXIST where rename would silently replace), else an exclusive copy. `temp` is gone either way.
 */
async function placeWithoutReplacing(temp: string, target: string): Promise<void> {
  try {
    try {
      await link(temp, target)
    } catch (error) {
      if (!noHardLinks.has((error as NodeJS.ErrnoException).code ?? '')) throw error
      await copyFile(temp, target, constants.COPYFILE_EXCL)
      const copy = await open(target, 'r')
      await copy.sync().finally(() => copy.close())
    }
  } catch (error) {
    await rm(temp, { force: true })
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new StoreError(
        'invalid_input',
        `${target} appeared while the export ran and was left as it is; export again to a new name`,
      )
    throw error
  }
  await unlink(temp)
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
  throw new StoreError('invalid_input', `${target} already exists; choose a new name`)
}
