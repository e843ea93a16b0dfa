// Build a StreamIndex from bytes in memory, the way scanStream builds it from a file, so the pure parts
// (problem rows, checkpoints, versions) can be tested without touching the disk.

import { LineSplitter } from '../../electron/core/stream/line-splitter'
import { StreamIndex } from '../../electron/core/stream/stream-index'

/** Index `text` as the stream of `aggregateId`, fed in chunks of `chunkBytes`. */
export function indexText(
  text: string | Buffer,
  aggregateId = 'agg-1',
  options: { replay?: boolean; chunkBytes?: number } = {},
): StreamIndex {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  const index = new StreamIndex(`/nonexistent/${aggregateId}.events.jsonl`, aggregateId, {
    replay: options.replay ?? true,
  })
  const splitter = new LineSplitter()
  const step = options.chunkBytes ?? Math.max(bytes.length, 1)
  for (let at = 0; at < bytes.length; at += step)
    splitter.push(bytes.subarray(at, at + step), (span) => index.accept(span))
  splitter.finish((span) => index.accept(span))
  return index
}
