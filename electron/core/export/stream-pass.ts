// One stream read once for an export: every line judged exactly as opening the stream judges it (the
// same reader and StreamIndex.accept, so the same judgeLine), and each valid event's bytes handed over while its chunk is still in memory.
// So an export reads each file once, holds one stream's positions at a time, and never re-reads a line.
// The file is read up to its size when the export selected it: appends made since are not exported.

import { openRegularFile } from '../store/regular-file'
import type { LineSpan } from '../stream/line-splitter'
import { readLines } from '../stream/line-reader'
import { StreamIndex } from '../stream/stream-index'
import type { SelectedStream } from './export-selection'

const chunkBytes = 4 * 1024 * 1024

/** What an export does with the events of a stream as the pass finds them. */
export interface StreamVisitor {
  /**
   * A valid event: its line's content (no BOM, no line feed, no carriage return before it) is
   * `buffer[start..end)`, valid until the next `afterChunk` resolves. Synchronous: collect, then write.
   */
  readonly onEvent: (
    buffer: Buffer,
    start: number,
    end: number,
    version: number,
    line: number,
    index: StreamIndex,
  ) => void
  /** After each chunk's events are handed over (and after the last line): the place to write them. */
  readonly afterChunk: (bytesRead: number) => Promise<void>
}

/**
 * Read a stream from its first byte to its size when selected, handing each valid event to `visitor`.
 *
 * O(file size) time; memory one 4 MiB chunk plus the stream's positions (16 B per event). `whole` is
 * the file already read (ReadAhead) for a small stream. `signal` is looked at once per chunk: aborting
 * rejects with its reason. Returns the index the pass built (for its last event time) and the number
 * of lines left out: every line that is not a valid event (blank ones included: they are findings
 * too), counted here rather than from the index's problem list, which lists at most 1,000 per stream.
 */
export async function passStream(
  stream: SelectedStream,
  visitor: StreamVisitor,
  signal?: AbortSignal,
  whole?: Promise<Buffer> | null,
): Promise<{ index: StreamIndex; skippedLines: number }> {
  const index = new StreamIndex(stream.file, stream.aggregateId, { replay: false })
  let skippedLines = 0
  const onLine = (span: LineSpan): void => {
    const verdict = index.accept(span)
    if (verdict.event) visitor.onEvent(span.buffer, span.start, span.end, index.eventCount, span.line, index)
    else skippedLines++
  }
  const bytes = whole ? await whole : undefined
  await readLines(
    stream.file,
    {
      until: stream.bytes,
      chunkBytes,
      ...(bytes ? { whole: bytes } : {}),
      signal,
      afterChunk: (_done, _total, bytesRead) => visitor.afterChunk(bytesRead),
      // A last line without its line feed counts as scanStream counts it: an event when it parses.
      beforeTail: () => index.markTail(),
    },
    onLine,
  )
  signal?.throwIfAborted()
  await visitor.afterChunk(0)
  return { index, skippedLines }
}

const smallBytes = 1024 * 1024
const readAheadFiles = 16

/**
 * Reads the files of small streams ahead, several at once, while earlier streams are being written.
 *
 * A store of 100,000 small streams is mostly waiting on open, read and close, one file after another;
 * with reads in flight that wait overlaps the work. Memory at most 16 files of up to 1 MiB.
 */
export class ReadAhead {
  private readonly pending = new Map<number, Promise<Buffer>>()
  private next = 0

  constructor(private readonly streams: readonly SelectedStream[]) {}

  /** Stream `at`'s whole file when it is small, else null (read it in chunks). Take streams in order. */
  take(at: number): Promise<Buffer> | null {
    for (; this.next < Math.min(this.streams.length, at + readAheadFiles); this.next++) {
      const stream = this.streams[this.next] as SelectedStream
      if (stream.bytes > smallBytes) continue
      const read = readWhole(stream)
      // Awaited when its turn comes; an export that stops first must not leave it unhandled.
      read.catch(() => {})
      this.pending.set(this.next, read)
    }
    const read = this.pending.get(at) ?? null
    this.pending.delete(at)
    return read
  }
}

async function readWhole(stream: SelectedStream): Promise<Buffer> {
  const { handle } = await openRegularFile(stream.file)
  try {
    const buffer = Buffer.allocUnsafe(stream.bytes)
    let position = 0
    while (position < buffer.length) {
      const { bytesRead } = await handle.read(buffer, position, buffer.length - position, position)
      if (bytesRead === 0) break
      position += bytesRead
    }
    return buffer.subarray(0, position)
  } finally {
    await handle.close()
  }
}
