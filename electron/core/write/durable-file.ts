// Writes that survive a crash: one write per line on an O_APPEND descriptor, fsync'd; whole-file
// replacement through a temp file in the same directory, fsync'd, renamed, then the directory fsync'd.
// A failure is one StoreError saying what is left on disk, never a raw errno.

import { constants, type Stats } from 'node:fs'
import * as nodeFs from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { StoreError } from '../errors'

/** The few calls durable writes make on an open file. */
export interface DurableHandle {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>
  sync(): Promise<void>
  stat(): Promise<FileStat>
  truncate(length: number): Promise<void>
  close(): Promise<void>
}

/** The file system durable writes go through: node:fs/promises, or a faulty one in the fault tests. */
export interface DurableFs {
  open(path: string, flags: number | string, mode?: number): Promise<DurableHandle>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
}

const realFs: DurableFs = {
  open: (path, flags, mode) => nodeFs.open(path, flags, mode),
  rename: nodeFs.rename,
  unlink: nodeFs.unlink,
}
let fs: DurableFs = realFs

/**
 * Send durable writes through `next` until the returned function is called.
 *
 * The seam for fault injection (ENOSPC, EIO, short writes): one indirection, no branch in the write path.
 */
export function useDurableFs(next: DurableFs): () => void {
  const previous = fs
  fs = next
  return () => {
    fs = previous
  }
}

/** What an append left: whether it created the file, the bytes written, and the file's stat after the fsync. */
export interface Appended {
  readonly created: boolean
  readonly written: number
  readonly after: FileStat
}

export type FileStat = Pick<Stats, 'size' | 'mtimeMs' | 'ino'>

/**
 * Append `chunks` (each whole lines) with one `write` call each, then fsync once.
 *
 * One call per chunk, not `appendFile` (which splits large data into 512 KiB writes that a concurrent
 * O_APPEND writer can interleave with). When a write or the fsync fails, the bytes are cut off again if
 * they are still the file's tail, so a failed append leaves the stream as it was (a file it created
 * is removed); only when that is impossible does the message say the stream may end in a torn line.
 */
export async function appendDurably(file: string, chunks: Buffer | readonly Buffer[]): Promise<Appended> {
  const buffers = Buffer.isBuffer(chunks) ? [chunks] : chunks
  let created = false
  let handle: DurableHandle
  try {
    handle = await fs.open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw appendFailure(file, error, 'nothing was written')
    handle = await fs
      .open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL, 0o644)
      .catch((failure: unknown) => {
        throw appendFailure(file, failure, 'nothing was written')
      })
    created = true
  }
  let failure: unknown = null
  let undone = false
  let written = 0
  let after: FileStat | null = null
  try {
    const before = (await handle.stat()).size
    try {
      for (const bytes of buffers) {
        const { bytesWritten } = await handle.write(bytes, 0, bytes.length)
        written += bytesWritten
        if (bytesWritten !== bytes.length)
          throw new Error(`short write, ${bytesWritten} of ${bytes.length} bytes`)
      }
      await handle.sync()
      after = await handle.stat()
    } catch (error) {
      failure = error
      undone = await cutBack(handle, before, written)
    }
  } catch (error) {
    failure ??= error
  } finally {
    await handle.close().catch(() => {})
  }
  if (failure !== null || after === null) {
    if (created && undone) await fs.unlink(file).catch(() => {})
    throw appendFailure(
      file,
      failure,
      undone ? 'nothing was written' : 'the stream may end in a torn line (`eventscope repair` cuts it)',
    )
  }
  if (created) await syncDirectory(dirname(file))
  return { created, written, after }
}

// Our bytes are the tail when the file is `before` long plus what we wrote: cut them off. Any other
// size means another writer appended meanwhile, and their line must not be cut.
async function cutBack(handle: DurableHandle, before: number, written: number): Promise<boolean> {
  try {
    const size = (await handle.stat()).size
    if (size === before) return true
    if (size !== before + written) return false
    await handle.truncate(before)
    // Best effort: the disk that just failed an fsync may fail this one too; readers see the cut file.
    await handle.sync().catch(() => {})
    return true
  } catch {
    return false
  }
}

function appendFailure(file: string, error: unknown, outcome: string): StoreError {
  return new StoreError(
    'io_error',
    `Could not append to ${basename(file)} (${errorReason(error)}); ${outcome}.`,
  )
}

/** Replace a file's content atomically: readers see the old file or the new one, never a mix. */
export async function replaceDurably(file: string, text: string): Promise<void> {
  // The rename would replace a link with a file: whatever links the store to elsewhere is not ours to cut.
  if ((await nodeFs.lstat(file).catch(() => null))?.isSymbolicLink())
    throw new StoreError(
      'invalid_input',
      `${basename(file)} is a symbolic link; eventscope never writes through links.`,
    )
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`)
  try {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644)
    try {
      const bytes = Buffer.from(text, 'utf8')
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length)
      if (bytesWritten !== bytes.length)
        throw new Error(`short write, ${bytesWritten} of ${bytes.length} bytes`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, file)
  } catch (error) {
    await fs.unlink(temp).catch(() => {})
    throw new StoreError(
      'io_error',
      `Could not replace ${basename(file)} (${errorReason(error)}); it is unchanged.`,
    )
  }
  await syncDirectory(dirname(file))
}

/** Make a rename or a new file's directory entry durable. Some platforms cannot open directories: skip there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await fs.open(dir, 'r')
  } catch {
    return
  }
  try {
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM')
      throw new StoreError('io_error', `Could not sync the directory ${dir} (${errorReason(error)}).`)
  } finally {
    await handle.close()
  }
}

/** "ENOSPC: no space left on device" from Node's "ENOSPC: no space left on device, write '/x'". */
export function errorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return /^[A-Z][A-Z0-9]+: [^,\n]*/.exec(message)?.[0] ?? message.split('\n')[0] ?? 'error'
}
