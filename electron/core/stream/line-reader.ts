// The one chunked reader of stream files: opening a stream, extending it, verify, search, projections
// and export all read lines through here, so they all see the same lines at the same places, and
// each judges them with the same judgeLine (line-verdict.ts).

import { readSync, type Stats } from 'node:fs'
import { openRegularFile, readSmallRegularFileSync } from '../store/regular-file'
import { LineSplitter, type LineSkipper, type LineSpan } from './line-splitter'

export interface LineReadOptions {
  /** File offset to start at, and how many lines come before it (to number lines). Default 0, 0. */
  readonly from?: number
  readonly linesBefore?: number
  /** Read up to this offset (the size when the file was selected); default: the file's size now. */
  readonly until?: number
  readonly chunkBytes?: number
  /** The file already read whole (a small stream read ahead): no file is opened. */
  readonly whole?: Buffer
  /** Looked at before each chunk: aborting rejects with its reason. */
  readonly signal?: AbortSignal | undefined
  /** After each chunk's lines were handed out, with the bytes read so far and the end being read to. */
  readonly afterChunk?: (done: number, total: number, bytesRead: number) => Promise<void> | void
  /** Whether to stop early (a caller that found what it wanted); looked at before each chunk. */
  readonly stopped?: () => boolean
  /**
   * Called once, before an unterminated last line is handed out (provisionally: it may still grow), so
   * a caller that keeps state can mark where it was. Without it the tail is handed out all the same.
   */
  readonly beforeTail?: () => void
  /** Hand out terminated lines only: an unterminated last line is left for whoever reads on from there. */
  readonly skipTail?: boolean
  /** The opened file's fstat, before a byte is read (the scan cache stamps the file with it). */
  readonly onOpen?: ((info: Stats) => void) | undefined
  /** Each chunk's bytes as read, at its file offset, before its lines are handed out. */
  readonly onBytes?: ((bytes: Buffer, at: number) => void) | undefined
  /**
   * A whole file of at most this many bytes is read with synchronous calls (readSmallRegularFileSync):
   * for a worker thread reading many small streams. Only for a read from the start to the end.
   */
  readonly syncUpTo?: number | undefined
  /**
   * Read each chunk with a synchronous read of the opened file: for a thread with nothing else to do
   * meanwhile (a search's worker, or the CLI's main thread searching). A read handed to libuv's thread
   * pool only adds a wait for that thread to get a core, which two busy threads on two cores keep.
   */
  readonly syncReads?: boolean | undefined
  /** Lines to count without handing them out (line-splitter.ts); the others are handed out as usual. */
  readonly skipper?: LineSkipper | undefined
}

/** Where a read ended. */
export interface LineReadEnd {
  /** File offset after the last terminated line: an unterminated tail (if any) begins here. */
  readonly consumedOffset: number
  /** Terminated lines seen, counting `linesBefore`. */
  readonly linesSeen: number
  /** File offset the read reached. */
  readonly position: number
  /** Identity of the file read (0 when `whole` was given). */
  readonly ino: number
  readonly mtimeMs: number
}

const defaultChunkBytes = 4 * 1024 * 1024

/**
 * Hand every line of a file to `onLine`, a chunk at a time, then its unterminated tail, if any.
 *
 * O(bytes read) time; memory one chunk plus a line that spans chunks. A span's buffer is valid only
 * during the call (and, for export, until `afterChunk` resolves).
 */
export async function readLines(
  file: string,
  options: LineReadOptions,
  onLine: (span: LineSpan) => void,
): Promise<LineReadEnd> {
  const from = options.from ?? 0
  const splitter = new LineSplitter(from, options.linesBefore ?? 0)
  let position = from
  let ino = 0
  let mtimeMs = 0
  // The same refusals as openRegularFile; null: bigger than syncUpTo, read below as usual.
  const small =
    !options.whole && options.syncUpTo !== undefined && from === 0 && options.until === undefined
      ? readSmallRegularFileSync(file, options.syncUpTo)
      : null
  if (options.whole) {
    options.signal?.throwIfAborted()
    splitter.push(options.whole, onLine, options.skipper)
    position = options.whole.length
    await options.afterChunk?.(position, position, position)
  } else if (small) {
    ino = small.info.ino
    mtimeMs = small.info.mtimeMs
    options.onOpen?.(small.info)
    options.signal?.throwIfAborted()
    if (small.bytes.length > 0) {
      options.onBytes?.(small.bytes, 0)
      splitter.push(small.bytes, onLine, options.skipper)
    }
    position = small.bytes.length
    await options.afterChunk?.(position, small.info.size, position)
  } else {
    // A regular file or a refusal: a FIFO or device named like a stream is never waited on or read.
    const { handle, info } = await openRegularFile(file)
    try {
      ino = info.ino
      mtimeMs = info.mtimeMs
      options.onOpen?.(info)
      const end = options.until ?? info.size
      const size = Math.max(Math.min(options.chunkBytes ?? defaultChunkBytes, end - from), 1)
      const buffer = Buffer.allocUnsafe(size)
      while (position < end && !(options.stopped?.() ?? false)) {
        options.signal?.throwIfAborted()
        const length = Math.min(buffer.length, end - position)
        const bytesRead = options.syncReads
          ? readSync(handle.fd, buffer, 0, length, position)
          : (await handle.read(buffer, 0, length, position)).bytesRead
        if (bytesRead === 0) break
        options.onBytes?.(buffer.subarray(0, bytesRead), position)
        position += bytesRead
        splitter.push(buffer.subarray(0, bytesRead), onLine, options.skipper)
        await options.afterChunk?.(position, end, bytesRead)
      }
    } finally {
      await handle.close()
    }
  }
  const result = {
    consumedOffset: splitter.consumedOffset,
    linesSeen: splitter.linesSeen,
    position,
    ino,
    mtimeMs,
  }
  if (position > splitter.consumedOffset && !(options.stopped?.() ?? false) && !options.skipTail) {
    options.beforeTail?.()
    splitter.finish(onLine)
  }
  return result
}
