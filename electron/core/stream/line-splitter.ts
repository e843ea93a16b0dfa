// Splits a file read in chunks into lines without decoding it, so counting and indexing lines costs one
// pass of `indexOf(0x0a)` over the bytes.

/** A line as byte positions; content excludes the line feed, a trailing carriage return and a leading BOM. */
export interface LineSpan {
  /** The bytes the positions below point into. */
  readonly buffer: Buffer
  readonly start: number
  readonly end: number
  /** 1-based line number in the file. */
  readonly line: number
  /** File offset of the line's first byte (before any BOM). */
  readonly lineOffset: number
  /** File offset of `start`. */
  readonly contentOffset: number
  /** False for a last line that has no line feed yet. */
  readonly terminated: boolean
}

const LF = 0x0a
const CR = 0x0d

/** Feeds chunks, calls back once per complete line, and keeps the unterminated tail for the next chunk. */
export class LineSplitter {
  /** The unterminated tail, as copied chunks not yet joined. */
  private carry: Buffer[] = []
  private carryBytes = 0
  /** File offset of the first byte not yet handed out as part of a line. */
  private nextOffset: number
  private lineNumber: number

  constructor(startOffset = 0, linesBefore = 0) {
    this.nextOffset = startOffset
    this.lineNumber = linesBefore
  }

  /** File offset where the unterminated tail (if any) begins. */
  get consumedOffset(): number {
    return this.nextOffset
  }

  get linesSeen(): number {
    return this.lineNumber
  }

  /**
   * Take the next chunk. O(chunk) plus, when a line feed ends a long line, one copy of that line.
   *
   * The unterminated tail is kept as a list of copied chunks and joined only once a line feed arrives:
   * joining it to every new chunk made a line spanning n chunks cost O(n^2) bytes copied.
   */
  push(chunk: Buffer, onLine: (span: LineSpan) => void): void {
    const carried = this.carryBytes
    if (chunk.indexOf(LF) === -1) {
      // The caller may reuse its buffer, so what is carried must be a copy.
      if (chunk.length > 0) this.carry.push(Buffer.from(chunk))
      this.carryBytes += chunk.length
      return
    }
    const buffer = carried > 0 ? Buffer.concat([...this.carry, chunk]) : chunk
    let start = 0
    for (let nl = buffer.indexOf(LF, carried); nl !== -1; nl = buffer.indexOf(LF, start)) {
      this.emit(buffer, start, nl, true, onLine)
      this.nextOffset += nl + 1 - start
      start = nl + 1
    }
    this.carry = start < buffer.length ? [Buffer.from(buffer.subarray(start))] : []
    this.carryBytes = buffer.length - start
  }

  /** Hand out the unterminated tail as a last line, without consuming it. */
  finish(onLine: (span: LineSpan) => void): void {
    if (this.carryBytes === 0) return
    if (this.carry.length > 1) this.carry = [Buffer.concat(this.carry)]
    const tail = this.carry[0]
    if (tail) this.emit(tail, 0, tail.length, false, onLine, true)
  }

  private emit(
    buffer: Buffer,
    start: number,
    end: number,
    terminated: boolean,
    onLine: (span: LineSpan) => void,
    peek = false,
  ): void {
    const lineOffset = this.nextOffset
    let contentStart = start
    if (
      lineOffset === 0 &&
      buffer[start] === 0xef &&
      buffer[start + 1] === 0xbb &&
      buffer[start + 2] === 0xbf
    ) {
      contentStart += 3
    }
    const contentEnd = end > contentStart && buffer[end - 1] === CR ? end - 1 : end
    const line = this.lineNumber + 1
    if (!peek) this.lineNumber = line
    onLine({
      buffer,
      start: contentStart,
      end: contentEnd,
      line,
      lineOffset,
      contentOffset: lineOffset + (contentStart - start),
      terminated,
    })
  }
}
