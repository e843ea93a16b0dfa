// Where each valid event of a stream sits in its file: 16 bytes per event in typed arrays, so a
// million-event stream costs 16 MB of index instead of a million parsed objects.

export interface PositionColumns {
  readonly offsets: Float64Array<ArrayBuffer>
  readonly lengths: Uint32Array<ArrayBuffer>
  readonly lineNumbers: Uint32Array<ArrayBuffer>
  readonly count: number
}

/** Growable columns of (content offset, content length, line number), indexed by version - 1. */
export class EventPositions {
  private offsets = new Float64Array(256)
  private lengths = new Uint32Array(256)
  private lineNumbers = new Uint32Array(256)
  count = 0

  push(offset: number, length: number, line: number): void {
    if (this.count === this.offsets.length) this.grow()
    this.offsets[this.count] = offset
    this.lengths[this.count] = length
    this.lineNumbers[this.count] = line
    this.count++
  }

  /** Forget every event from `count` on (used to drop a provisional last line). */
  truncate(count: number): void {
    this.count = Math.min(this.count, count)
  }

  offsetOf(version: number): number {
    return this.offsets[version - 1] ?? Number.NaN
  }

  lengthOf(version: number): number {
    return this.lengths[version - 1] ?? 0
  }

  lineOf(version: number): number {
    return this.lineNumbers[version - 1] ?? 0
  }

  /** How many events lie on lines before `line`: binary search, O(log n). */
  countBeforeLine(line: number): number {
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
