// Where each valid event of a stream sits in its file: 16 bytes per event in typed arrays, so a
// million-event stream costs 16 MB of index instead of a million parsed objects.

export interface PositionColumns {
  readonly offsets: Float64Array<ArrayBuffer>
  readonly lengths: Uint32Array<ArrayBuffer>
  readonly lineNumbers: Uint32Array<ArrayBuffer>
  readonly count: number
}

/**
 * Positions as the scan cache keeps them (cached-scan.ts): each event's length, and the gaps between one
 * event's end and the next one's start, and between their line numbers: 6 bytes an event where the
 * gaps fit in a byte, instead of 16.
 */
export interface CompactPositions {
  readonly count: number
  readonly lengths: Uint32Array<ArrayBuffer>
  readonly offsetGaps: Uint8Array | Float64Array
  readonly lineGaps: Uint8Array | Uint32Array
}

/** Events per block of compact positions turned into offsets and line numbers at a time. */
const blockSize = 4096

/** Growable columns of (content offset, content length, line number), indexed by version - 1. */
export class EventPositions {
  private offsets = new Float64Array(256)
  private lengths = new Uint32Array(256)
  private lineNumbers = new Uint32Array(256)
  count = 0
  /** Compact positions whose blocks are not all unpacked yet (fromCompact); null once every one is. */
  private unfilled: UnfilledBlocks | null = null

  push(offset: number, length: number, line: number): void {
    if (this.unfilled) this.fillAll()
    if (this.count === this.offsets.length) this.grow()
    this.offsets[this.count] = offset
    this.lengths[this.count] = length
    this.lineNumbers[this.count] = line
    this.count++
  }

  /** Forget every event from `count` on (used to drop a provisional last line). */
  truncate(count: number): void {
    if (this.unfilled) this.fillAll()
    this.count = Math.min(this.count, count)
  }

  offsetOf(version: number): number {
    if (this.unfilled) this.fillAt(version - 1)
    return this.offsets[version - 1] ?? Number.NaN
  }

  lengthOf(version: number): number {
    return this.lengths[version - 1] ?? 0
  }

  lineOf(version: number): number {
    if (this.unfilled) this.fillAt(version - 1)
    return this.lineNumbers[version - 1] ?? 0
  }

  /** How many events lie on lines before `line`: binary search, O(log n). */
  countBeforeLine(line: number): number {
    if (this.unfilled) this.fillAll()
    let low = 0
    let high = this.count
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.lineNumbers[mid] ?? 0) < line) low = mid + 1
      else high = mid
    }
    return low
  }

  /** The columns as they are, to move to another thread (their buffers can be transferred, not copied). */
  columns(): PositionColumns {
    if (this.unfilled) this.fillAll()
    return { offsets: this.offsets, lengths: this.lengths, lineNumbers: this.lineNumbers, count: this.count }
  }

  /** Positions over columns received from another thread. */
  static fromColumns(columns: PositionColumns): EventPositions {
    const positions = new EventPositions()
    positions.offsets = columns.offsets
    positions.lengths = columns.lengths
    positions.lineNumbers = columns.lineNumbers
    positions.count = columns.count
    return positions
  }

  /**
   * Positions over their compact form, unpacked a block of events at a time as they are asked for: a
   * state or a window touches a few blocks, where unpacking a 1M-event stream whole writes 12 MB (most
   * of a warm `eventscope state`'s time on a machine where first touching memory is slow). One pass of
   * reads finds where each block starts.
   */
  static fromCompact(compact: CompactPositions): EventPositions {
    const { count, lengths, offsetGaps, lineGaps } = compact
    const blocks = Math.ceil(count / blockSize)
    const ends = new Float64Array(blocks)
    const lines = new Float64Array(blocks)
    let end = 0
    let line = 0
    for (let i = 0; i < count; i++) {
      if (i % blockSize === 0) {
        ends[i / blockSize] = end
        lines[i / blockSize] = line
      }
      end += (offsetGaps[i] as number) + (lengths[i] as number)
      line += lineGaps[i] as number
    }
    const positions = new EventPositions()
    // Columns of at least one entry: an empty column could not grow. Allocated, not yet written.
    positions.offsets = new Float64Array(Math.max(count, 1))
    positions.lengths = count > 0 ? lengths : new Uint32Array(1)
    positions.lineNumbers = new Uint32Array(Math.max(count, 1))
    positions.count = count
    if (count > 0) positions.unfilled = { compact, ends, lines, filled: new Uint8Array(blocks) }
    return positions
  }

  private fillAt(i: number): void {
    const unfilled = this.unfilled as UnfilledBlocks
    if (i < 0 || i >= unfilled.compact.count) return
    const block = Math.floor(i / blockSize)
    if (unfilled.filled[block] === 1) return
    const { lengths, offsetGaps, lineGaps } = unfilled.compact
    let end = unfilled.ends[block] as number
    let line = unfilled.lines[block] as number
    const last = Math.min(unfilled.compact.count, (block + 1) * blockSize)
    for (let at = block * blockSize; at < last; at++) {
      const offset = end + (offsetGaps[at] as number)
      line += lineGaps[at] as number
      this.offsets[at] = offset
      this.lineNumbers[at] = line
      end = offset + (lengths[at] as number)
    }
    unfilled.filled[block] = 1
  }

  private fillAll(): void {
    const unfilled = this.unfilled as UnfilledBlocks
    for (let block = 0; block < unfilled.filled.length; block++) this.fillAt(block * blockSize)
    this.unfilled = null
  }

  private grow(): void {
    const size = this.offsets.length * 2
    this.offsets = copyInto(new Float64Array(size), this.offsets)
    this.lengths = copyInto(new Uint32Array(size), this.lengths)
    this.lineNumbers = copyInto(new Uint32Array(size), this.lineNumbers)
  }
}

function copyInto<T extends Float64Array | Uint32Array>(target: T, source: T): T {
  target.set(source)
  return target
}

interface UnfilledBlocks {
  readonly compact: CompactPositions
  /** Where each block's first event's predecessor ends, and its line (0 before the first event). */
  readonly ends: Float64Array
  readonly lines: Float64Array
  /** 1 for a block whose offsets and line numbers are written. */
  readonly filled: Uint8Array
}
