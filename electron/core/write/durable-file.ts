// Writes that survive a crash: one write per line on an O_APPEND descriptor, fsync'd; whole-file
// replacement through a temp file in the same directory, fsync'd, renamed, then the directory fsync'd.

import { constants } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { IpcError } from '../../../shared/errors'

/**
 * Append bytes with a single `write` call and fsync them.
 *
 * One call, not `appendFile` (which splits large data into 512 KiB writes that a concurrent O_APPEND
 * writer can interleave with). A short write is reported, never silently continued.
 */
export async function appendDurably(file: string, bytes: Buffer): Promise<{ created: boolean }> {
  let created = false
  let handle
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL, 0o644)
    created = true
  }
  try {
    const { bytesWritten } = await handle.write(bytes, 0, bytes.length)
    if (bytesWritten !== bytes.length) {
      throw new IpcError('io_error', `Short write to ${basename(file)}: ${bytesWritten} of ${bytes.length} bytes; the stream may end in a torn line.`)
    }
    await handle.sync()
  } finally {
    await handle.close()
  }
  if (created) await syncDirectory(dirname(file))
  return { created }
}

/** Replace a file's content atomically: readers see the old file or the new one, never a mix. */
export async function replaceDurably(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`)
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644)
  try {
    try {
      const bytes = Buffer.from(text, 'utf8')
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length)
      if (bytesWritten !== bytes.length) throw new IpcError('io_error', `Short write to ${basename(temp)}`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await unlink(temp).catch(() => {})
    throw error
  }
  await syncDirectory(dirname(file))
}

/** Make a rename or a new file's directory entry durable. Some platforms cannot open directories: skip there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
  } catch {
    return
  }
  try {
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error
  } finally {
    await handle.close()
  }
}
