// One stream read once for an export: every line judged exactly as opening the stream judges it (the
// same StreamIndex.accept), and each valid event's bytes handed over while its chunk is still in memory.
// So an export reads each file once, holds one stream's positions at a time, and never re-reads a line.

import { open } from 'node:fs/promises'
import { LineSplitter, type LineSpan } from '../stream/line-splitter'
import { StreamIndex } from '../stream/stream-index'

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
 * Read `file` from its first byte to its size when opened, handing each valid event to `visitor`.
 *
 * O(file size) time; memory one 4 MiB chunk plus the stream's positions (16 B per event). `signal` is
 * looked at once per chunk: aborting rejects with its reason. Returns the index the pass built, for its
 * problems and last event time.
 */
export async function passStream(
  file: string,
  aggregateId: string,
  visitor: StreamVisitor,
  signal?: AbortSignal,
): Promise<StreamIndex> {
  const index = new StreamIndex(file, aggregateId, { replay: false })
  const onLine = (span: LineSpan): void => {
    const before = index.eventCount
    index.accept(span)
    if (index.eventCount !== before)
      visitor.onEvent(span.buffer, span.start, span.end, index.eventCount, span.line, index)
  }
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const splitter = new LineSplitter()
    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(size, 1)))
    let position = 0
    while (position < size) {
      signal?.throwIfAborted()
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position)
      if (bytesRead === 0) break
      position += bytesRead
      splitter.push(buffer.subarray(0, bytesRead), onLine)
      await visitor.afterChunk(bytesRead)
    }
    // A last line without its line feed counts as scanStream counts it: an event when it parses.
    if (position > splitter.consumedOffset) {
      index.markTail()
      splitter.finish(onLine)
    }
    signal?.throwIfAborted()
    await visitor.afterChunk(0)
  } finally {
    await handle.close()
  }
  return index
}

/** Lines of a passed stream that are not valid events: left out of every export and counted. */
export function badLinesOf(index: StreamIndex): number {
  return index.problems.filter((problem) => problem.severity === 'error' || problem.kind === 'torn_tail')
    .length
}
