// Reading a stream for the scan cache: a whole read (without replay) that also stamps the file from
// the bytes it reads anyway (no second open), and a read on from a cached entry's old end once the
// file's old head and old end are checked to be the bytes the entry was taken from.

import type { Stats } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Problem } from '../../../shared/contract'
import type { Json } from '../json/json-value'
import { readingOf } from '../stream-facts/stream-reading'
import { extendStream, scanStream, StreamIndex, type StreamTransfer } from '../stream/stream-index'
import type { StampedReading, ResumePoint } from './readings-codec'
import { hashBytes, hashEnds, sha1, stampOf, type StreamStamp } from './stream-stamp'

/**
 * Read a stream whole (counts, times, findings) and stamp it for the cache. O(file size). `syncUpTo`:
 * a file up to that size is read with synchronous calls (a worker thread reading many streams).
 */
export async function readForCache(
  file: string,
  aggregateId: string,
  syncUpTo?: number,
): Promise<StampedReading> {
  const readAtMs = Date.now()
  const ends = new EndBytes()
  const scan = await scanStream(file, aggregateId, { replay: false }, { ...ends.control(), syncUpTo })
  return entryOf(scan, ends.stamp(scan), readAtMs)
}

/**
 * Read on from a cached entry's end when the file only grew: O(appended bytes). Null when it cannot
 * (the old head or old end differ, the entry ended inside a line, the file was replaced): read it whole.
 */
export async function readOnFromCache(
  file: string,
  aggregateId: string,
  cached: StampedReading,
  info: Pick<Stats, 'dev' | 'ino' | 'size'>,
): Promise<StampedReading | null> {
  const { stamp, resume } = cached
  if (!resume || info.dev !== stamp.dev || info.ino !== stamp.ino || info.size <= stamp.size) return null
  if (!(await oldBytesStand(file, stamp))) return null
  const readAtMs = Date.now()
  const index = StreamIndex.fromTransfer(transferOf(file, aggregateId, cached, resume))
  if (!(await extendStream(index))) return null
  return entryOf(index, await stampAfter(file, index), readAtMs)
}

// The stamp of the file as read on (few streams grow between two opens: a second open is fine here).
async function stampAfter(file: string, index: StreamIndex): Promise<StreamStamp | null> {
  const handle = await open(file, 'r').catch(() => null)
  if (!handle) return null
  try {
    const info = await handle.stat()
    if (info.size !== index.fileSize || info.ino !== index.fileIno || info.mtimeMs !== index.fileMtimeMs)
      return null
    return stampOf(handle, info)
  } finally {
    await handle.close()
  }
}

// The head and the end of the file as it was cached still hash as they did: it only grew.
async function oldBytesStand(file: string, stamp: StreamStamp): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null)
  if (!handle) return false
  try {
    const { head, tail } = await hashEnds(handle, stamp.size)
    return head === stamp.head && tail === stamp.tail
  } finally {
    await handle.close()
  }
}

function entryOf(scan: StreamIndex, stamp: StreamStamp | null, readAtMs: number): StampedReading {
  const reading = readingOf(scan)
  if (!stamp) return { reading, stamp: unstamped, readAtMs: 0, resume: null }
  const fields = scan.toTransfer().fields as unknown as ResumeFields
  // A stream ending inside a line is read whole next time: its provisional last line would need undoing.
  const resume: ResumePoint | null =
    scan.committedBytes === scan.fileSize
      ? {
          committedLines: scan.committedLines,
          lastTimeValue: fields.lastTimeValue ?? null,
          firstEventAt: scan.firstEventAt,
          mismatches: fields.mismatches,
          mismatchAt: fields.mismatchProblem ? scan.problems.indexOf(fields.mismatchProblem) : -1,
        }
      : null
  return { reading, stamp, readAtMs, resume }
}

/** An entry that must never match a file (its stamp could not be taken). */
const unstamped: StreamStamp = { dev: -1, ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1, head: '', tail: '' }

interface ResumeFields {
  readonly lastTimeValue: Json | undefined
  readonly mismatches: number
  readonly mismatchProblem: Problem | null
}

// A StreamIndex as the cached reading left it, ready to read on: the positions are only counted when
// reading without replay, so zeros stand in for them.
function transferOf(
  file: string,
  aggregateId: string,
  cached: StampedReading,
  resume: ResumePoint,
): StreamTransfer {
  const { reading, stamp } = cached
  const room = Math.max(reading.eventCount, 16)
  const problems = [...reading.problems].map((problem) => ({ ...problem }))
  return {
    file,
    aggregateId,
    options: { replay: false },
    positions: {
      offsets: new Float64Array(room),
      lengths: new Uint32Array(room),
      lineNumbers: new Uint32Array(room),
      count: reading.eventCount,
    },
    checkpoints: { versions: [0], states: [{}], bytesSinceLast: 0 },
    fields: {
      problems,
      problemCount: reading.problemCount,
      errorCount: reading.errorCount,
      style: reading.style,
      type: reading.type,
      firstEventAt: resume.firstEventAt,
      lastTimeValue: resume.lastTimeValue ?? undefined,
      fileSize: stamp.size,
      fileIno: stamp.ino,
      fileMtimeMs: stamp.mtimeMs,
      typeCounts: new Map(reading.typeCounts),
      latestOfType: new Map(reading.latestOfType),
      committedBytes: stamp.size,
      committedLines: resume.committedLines,
      mismatches: resume.mismatches,
      mismatchProblem: resume.mismatchAt >= 0 ? (problems[resume.mismatchAt] ?? null) : null,
    },
  }
}

/** Keeps the first and the last `hashBytes` of what a read goes through, and the file's fstat. */
class EndBytes {
  private info: Stats | null = null
  private head = Buffer.alloc(0)
  private last = Buffer.alloc(0)

  control(): { onOpen: (info: Stats) => void; onBytes: (bytes: Buffer, at: number) => void } {
    return {
      onOpen: (info) => {
        this.info = info
      },
      onBytes: (bytes, at) => {
        if (at < hashBytes) this.head = Buffer.concat([this.head, bytes.subarray(0, hashBytes - at)])
        // Copies at most 2 x hashBytes per chunk of 4 MiB.
        const kept = Buffer.concat([this.last, bytes.subarray(Math.max(0, bytes.length - hashBytes))])
        this.last = kept.subarray(Math.max(0, kept.length - hashBytes))
      },
    }
  }

  /** The stamp of a whole read, or null when it did not cover the file as fstat saw it (it shrank). */
  stamp(scan: StreamIndex): StreamStamp | null {
    const info = this.info
    if (!info || scan.fileSize !== info.size) return null
    const head = sha1(this.head)
    const tail = info.size <= hashBytes ? head : sha1(this.last)
    return {
      dev: info.dev,
      ino: info.ino,
      size: info.size,
      mtimeMs: info.mtimeMs,
      ctimeMs: info.ctimeMs,
      head,
      tail,
    }
  }
}
