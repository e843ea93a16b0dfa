// What the last read of one stream found, as plain values: enough to judge its row against index.json,
// to answer event-type questions, and to notice that the file has not changed since.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import type { StreamIndex } from '../stream/stream-index'
import type { StreamFacts } from '../store/reconcile'
import type { FileIdentity } from './file-identity'

export interface StreamReading extends StreamFacts {
  readonly type: string | null
  readonly style: EnvelopeStyle | null
  readonly typeCounts: ReadonlyMap<string, number>
  readonly latestOfType: ReadonlyMap<string, number>
  readonly problems: readonly Problem[]
  readonly problemCount: number
  /** Of `problemCount`, the errors; the rest are warnings. */
  readonly errorCount: number
  /** The file as it was read: a reading is reused only while size, mtime and inode are all the same. */
  readonly file: FileIdentity
}

/** The reading of a finished scan (copies what the index may still change when the file grows). */
export function readingOf(scan: StreamIndex): StreamReading {
  return {
    eventCount: scan.eventCount,
    lastEventAt: scan.lastEventAt,
    lastEventAtMs: scan.lastEventAtMs,
    type: scan.type,
    style: scan.style,
    typeCounts: new Map(scan.typeCounts),
    latestOfType: new Map(scan.latestOfType),
    problems: [...scan.problems],
    problemCount: scan.problemCount,
    errorCount: scan.errorCount,
    file: { size: scan.fileSize, mtimeMs: scan.fileMtimeMs, ino: scan.fileIno },
  }
}
