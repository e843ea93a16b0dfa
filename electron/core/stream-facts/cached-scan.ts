// A big stream's scan kept in the persistent scan cache (scan-cache.ts keeps the file; this file says
// what is in it), so that `eventscope state` in a new process does not read the stream again: its
// positions, its checkpoints and every other fact of the scan, with the stamp of the file it was
// taken from. v8's serializer writes the checkpoint states as one graph (a subtree shared by several
// states once) and keeps bigints and kept literals (String wrappers) as themselves.
//
// Only streams big enough to be read on worker threads (8 MiB) are kept: smaller ones cost little to
// read again. Trusted only when the file still has its stamp (device, inode, size, mtime, ctime, and the hashes
// of its first and last 4 KiB) and three events read back where the positions say they are; a file
// that only grew is read on from its old end. Anything else is a miss, and a file that lies is removed.

import { deserialize, serialize } from 'node:v8'
import { discardStreamScan, loadStreamScan, saveStreamScan } from '../scan-cache/scan-cache'
import { cachePlace } from '../scan-cache/cache-place'
import { hashEnds, sameFile, settledAt, stampOf, type StreamStamp } from '../scan-cache/stream-stamp'
import { openRegularFile } from '../store/regular-file'
import { EventPositions, type CompactPositions, type PositionColumns } from '../stream/event-positions'
import { extendStream, StreamIndex, type StreamTransfer } from '../stream/stream-index'
import { isJsonObject } from '../json/json-value'
import { workerThresholds } from '../worker/run-task'

const snapshotFormat = 1

interface Snapshot {
  readonly format: number
  readonly stamp: StreamStamp
  readonly readAtMs: number
  readonly index: Omit<StreamTransfer, 'positions'> & { readonly positions: CompactPositions }
}

type Handle = Awaited<ReturnType<typeof openRegularFile>>['handle']

/**
 * The scan of an aggregate's stream from the cache (read on if the file only grew), or null when the
 * cache has none it can trust. O(cached bytes) to decode plus a few small reads of the stream.
 */
export async function cachedScan(
  dir: string,
  aggregateId: string,
  file: string,
): Promise<{ readonly index: StreamIndex; readonly grown: boolean } | null> {
  if (!cachePlace().enabled) return null
  const { handle, info } = await openRegularFile(file)
  try {
    if (info.size < workerThresholds().minScanBytes) return null
    const loaded = await loadStreamScan(dir, aggregateId, decodeSnapshot)
    if (loaded.kind !== 'hit') return null
    const { stamp, readAtMs, index: transfer } = loaded.value
    if (!settledAt(stamp, readAtMs, cachePlace().settleMs)) return null
    const same = sameFile(stamp, info)
    const grown = !same && info.dev === stamp.dev && info.ino === stamp.ino && info.size > stamp.size
    const ends = same || grown ? await hashEnds(handle, stamp.size) : null
    const index = StreamIndex.restoredWith(
      { ...transfer, file, aggregateId },
      EventPositions.fromCompact(transfer.positions),
    )
    if (
      !ends ||
      ends.head !== stamp.head ||
      ends.tail !== stamp.tail ||
      !(await eventsInPlace(handle, index))
    ) {
      // Replaced, rewritten or lying: never trusted again.
      await discardStreamScan(dir, aggregateId)
      return null
    }
    if (grown && !(await extendStream(index))) return null
    return { index, grown }
  } finally {
    await handle.close()
  }
}

/**
 * Keep a stream's scan for the next process; false when it is not kept (small, changed since it was
 * read, the cache switched off or full). Costs a serialization of the scan on this thread.
 */
export async function keepScan(dir: string, index: StreamIndex): Promise<boolean> {
  if (!cachePlace().enabled || index.fileSize < workerThresholds().minScanBytes) return false
  const readAtMs = Date.now()
  const { handle, info } = await openRegularFile(index.file)
  let stamp: StreamStamp
  try {
    if (info.size !== index.fileSize || info.ino !== index.fileIno || info.mtimeMs !== index.fileMtimeMs)
      return false
    stamp = await stampOf(handle, info)
  } finally {
    await handle.close()
  }
  return saveStreamScan(dir, index.aggregateId, encodeSnapshot(index, stamp, readAtMs))
}

/** A scan and its file's stamp as bytes. */
export function encodeSnapshot(index: StreamIndex, stamp: StreamStamp, readAtMs: number): Buffer {
  const transfer = index.toTransfer()
  const snapshot: Snapshot = {
    format: snapshotFormat,
    stamp,
    readAtMs,
    index: { ...transfer, positions: packPositions(transfer.positions) },
  }
  return serialize(snapshot)
}

/** The snapshot in `body`, or null when it is not one this version wrote (then it is discarded). */
export function decodeSnapshot(body: Buffer): Snapshot | null {
  let value: unknown
  try {
    value = deserialize(body)
  } catch {
    return null
  }
  if (!isRecord(value) || !isRecord(value.index)) return null
  const positions = compactPositions(value.index.positions)
  if (!positions) return null
  const snapshot = { ...value, index: { ...value.index, positions } }
  return isSnapshot(snapshot) ? snapshot : null
}

/**
 * Positions as written to the cache (CompactPositions): the gaps take a byte each where they fit (a
 * line feed, a CRLF, a damaged line between), so the file of a 1M-event stream is read, checked and
 * decoded in a third of the time.
 */
function packPositions(positions: PositionColumns): CompactPositions {
  const { count, offsets, lengths, lineNumbers } = positions
  const offsetGaps = new Float64Array(count)
  const lineGaps = new Uint32Array(count)
  let end = 0
  let line = 0
  let small = true
  for (let i = 0; i < count; i++) {
    const offsetGap = (offsets[i] as number) - end
    const lineGap = (lineNumbers[i] as number) - line
    offsetGaps[i] = offsetGap
    lineGaps[i] = lineGap
    if (offsetGap > 255 || lineGap > 255 || offsetGap < 0) small = false
    end = (offsets[i] as number) + (lengths[i] as number)
    line = lineNumbers[i] as number
  }
  return {
    count,
    lengths: lengths.slice(0, count),
    offsetGaps: small ? Uint8Array.from(offsetGaps) : offsetGaps,
    lineGaps: small ? Uint8Array.from(lineGaps) : lineGaps,
  }
}

// The compact positions in a decoded snapshot, checked for shape (they are unpacked as they are asked for).
function compactPositions(value: unknown): CompactPositions | null {
  if (!isRecord(value)) return null
  const { count, lengths, offsetGaps, lineGaps } = value
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return null
  const gapsOk =
    (offsetGaps instanceof Uint8Array || offsetGaps instanceof Float64Array) &&
    (lineGaps instanceof Uint8Array || lineGaps instanceof Uint32Array)
  if (
    !(lengths instanceof Uint32Array) ||
    !gapsOk ||
    [lengths, offsetGaps, lineGaps].some((a) => a.length !== count)
  )
    return null
  return { count, lengths: lengths as Uint32Array<ArrayBuffer>, offsetGaps, lineGaps }
}

function isSnapshot(value: unknown): value is Snapshot {
  if (!isRecord(value) || value.format !== snapshotFormat || typeof value.readAtMs !== 'number') return false
  const { stamp, index } = value
  if (!isRecord(stamp) || !isRecord(index) || !isRecord(index.fields)) return false
  if (!['dev', 'ino', 'size', 'mtimeMs', 'ctimeMs'].every((key) => typeof stamp[key] === 'number'))
    return false
  if (typeof stamp.head !== 'string' || typeof stamp.tail !== 'string') return false
  const { positions, checkpoints } = index
  if (!isRecord(positions) || !isRecord(checkpoints)) return false
  const count = positions.count
  if (typeof count !== 'number') return false
  const { versions, states } = checkpoints
  if (!Array.isArray(versions) || !Array.isArray(states) || versions.length !== states.length) return false
  if (versions[0] !== 0 || !states.every(isJsonObject)) return false
  for (let i = 1; i < versions.length; i++) {
    const version = versions[i] as unknown
    if (typeof version !== 'number' || version <= (versions[i - 1] as number) || version > count) return false
  }
  const committed = index.fields.committedBytes
  return typeof committed === 'number' && committed <= (stamp.size as number)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

// The first, middle and last events are JSON objects on lines of their own where the positions say.
async function eventsInPlace(handle: Handle, index: StreamIndex): Promise<boolean> {
  const count = index.eventCount
  for (const version of new Set([1, Math.ceil(count / 2), count])) {
    if (version < 1) continue
    const offset = index.positions.offsetOf(version)
    const length = index.positions.lengthOf(version)
    const bytes = Buffer.alloc(length + 2)
    const { bytesRead } = await handle.read(bytes, 0, length + 2, Math.max(0, offset - 1))
    const before = offset === 0 ? 0x0a : bytes[0]
    const line = bytes.subarray(offset === 0 ? 0 : 1, (offset === 0 ? 0 : 1) + length)
    if (bytesRead < length || (before !== 0x0a && before !== 0xbf)) return false
    try {
      if (!isJsonObject(JSON.parse(line.toString('utf8')))) return false
    } catch {
      return false
    }
  }
  return true
}
